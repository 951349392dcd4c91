"""Choosing report formats: the stdout default, and extra report files (``--output FORMAT=PATH``)."""

import os
from typing import Mapping, Optional, Sequence, Tuple

from congregate_lint.formatters import FORMATTERS
from congregate_lint.report import Report


class OutputError(Exception):
    """An ``--output`` value that is malformed or a report file that cannot be written (one line)."""


def default_format(environ: Optional[Mapping[str, str]] = None) -> str:
    """``github`` inside GitHub Actions (``GITHUB_ACTIONS=true``), else ``text``."""
    environ = os.environ if environ is None else environ
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


def parse_output(value: str) -> Tuple[str, str]:
    """``FORMAT=PATH`` → (format, path)."""
    name, separator, path = value.partition("=")
    if not separator or not path:
        raise OutputError(f"--output {value!r}: expected FORMAT=PATH, e.g. sarif=congregate-lint.sarif")
    if name not in FORMATTERS:
        raise OutputError(f"--output {value!r}: unknown format {name!r}; one of {', '.join(sorted(FORMATTERS))}")
    return name, path


def write_reports(report: Report, outputs: Sequence[Tuple[str, str]]) -> None:
    """Write each requested report file: UTF-8 without a byte-order mark, never coloured."""
    for name, path in outputs:
        text = FORMATTERS[name].render(report, color=False)
        try:
            with open(path, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except OSError as error:
            raise OutputError(f"{path}: cannot write the {name} report ({error.strerror or type(error).__name__})") from None
