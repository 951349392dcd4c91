"""GitHub source: an item of ``src_access_token`` does not decode to a usable token.

**Why it matters.** For GitHub, ``src_access_token`` may hold one token or a
comma-separated list that Congregate rotates through to spread the API rate limit
(``prop_array``: split on ``,``, spaces stripped, every item base64-decoded on its
own). Each item must be the base64 of one personal access token. Congregate's
validator decodes only the whole string once (decoding stops after the first padded
block), so it tests the first token and never notices a bad later one; the bad item
then fails every call made with it, in turn, during the migration. Reported here, per
item: an empty item (a trailing or doubled comma: Congregate sends an empty token), a
decoded token with whitespace (``echo`` adds a newline, and the HTTP client refuses a
header with a line break), a token obfuscated twice, and a token of another system.
An item that is not base64 at all is S009's.

**Failing example**::

    [SOURCE]
    src_type = github
    src_access_token = <base64 of token 1>,

**Passing example**::

    [SOURCE]
    src_type = github
    src_access_token = <base64 of token 1>,<base64 of token 2>

**Fix.** Store each token with ``printf %s 'TOKEN' | base64 -w0`` (or ``congregate
obfuscate``) and join the results with commas, nothing else.
"""

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity

from . import _sources

ID = "H002"
NAME = "github-token"
SEVERITY = Severity.ERROR
SUMMARY = "GitHub src_access_token: an item that is empty, obfuscated twice, has whitespace or is not a GitHub token."

EXPECTED = "a GitHub token (ghp_..., github_pat_...)"
HOW = "printf %s 'TOKEN' | base64 -w0"


def check(conf):
    if not _sources.applies(conf, src.GITHUB):
        return
    stored = _sources.value(conf, src.TOKEN)
    if stored is None:
        return
    items = src.token_items(stored)
    for number, item in enumerate(items, start=1):
        where = f"item {number} of src_access_token" if len(items) > 1 else "src_access_token"
        if not item:
            yield _sources.problem(
                conf, src.TOKEN, f"{where} is empty",
                "Congregate splits src_access_token on commas and rotates through every item, so it sends an empty "
                "token with every call whose turn falls on this item, and GitHub answers 401.",
                "Remove the stray comma.")
            return
        decoded = src.decoded_text(item)
        issue = _sources.decoded_issue(decoded, EXPECTED) if decoded else None
        if issue is not None:
            yield _sources.problem(
                conf, src.TOKEN, f"{where} does not decode to a usable GitHub token",
                f"Congregate base64-decodes each item and sends it as 'Authorization: token ...': {issue}.",
                f"Store the base64 of the personal access token itself: {HOW} (or `congregate obfuscate`).")
            return
