"""JSON Schemas shipped with congregate-lint (package data)."""

import os


def read(name: str) -> str:
    """The text of one shipped schema, read beside this file (cheaper than importlib.resources at start-up)."""
    with open(os.path.join(os.path.dirname(__file__), name), encoding="utf-8") as handle:
        return handle.read()
