"""Run the benchmarks as after a normal ``pip install``: pip byte-compiles what it installs.

An editable checkout under PYTHONDONTWRITEBYTECODE would otherwise compile every
module from source on every run and measure the compiler, not the tool.
"""

import compileall
import os
from pathlib import Path
from typing import Dict, Optional

ROOT = Path(__file__).resolve().parent.parent


def compile_project() -> None:
    for package in ("lint", "rules", "schemas"):
        compileall.compile_dir(str(ROOT / package), quiet=1)


def environment(base: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    """The environment (``os.environ`` by default) without PYTHONDONTWRITEBYTECODE."""
    source = os.environ if base is None else base
    return {name: value for name, value in source.items() if name != "PYTHONDONTWRITEBYTECODE"}
