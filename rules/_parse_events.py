"""Shared helper for the rules that report configparser's own events."""

from typing import Iterator

from congregate_lint.model import Conf, ParseEvent


def events(conf: Conf, kind: str) -> Iterator[ParseEvent]:
    return (event for event in conf.events if event.kind == kind)
