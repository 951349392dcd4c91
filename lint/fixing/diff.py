"""``--diff``: the fix as a unified diff in which no secret value appears, raw, base64 or decoded.

Every line shown comes from the Redactor of its side (before or after the fix),
and is scrubbed with the secrets of both sides. ``--diff`` passes the Redactors
its lint already built, so neither text is parsed or masked a second time.
"""

import difflib
from typing import Optional

from congregate_lint.engine import load
from congregate_lint.redaction import Redactor
from congregate_lint.source import BOM, Source

BOM_MARK = "<BOM>"


def masked_diff(path: str, before: bytes, after: bytes, old: Optional[Redactor] = None,
                new: Optional[Redactor] = None) -> str:
    """The change from ``before`` to ``after`` as a unified diff; empty when nothing changes. ``old`` and ``new``
    are the Redactors of ``before`` and ``after`` when the caller has them (built here otherwise)."""
    if before == after:
        return ""
    old = old or Redactor(load(Source(path, before)))
    new = new or Redactor(load(Source(path, after)))
    lines = difflib.unified_diff(_lines(old, before), _lines(new, after), path, path, lineterm="")
    return "".join(new.scrub(old.scrub(line)) + "\n" for line in lines)


def _lines(redactor: Redactor, data: bytes):
    lines = [redactor.line(number) for number in range(1, redactor.line_count + 1)]
    if data.startswith(BOM) and lines:
        lines[0] = BOM_MARK + lines[0]
    return lines
