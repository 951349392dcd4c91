"""Azure DevOps source: ``src_access_token`` is not the base64 of ``:PAT``.

**Why it matters.** For Azure DevOps, unlike every other source, Congregate does not
decode ``src_access_token`` before use: it sends the stored value as a ready-made HTTP
Basic credential, ``Authorization: Basic {src_access_token}``, and decodes it only to
splice it into clone URLs (``https://<org>@dev.azure.com/...`` becomes
``https://<org>:PAT@dev.azure.com/...``). So the value must be the base64 of ``:`` followed
by the PAT (Congregate's runbook: "Prepend ``:`` in ADO token when obfuscating"). The
leading colon is load-bearing: the base64 of the bare PAT (what ``congregate obfuscate``
writes) is a Basic credential without a user/password separator (401), and the clone
URL becomes ``https://<org>PAT@...``. A raw PAT is refused too. Congregate's own
validator calls ``ConnectionData`` with ``Bearer`` and ignores any answer but 200, so it
reports none of this.

**Failing example**::

    [SOURCE]
    src_type = azure devops
    src_access_token = <base64 of the PAT alone>

**Passing example**::

    [SOURCE]
    src_type = azure devops
    src_access_token = <base64 of ':' followed by the PAT>

**Fix.** ``printf %s ':PAT' | base64 -w0`` and store the output. ``--fix`` does it for
a raw PAT and for the base64 of the bare PAT (both of a recognised PAT shape).
"""

from typing import Optional, Tuple

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity
from congregate_lint.obfuscation import deobfuscate, describe
from congregate_lint.shapes import AZURE_DEVOPS_PAT

from . import _sources

ID = "A002"
NAME = "azure-devops-token"
SEVERITY = Severity.ERROR
SUMMARY = "Azure DevOps src_access_token must be the base64 of ':PAT' (the leading colon is load-bearing)."
FIXABLE = True

EXPECTED = "an Azure DevOps personal access token"
FIX = "Store the output of printf %s ':PAT' | base64 -w0 (the ':' first, then the personal access token)."


def check(conf):
    if not _sources.applies(conf, src.AZURE_DEVOPS):
        return
    stored = _sources.value(conf, src.TOKEN)
    found = _diagnose(stored) if stored else None
    if found is not None:
        headline, explanation = found
        yield _sources.problem(conf, src.TOKEN, headline, explanation, FIX)


def _diagnose(stored: str) -> Optional[Tuple[str, str]]:
    sent = ("Congregate sends the stored value as 'Authorization: Basic <value>' and splices its decoding into "
            "clone URLs")
    if AZURE_DEVOPS_PAT.fullmatch(stored):
        return ("src_access_token holds the raw personal access token",
                f"{sent}; a raw PAT is not a Basic credential, so Azure DevOps answers 401 ({describe(stored)}).")
    decoded = deobfuscate(stored)
    if not decoded.ok:
        return ("src_access_token is not base64",
                f"{sent}: {decoded.error}, so Azure DevOps refuses it, and the decoding for the clone URL prints "
                f"'Invalid token' and exits ({describe(stored)}).")
    text = decoded.text or ""
    if not text.startswith(":"):
        twice = src.decoded_text(text)
        if twice and twice.startswith(":"):
            return ("src_access_token was obfuscated twice",
                    f"{sent}; decoded once it is base64 text again, not ':PAT', so Azure DevOps answers 401.")
        if ":" not in text:
            return ("src_access_token is the base64 of the PAT without the leading ':'",
                    f"{sent}; without the ':' the Basic credential has no user/password separator (401) and the "
                    "clone URL becomes https://<org>PAT@..., with the PAT run into the organisation name.")
        return None
    pat = text[1:]
    if not pat:
        return "src_access_token holds ':' and no PAT", f"{sent}; the password part is empty, so every call gets 401."
    issue = _sources.decoded_issue(pat, EXPECTED)
    if issue is not None:
        return "the PAT in src_access_token is not usable", f"{sent}; after the ':', {issue}."
    return None
