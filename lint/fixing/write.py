"""What ``--fix`` and ``--diff`` do with a fixed file: replace it, print it (stdin), or show the change."""

import sys
from types import ModuleType
from typing import Sequence, Tuple

import click

from congregate_lint.atomic import WriteError, write_atomically
from congregate_lint.fixing.diff import masked_diff
from congregate_lint.engine import FileResult, lint_source, printable_path
from congregate_lint.fixing.passes import fix_source
from congregate_lint.releases import UNKNOWN, Release
from congregate_lint.shapes import escape_controls
from congregate_lint.source import STDIN_NAME, Source


def fix_file(source: Source, rules: Sequence[ModuleType], diff: bool, force: bool = False,
             release: Release = UNKNOWN) -> Tuple[FileResult, bool]:
    """Fix one source and return the findings that remain (those of the original if writing failed), and whether
    writing failed.

    With ``diff`` nothing is written: the masked diff goes to stdout. Otherwise a
    file is replaced atomically and stdin's fixed text goes to stdout, byte for
    byte (also when nothing changed, so the command works as a filter).
    Notes about the fix go to stderr. ``force`` lets a read-only or hard-linked
    file be replaced (lint/atomic.py).
    """
    outcome = fix_source(source, rules, release)
    shown_path = printable_path(source.path)
    if outcome.blocked is not None:
        click.echo(f"congregate-lint: {shown_path}: {outcome.blocked}", err=True)
    if diff:
        click.echo(masked_diff(source.path, outcome.original, outcome.fixed, outcome.original_redactor,
                                outcome.result.redactor), nl=False)
        return outcome.result, False
    if source.path == STDIN_NAME:
        problem = _write_stdout(outcome.fixed)
        if problem is not None:
            click.echo(f"congregate-lint: {STDIN_NAME}: the fixed text cannot be written ({problem})", err=True)
            return outcome.result, True
    elif outcome.changed:
        try:
            notes = write_atomically(source.path, outcome.fixed, outcome.original, force)
        except WriteError as error:
            click.echo(f"congregate-lint: {escape_controls(str(error))}", err=True)
            return lint_source(source, rules, release=release, limit=0), True
        for note in notes:
            click.echo(f"congregate-lint: {escape_controls(note)}", err=True)
    if outcome.fixes:
        noun = "problem" if outcome.fixes == 1 else "problems"
        click.echo(f"congregate-lint: {shown_path}: fixed {outcome.fixes} {noun}", err=True)
    return outcome.result, False


def _write_stdout(data: bytes):
    """Write the fixed text to stdout; why that failed (closed, broken pipe, full disk), or None."""
    if sys.stdout is None:
        return "standard output is closed"
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except OSError as error:
        return error.strerror or type(error).__name__
    return None
