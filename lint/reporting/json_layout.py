"""JSON laid out exactly as ``json.dumps(value, indent=2, ensure_ascii=False)`` lays it out, at a fraction of its
cost: with an indent, json encodes in pure Python through a generator per level of nesting, which for a report of
100,000s of findings takes tens of seconds. Here each string is encoded in C and each container joined once."""

from json.encoder import encode_basestring  # json's C encoder of a string, the one it uses without ensure_ascii
from typing import Any, Callable, Dict, Iterable, Iterator, List

from congregate_lint.reporting.pieces import PIECE

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


def document_pieces(document: dict, key: str, items: Iterable[str], depth: int) -> Iterator[str]:
    """``indented(document) + "\\n"`` with ``items`` as the list under ``key`` (an empty list in ``document``, at
    ``depth``), in pieces of about PIECE characters: a report of 100,000s of findings is written as it is made.
    Each item is already laid out at ``depth + 1``. The first ``"key": []`` of the text is the list's: a string
    inside JSON cannot hold it (its quotes would be escaped)."""
    marker = f"{encode_basestring(key)}: []"
    head, tail = indented(document).split(marker, 1)
    yield head + marker[:-2]
    yield from array_pieces(items, depth)
    yield tail + "\n"


def array_pieces(items: Iterable[str], depth: int) -> Iterator[str]:
    """A list at ``depth`` whose items are already laid out (at ``depth + 1``), in pieces of about PIECE
    characters."""
    inner = _NEWLINES[depth + 1]
    batch: List[str] = []
    size = 0
    opening = "["
    for item in items:
        batch.append(item)
        size += len(item)
        if size >= PIECE:
            yield opening + inner + f",{inner}".join(batch)
            opening, batch, size = ",", [], 0
    if batch:
        yield opening + inner + f",{inner}".join(batch)
        opening = ","
    yield "[]" if opening == "[" else _NEWLINES[depth] + "]"
