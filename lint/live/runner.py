"""Run the selected live probes for one conf: every remote system at once, each call bounded, all by one deadline.

A system is a module under ``lint/live/`` with ``PROBES`` (the probe names it
answers, from ``live.results``) and ``run(session, wanted)``, which records a result
(or a skip) for each wanted probe in ``session.found``. Each system runs in its own
daemon thread; what a system has not recorded when the deadline passes is reported
late, and nothing it records afterwards counts.
"""

from importlib import import_module
from typing import Set

from congregate_lint.live.inputs import read_inputs
from congregate_lint.live.probing import Deadline, Pending, Session, crashed, late, reporter
from congregate_lint.live.results import LiveResults
from congregate_lint.model import Conf

# The remote systems, by module name under lint/live/ (imported only when one of their probes is wanted).
SYSTEMS = ("codecommit", "gitlab", "github", "bitbucket", "azure_devops")
# Seconds a system still gets after the deadline to record the late results of its own probes (which say where a
# credential was addressed); a system that is itself stuck is not waited for longer.
GRACE = 0.5


def run_live(conf: Conf, options, wanted: Set[str]) -> LiveResults:
    """The results of the wanted probes (names from lint.live.results) for this conf."""
    results = LiveResults(read_inputs(conf))
    deadline = Deadline(options.deadline)
    report = reporter(options.progress)
    running = []
    for name in SYSTEMS:
        system = import_module(f"congregate_lint.live.{name}")
        asked = wanted & set(system.PROBES)
        if asked:
            session = Session(conf, options, deadline, report)
            running.append((Pending(name, _runner(system, session, asked)), session, asked))
    for pending, session, asked in running:
        if not pending.wait(deadline):
            pending.done.wait(GRACE)
        found = dict(session.found)  # a copy: what arrives after the deadline does not count
        for name in asked:
            missing = crashed(name, pending.error) if pending.error else late(name, deadline)
            results.probes[name] = found.get(name) or report(missing)
    return results


def _runner(system, session: Session, asked: Set[str]):
    return lambda: system.run(session, asked)
