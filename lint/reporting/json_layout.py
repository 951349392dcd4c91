"""JSON laid out exactly as ``json.dumps(value, indent=2, ensure_ascii=False)`` lays it out, at a fraction of its
cost: with an indent, json encodes in pure Python through a generator per level of nesting, which for a report of
100,000s of findings takes tens of seconds. Here each string is encoded in C and each container joined once."""

from json.encoder import encode_basestring  # json's C encoder of a string, the one it uses without ensure_ascii
from typing import Any, Callable, Dict

# A newline and the indent of each depth (reports nest a dozen levels at most).
_NEWLINES = ["\n" + "  " * depth for depth in range(64)]


def indented(value: Any, depth: int = 0) -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)`` for a value made of dicts (with string keys), lists,
    tuples, strings, integers, booleans and None, written as if ``depth`` levels down in a larger document."""
    lay_out = _LAYOUTS.get(type(value))
    if lay_out is None:  # a subclass (a str Enum) is laid out as its base is
        base = next((base for base in _LAYOUTS if isinstance(value, base)), None)
        if base is None:
            raise TypeError(f"Object of type {type(value).__name__} is not laid out as JSON here")
        lay_out = _LAYOUTS[base]
    return lay_out(value, depth)


def _object(value: dict, depth: int) -> str:
    if not value:
        return "{}"
    inner = _NEWLINES[depth + 1]
    return "{" + ",".join([f"{inner}{encode_basestring(key)}: {indented(item, depth + 1)}"
                           for key, item in value.items()]) + _NEWLINES[depth] + "}"


def _array(value: list, depth: int) -> str:
    if not value:
        return "[]"
    inner = _NEWLINES[depth + 1]
    return "[" + ",".join([inner + indented(item, depth + 1) for item in value]) + _NEWLINES[depth] + "]"


_LAYOUTS: Dict[type, Callable[[Any, int], str]] = {
    dict: _object,
    list: _array,
    tuple: _array,
    str: lambda value, depth: encode_basestring(value),
    int: lambda value, depth: int.__repr__(value),
    bool: lambda value, depth: "true" if value else "false",
    type(None): lambda value, depth: "null",
}
