"""Project configuration: ``[tool.congregate-lint]`` in pyproject.toml, or a ``.congregate-lint.toml``.

The file is looked for upward from each linted file's directory (the working
directory for stdin), in each directory ``.congregate-lint.toml`` first, then a
``pyproject.toml`` that has the table; the search stops after the git root (the
directory holding ``.git``) and after the home directory, and before any directory
someone else could have put a file in (:func:`trusted_directory`: one that others
may write to, such as /tmp, or one owned by another user than you or root). The
first file found is used whole; files are not
merged. It is validated against the shipped JSON Schema
``congregate-lint.config.schema.json``; any problem is a :class:`ConfigError`
naming the file and the key.

The trust boundary: such a file may sit in a cloned repository or in a shared
parent folder, so it selects rules, severities and formats only. It never
decides where a credential goes (an endpoint, a host, a proxy, a CA bundle,
TLS verification) and never sets a live time limit above ``MAX_CONFIG_DEADLINE``
or ``MAX_CONFIG_TIMEOUT``; a file that tries is refused with the key and why.
"""

import fnmatch
import json
import os
import re
import stat
import sys
from types import MappingProxyType, ModuleType
from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Sequence, Tuple

from congregate_lint import schema_subset, schemas
from congregate_lint.findings import Finding, Severity
from congregate_lint.registry import RULE_REFS, SelectionError, find_rule, rule_matches, select_rules

OWN_FILE = ".congregate-lint.toml"
PYPROJECT = "pyproject.toml"
TABLE = ("tool", "congregate-lint")
SCHEMA_FILE = "congregate-lint.config.schema.json"
# Live time limits a configuration file may set; only the command line may ask for more (a hook must not stall).
MAX_CONFIG_DEADLINE = 60.0
MAX_CONFIG_TIMEOUT = 30.0
# Key names (top level and [live]) that would steer where a credential goes, and what to use instead (patterns
# compiled by re when a configuration file is first checked: most runs have none).
_STEERING = (
    (r"endpoint|url|host|server|address", "where credentials are sent",
     "--git-endpoint or CONGREGATE_LINT_GIT_ENDPOINT"),
    (r"proxy", "a proxy for credentials", "HTTPS_PROXY in the environment"),
    (r"ca[-_]?bundle|ca[-_]?file|cert|verify|ssl|tls", "which TLS certificates are trusted",
     "AWS_CA_BUNDLE in the environment"),
)


class ConfigError(Exception):
    """A configuration file that cannot be used; the message is one line naming the file and the key."""


class ProjectConfig(NamedTuple):
    """The settings of one configuration file (all empty when there is none)."""

    path: Optional[str] = None
    select: Tuple[str, ...] = ()
    ignore: Tuple[str, ...] = ()
    severity: Mapping[str, Severity] = MappingProxyType({})
    strict: Optional[bool] = None
    max_per_rule: Optional[int] = None
    per_path_ignores: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()
    live: Mapping[str, Any] = MappingProxyType({})
    congregate_version: Optional[str] = None

    @property
    def directory(self) -> str:
        return os.path.dirname(os.path.abspath(self.path)) if self.path else os.getcwd()

    def path_ignores(self, linted: str) -> List[str]:
        """The selectors of every per-path glob the linted file matches."""
        if not self.per_path_ignores or linted.startswith("<"):
            return []
        relative = os.path.relpath(os.path.abspath(linted), self.directory).replace(os.sep, "/")
        name = relative.rsplit("/", 1)[-1]
        return [
            selector
            for pattern, selectors in self.per_path_ignores
            if fnmatch.fnmatchcase(relative if "/" in pattern else name, pattern)
            for selector in selectors
        ]

    def rules_for(self, linted: str, select: Sequence[str], ignore: Sequence[str], live: bool = True) -> List[ModuleType]:
        """The rules to run on one file: command-line --select replaces the file's, --ignore adds to it.

        ``live=False`` leaves the live rules out before any of them is imported."""
        return select_rules(list(select) or list(self.select), [*self.ignore, *ignore, *self.path_ignores(linted)],
                            live=live)

    def apply_severity(self, findings: Sequence[Finding]) -> List[Finding]:
        """The findings with each per-rule severity override applied."""
        return [
            finding._replace(severity=self.severity[finding.rule]) if finding.rule in self.severity else finding
            for finding in findings
        ]


NO_CONFIG = ProjectConfig()


