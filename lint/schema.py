"""The shipped JSON Schema of congregate.conf and the per-key metadata the rules read from it."""

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any, Dict

SCHEMA_FILE = "congregate.conf.schema.json"
METADATA = "x-congregate"
_SECRET_NAME = re.compile(r"token|password|secret|passwd|pwd|access_key", re.IGNORECASE)


@lru_cache(maxsize=None)
def schema_text() -> str:
    return resources.files("congregate_lint.schemas").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def load_schema() -> Dict[str, Any]:
    return json.loads(schema_text())


def section_schema(section: str) -> Dict[str, Any]:
    return load_schema().get("properties", {}).get(section, {})


def key_schema(section: str, key: str) -> Dict[str, Any]:
    return section_schema(section).get("properties", {}).get(key, {})


def key_info(section: str, key: str) -> Dict[str, Any]:
    """The ``x-congregate`` metadata of a key (empty for an unknown key)."""
    return key_schema(section, key).get(METADATA, {})


def is_known(section: str, key: str) -> bool:
    return bool(key_schema(section, key))


def is_secret(section: str, key: str) -> bool:
    """Secret or obfuscated in the schema; an unknown key is secret when its name suggests a credential."""
    if is_known(section, key):
        info = key_info(section, key)
        return bool(info.get("secret") or info.get("obfuscated"))
    return any(is_known(known, key) and is_secret(known, key) for known in load_schema().get("properties", {})) or bool(
        _SECRET_NAME.search(key)
    )
