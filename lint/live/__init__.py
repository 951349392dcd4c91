"""The ``--live`` pre-flight: ask each remote system whether the conf's credentials work.

The systems: AWS and the Git host (CodeCommit), GitLab (destination and source), GitHub,
Bitbucket Server and Cloud, Azure DevOps.

boto3/botocore are imported only by the system modules the ``runner`` loads, and that
only once a live rule asks for results. Probe names and results (``live.results``)
and the conf's inputs (``live.inputs``, ``live.gitlab_inputs``) import no boto, and
importing them runs nothing else of this package; an offline run imports none of it
(the keys both sides share are in ``codecommit_keys`` and ``gitlab_keys``). The
options and the context (``LiveOptions``, ``LiveContext``, ...) live in
``live.context`` and are read from here on first use, which only a ``--live`` run does.
"""

CONTEXT_NAMES = ("CONNECT_TIMEOUT", "READ_TIMEOUT", "DEADLINE", "LiveOptions", "LiveContext", "wanted_probes",
                 "parse_timeout", "stderr_progress")


def __getattr__(name: str):
    if name not in CONTEXT_NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from congregate_lint.live import context

    return getattr(context, name)
