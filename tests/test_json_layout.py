"""The JSON layout the SARIF and GitLab reports are written with is json.dumps(indent=2)'s, byte for byte."""

import json
from enum import Enum

import pytest
from hypothesis import given, settings, strategies as st

from congregate_lint.reporting.json_layout import document_pieces, indented

SCALARS = st.none() | st.booleans() | st.integers() | st.text()
VALUES = st.recursive(SCALARS,
                      lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                      max_leaves=30)


@settings(deadline=None)
@given(VALUES)
def test_a_value_is_laid_out_as_json_dumps_lays_it_out(value):
    assert indented(value) == json.dumps(value, indent=2, ensure_ascii=False)


@settings(deadline=None)
@given(VALUES)
def test_a_value_deep_in_a_document_is_indented_for_its_depth(value):
    document = {"runs": [{"results": [value]}]}
    inner = indented(value, depth=4)
    assert indented(document) == json.dumps(document, indent=2, ensure_ascii=False)
    assert inner in indented(document)


def test_a_str_enum_is_written_as_its_text_and_a_tuple_as_a_list():
    class Level(str, Enum):
        ERROR = "error"

    value = {"level": Level.ERROR, "lines": (1, 2)}
    assert indented(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_a_value_json_cannot_write_is_refused():
    with pytest.raises(TypeError):
        indented({"when": object()})


@settings(deadline=None)
@given(st.lists(VALUES, max_size=6), st.booleans())
def test_a_document_in_pieces_is_the_document_with_its_list_in_place(items, many):
    items = items * (2000 if many else 1)  # at times, enough items for several pieces
    document = {"version": 1, "results": [], "summary": {"results": len(items)}}
    pieces = list(document_pieces(document, "results", (indented(item, 2) for item in items), 1))
    whole = dict(document, results=items)
    assert "".join(pieces) == json.dumps(whole, indent=2, ensure_ascii=False) + "\n"
