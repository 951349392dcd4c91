"""Choosing report formats: the stdout default, and extra report files (``--output FORMAT=PATH``).

A report file is written atomically (lint/atomic.py) as a new file at its path:
a symlink there (or, for a relative path, at any folder of it below the working
directory) is refused, never followed, and a file being linted is never
overwritten.
"""

import os
import stat
from typing import Mapping, Optional, Sequence, Tuple

from congregate_lint.formatters import FORMATTERS
from congregate_lint.reporting.report import Report


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


def check_report_paths(outputs: Sequence[Tuple[str, str]], linted: Sequence[str]) -> None:
    """Before anything runs: no report path twice, none a symlink (nor through a linked folder of a relative path:
    a link committed into a checkout), none a file being linted (or a link to one)."""
    linted_files = {_identity(path) for path in linted} - {None}
    seen = set()
    for name, path in outputs:
        where = os.path.abspath(path)
        if where in seen:
            raise OutputError(f"--output {name}={path}: that path is given twice")
        seen.add(where)
        linked = _linked_folder(path)
        if linked is not None:
            raise OutputError(f"--output {name}={path}: its folder {linked} is a symbolic link; a report is not "
                              "written through a link (use the real path)")
        try:
            status = os.lstat(path)
        except OSError:
            continue
        if stat.S_ISLNK(status.st_mode):
            raise OutputError(f"--output {name}={path}: is a symbolic link; a report is not written through a link "
                              "(remove it or choose another path)")
        if (status.st_dev, status.st_ino) in linted_files:
            raise OutputError(f"--output {name}={path}: is a file being linted; a report never overwrites it")


def _linked_folder(path: str) -> Optional[str]:
    """The first folder of a relative ``path`` that is a symlink, or None (an absolute path is taken as typed)."""
    if os.path.isabs(path):
        return None
    folder = ""
    for part in os.path.normpath(path).split(os.sep)[:-1]:
        folder = os.path.join(folder, part)
        if os.path.islink(folder):
            return folder
    return None


def _identity(path: str) -> Optional[Tuple[int, int]]:
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return (status.st_dev, status.st_ino) if stat.S_ISREG(status.st_mode) else None


def write_reports(report: Report, outputs: Sequence[Tuple[str, str]]) -> None:
    """Write each requested report file: UTF-8 without a byte-order mark, never coloured."""
    if not outputs:
        return
    from congregate_lint.atomic import WriteError, replace_file  # only runs with --output pay for it

    for name, path in outputs:
        formatter = FORMATTERS[name]
        # Encoded piece by piece when the format hands its report out so: one copy of a long report, not two.
        made = (formatter.pieces(report, color=False) if hasattr(formatter, "pieces")
                else [formatter.render(report, color=False)])
        data = b"".join(piece.encode("utf-8") for piece in made)
        try:
            replace_file(path, data)
        except WriteError as error:
            raise OutputError(f"{path}: cannot write the {name} report ({error})") from None
