"""Shared helper for the rules that report problems with the file's bytes."""

from typing import Iterator

from congregate_lint.model import Conf
from congregate_lint.source import DecodeIssue


def decode_issues(conf: Conf, kind: str) -> Iterator[DecodeIssue]:
    return (issue for issue in conf.decode_issues if issue.kind == kind)
