"""Masking by shape: the quick look that lets most texts through unmasked never lets a credential through."""

import base64

from hypothesis import given, settings, strategies as st

from congregate_lint.shapes import _CANDIDATE_RUN, _may_hold_token, escape_controls, mask_shapes, masked_and_escaped
from tests import credentials as c

# The shapes masked wherever they appear (a Git password or a session token is masked by its key instead).
TOKENS = [
    c.key_id(), c.secret_key(), c.github_token(),
    c.github_fine_grained_token(), c.bitbucket_app_password(), c.atlassian_api_token(), c.bitbucket_server_token(),
    c.azure_devops_pat(), c.azure_devops_pat(new_format=True), "glpat-" + c.token("", 20), "xoxb-" + c.token("", 12),
]
CREDENTIALS = (st.sampled_from(TOKENS)
               | st.sampled_from(TOKENS).map(lambda token: base64.b64encode(token.encode()).decode())
               | st.sampled_from(TOKENS).map(lambda token: f"https://user:{token[:12]}@git.example.com/x"))
# Runs of the characters tokens are made of, around the length the quick look tests for.
RUNS = st.text(alphabet="aZ9_.=+/-", min_size=12, max_size=18)
WORDS = st.sampled_from(["This line is ignored.", "'k12' =", " ", "\t", "@", "user:pw@host", "\x1b[2J", "\x07",
                         "\x85", "\u00e9", "\u65e5\u672c", "\ud800", "#", "[APP]", "bareline12345"])
TEXTS = st.lists(CREDENTIALS | RUNS | WORDS | st.text(max_size=20), max_size=8).map("".join)


@settings(deadline=None, max_examples=500)
@given(TEXTS)
def test_the_quick_look_masks_and_escapes_as_the_full_path_does(text):
    assert masked_and_escaped(text) == escape_controls(mask_shapes(text))


@settings(deadline=None, max_examples=500)
@given(TEXTS)
def test_the_test_in_c_finds_a_run_that_may_hold_a_token_where_the_pattern_does(text):
    assert _may_hold_token(text) == bool(_CANDIDATE_RUN.search(text))


def test_every_credential_shape_is_masked_through_the_quick_look():
    for token in TOKENS:
        shown = masked_and_escaped(f"Congregate does not read '{token}' in [APP]")
        assert token not in shown and "****" in shown
