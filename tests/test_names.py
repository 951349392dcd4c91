"""The name index answers exactly as ``difflib.get_close_matches`` over all the names does."""

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from congregate_lint import names
from congregate_lint.names import NameIndex
from congregate_lint.schema import known_sections, section_keys

KNOWN = sorted({key for section in known_sections() for key in section_keys(section)})
# Words made of the characters of key names, digits and a few others, so that near misses are common.
CHARACTERS = st.sampled_from("abcdeiklmnoprstuwy_123-. ")
WORDS = st.one_of(st.text(CHARACTERS, max_size=30), st.sampled_from(KNOWN).flatmap(
    lambda name: st.lists(st.tuples(st.integers(0, len(name)), st.text(CHARACTERS, max_size=2)), max_size=3).map(
        lambda edits: _edited(name, edits))))
CUTOFFS = st.sampled_from([0.0, 0.3, 0.6, 0.7, 0.75, 0.8, 1.0])


def _edited(name, edits):
    for position, text in edits:
        name = name[:position] + text + name[position + 1:]
    return name


@settings(max_examples=400)
@given(word=WORDS, cutoff=CUTOFFS, n=st.integers(1, 3))
def test_the_index_of_the_known_keys_answers_as_difflib(word, cutoff, n):
    assert NameIndex(KNOWN).close(word, cutoff, n) == difflib.get_close_matches(word, KNOWN, n=n, cutoff=cutoff)


@settings(max_examples=400)
@given(names=st.lists(st.text(CHARACTERS, max_size=12), min_size=1, max_size=12), word=st.text(CHARACTERS, max_size=14),
       cutoff=CUTOFFS)
def test_any_index_answers_as_difflib(names, word, cutoff):
    index = NameIndex(names)
    expected = difflib.get_close_matches(word, list(dict.fromkeys(names)), n=2, cutoff=cutoff)
    assert index.close(word, cutoff, 2) == expected
    assert index.close(word, cutoff, 2) == expected  # remembered answers are the same


def test_a_name_that_shares_no_pair_of_characters_is_still_found():
    """'axbxcxd' shares no two adjacent characters with 'abcd', yet difflib's ratio is 8/11."""
    assert NameIndex(["axbxcxd", "zzzz"]).best("abcd", 0.7) == "axbxcxd"


def test_a_misspelt_key_gets_the_name_it_stands_for():
    assert NameIndex(KNOWN).best("src_aws_secret_acces_key", 0.7) == "src_aws_secret_access_key"


@settings(max_examples=300)
@given(words=st.lists(st.one_of(WORDS, st.text(st.sampled_from("ab\n_"), max_size=4)), max_size=12), cutoff=CUTOFFS)
def test_the_best_of_many_words_is_the_best_of_each(words, cutoff):
    expected = [next(iter(difflib.get_close_matches(word, KNOWN, n=1, cutoff=cutoff)), None) for word in words]
    assert NameIndex(KNOWN).best_each(words, cutoff) == expected


def test_words_beyond_one_slice_are_answered_as_each_alone(monkeypatch):
    words = ["src_hostnme", "k1", "dstn_acess_token", "", "src_type", "zzzz", "src_aws_secret_acces_key", "x\ny"] * 3
    expected = [next(iter(difflib.get_close_matches(word, KNOWN, n=1, cutoff=0.7)), None) for word in words]
    monkeypatch.setattr(names, "SLICE", 5)
    assert NameIndex(KNOWN).best_each(words, 0.7) == expected


@settings(max_examples=300)
@given(names=st.lists(st.text(CHARACTERS, min_size=1, max_size=12), min_size=1, max_size=8),
       more=st.lists(st.text(CHARACTERS, min_size=1, max_size=12), max_size=8),
       words=st.lists(st.one_of(WORDS, st.text(CHARACTERS, max_size=14)), max_size=12), cutoff=CUTOFFS)
def test_words_that_pass_an_index_pass_one_of_more_names_and_every_match_passes(names, more, words, cutoff):
    """What _StrayWritings relies on: screening once with the names of every section loses no word that the
    names of one section would match."""
    fewer, wider = NameIndex(names), NameIndex(names + more)
    passing = set(fewer.passing(words, cutoff))
    assert passing <= set(wider.passing(words, cutoff))
    assert {index for index, word in enumerate(words) if fewer.best(word, cutoff) is not None} <= passing