class ConfigResolver:
    """Finds and loads the configuration of each linted path, reading each file once per run."""

    def __init__(self, explicit: Optional[str] = None, isolated: bool = False):
        self.explicit = os.path.abspath(explicit) if explicit is not None else None
        self.isolated = isolated
        self._found: Dict[str, Optional[str]] = {}
        self._loaded: Dict[str, ProjectConfig] = {}
        self._toml: Dict[str, Dict[str, Any]] = {}
        self.passed_over: List[str] = []  # configuration files the search did not read: see _search

    def for_path(self, linted: str) -> ProjectConfig:
        """The configuration that applies to a linted path (``<stdin>`` starts from the working directory)."""
        if self.isolated:
            return NO_CONFIG
        if self.explicit is not None:
            return self.load(self.explicit)
        start = os.getcwd() if linted.startswith("<") else os.path.dirname(os.path.abspath(linted))
        found = self.discover(start)
        return self.load(found) if found else NO_CONFIG

    def discover(self, directory: str) -> Optional[str]:
        """The nearest configuration file from ``directory`` upward, stopping at the git root."""
        if directory not in self._found:
            self._found[directory] = self._search(directory)
        return self._found[directory]

    def _search(self, directory: str) -> Optional[str]:
        candidates = (os.path.join(directory, OWN_FILE), os.path.join(directory, PYPROJECT))
        if not trusted_directory(directory):
            self.passed_over.extend(path for path in candidates if self._configures(path, quietly=True))
            return None
        found = next((path for path in candidates if self._configures(path)), None)
        parent = os.path.dirname(directory)
        if found or os.path.exists(os.path.join(directory, ".git")) or parent == directory or directory == _home():
            return found
        return self.discover(parent)

    def _configures(self, path: str, quietly: bool = False) -> bool:
        """True when ``path`` is a file the search would use (for a pyproject.toml: one with the table). A
        pyproject.toml that is not valid TOML raises ConfigError, or with ``quietly`` configures nothing."""
        if not os.path.isfile(path):
            return False
        if os.path.basename(path) != PYPROJECT:
            return True
        try:
            return _table(self._read(path)) is not None
        except ConfigError:
            if quietly:
                return False
            raise

    def load(self, path: str) -> ProjectConfig:
        """Read, validate and convert one configuration file."""
        if path not in self._loaded:
            self._loaded[path] = self._load(path)
        return self._loaded[path]

    def _load(self, path: str) -> ProjectConfig:
        if not os.path.isfile(path):
            raise ConfigError(f"{path}: no such configuration file")
        is_pyproject = os.path.basename(path) == PYPROJECT
        settings = _table(self._read(path)) if is_pyproject else self._read(path)
        if settings is None:
            raise ConfigError(f"{path}: has no [tool.congregate-lint] table")
        prefix = ".".join(TABLE) + "." if is_pyproject else ""
        _validate(path, prefix, settings)
        return _convert(path, prefix, settings)

    def _read(self, path: str) -> Dict[str, Any]:
        if path not in self._toml:
            self._toml[path] = _read_toml(path)
        return self._toml[path]


def trusted_directory(directory: str) -> bool:
    """True when only you (or root) can have put a file in ``directory``: it is owned by you or root and others
    may not write to it. A world-writable folder (/tmp, /var/tmp, /dev/shm, sticky bit or not) or one owned by
    another user may hold a configuration file planted to silence rules; the search never reads one or passes it."""
    if not hasattr(os, "geteuid"):  # Windows: no POSIX owner or mode bits to go by
        return True
    try:
        info = os.stat(directory)
    except OSError:
        return False
    return info.st_uid in (os.geteuid(), 0) and not info.st_mode & stat.S_IWOTH


def _home() -> Optional[str]:
    """The user's home directory (where the search stops), or None when it is unknown."""
    home = os.path.expanduser("~")
    return os.path.abspath(home) if home != "~" else None


def schema() -> Dict[str, Any]:
    return json.loads(schemas.read(SCHEMA_FILE))


def _read_toml(path: str) -> Dict[str, Any]:
    if sys.version_info >= (3, 11):  # imported here: only runs that find a configuration file pay for it
        import tomllib
    else:  # pragma: no cover - exercised on Python < 3.11 only
        import tomli as tomllib
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from None
    except RecursionError:
        raise ConfigError(f"{path}: not valid TOML (arrays or tables nested too deeply)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot be read ({type(error).__name__})") from None


def _table(document: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    tool = document.get(TABLE[0])
    return tool.get(TABLE[1]) if isinstance(tool, dict) else None


def _surely_valid(settings: Any) -> bool:
    """The quick subset checker's "valid" (see congregate_lint.schema_subset); False when it cannot tell."""
    try:
        return schema_subset.is_valid(schema(), settings)
    except schema_subset.Unsupported:
        return False


def _schema_error(settings: Any):
    """jsonschema's best error for the settings, or None (imported only for a configuration that may be wrong)."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    return jsonschema.exceptions.best_match(validator.iter_errors(settings))


def _explain(error) -> str:
    """A schema error in words: unknown keys are named with the known ones."""
    if error.validator != "additionalProperties":
        return " ".join(error.message.split())
    known = sorted(error.schema.get("properties", {}))
    unknown = sorted(set(error.instance) - set(known))
    hint = ("; in .congregate-lint.toml the settings go at the top level, without [tool.congregate-lint]"
            if "tool" in unknown and not error.absolute_path else "")
    return f"unknown key {', '.join(map(repr, unknown))} (known: {', '.join(known)}){hint}"


def _check_trust(path: str, prefix: str, settings: Any) -> None:
    """Refuse a setting that would steer a credential or stall a run: one line naming the key and why."""
    if not isinstance(settings, dict):
        return
    live = settings.get("live")
    tables = [("", settings)] + ([("live.", live)] if isinstance(live, dict) else [])
    for table, values in tables:
        for name in values:
            for pattern, what, instead in _STEERING:
                if re.search(pattern, str(name), re.IGNORECASE):
                    raise ConfigError(f"{path}: {prefix}{table}{name}: refused: a configuration file may select rules, "
                                      f"severities and formats, not {what} (a file in a repository must not decide "
                                      f"that); use {instead}")
    if isinstance(live, dict):
        _check_cap(path, f"{prefix}live.deadline", live.get("deadline"), MAX_CONFIG_DEADLINE, "--deadline")
        timeout = live.get("timeout")
        parts = str(timeout).split(",") if isinstance(timeout, str) else [timeout]
        for part in parts:
            _check_cap(path, f"{prefix}live.timeout", _number(part), MAX_CONFIG_TIMEOUT, "--timeout")


def _number(text: Any) -> Any:
    try:
        return float(text) if isinstance(text, str) else text
    except ValueError:
        return None  # the schema's pattern reports it


def _check_cap(path: str, key: str, value: Any, cap: float, option: str) -> None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > cap:
        raise ConfigError(f"{path}: {key}: {value:g} seconds is above the {cap:g} a configuration file may set "
                          f"(a file in a repository must not stall a hook); pass {option} on the command line")


def _validate(path: str, prefix: str, settings: Any) -> None:
    _check_trust(path, prefix, settings)
    error = None if _surely_valid(settings) else _schema_error(settings)
    if error is not None:
        key = prefix + ".".join(str(part) for part in error.absolute_path) if error.absolute_path else prefix.rstrip(".")
        where = f"{key}: " if key else ""
        raise ConfigError(f"{path}: {where}{_explain(error)}")
    for name in ("select", "ignore"):
        _check_selectors(path, prefix + name, settings.get(name, []))
    for pattern, selectors in settings.get("per-path-ignores", {}).items():
        _check_selectors(path, f"{prefix}per-path-ignores.{pattern}", selectors)


def _check_selectors(path: str, key: str, selectors: Sequence[str]) -> None:
    for selector in selectors:
        if not any(rule_matches(rule, selector) for rule in RULE_REFS):
            raise ConfigError(f"{path}: {key}: no rule matches {selector!r}; `congregate-lint rules` lists them")


def _convert(path: str, prefix: str, settings: Dict[str, Any]) -> ProjectConfig:
    severity = {}
    for name, level in settings.get("severity", {}).items():
        try:
            severity[find_rule(name).ID] = Severity(level)
        except SelectionError:
            raise ConfigError(f"{path}: {prefix}severity.{name}: names no rule (use an exact ID or name)") from None
    return ProjectConfig(
        path=path,
        select=tuple(settings.get("select", ())),
        ignore=tuple(settings.get("ignore", ())),
        severity=severity,
        strict=settings.get("strict"),
        max_per_rule=settings.get("max-per-rule"),
        per_path_ignores=tuple((glob, tuple(rules)) for glob, rules in settings.get("per-path-ignores", {}).items()),
        live=dict(settings.get("live", {})),
        congregate_version=settings.get("congregate-version"),
    )
