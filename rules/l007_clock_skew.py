"""``--live``: this computer's clock against AWS's (the ``Date`` header of the answers).

**Why it matters.** Every AWS request is signed with the local time. AWS refuses a
signature more than 15 minutes away from its own clock (``Signature expired`` /
``Signature not yet current``), and botocore does not correct for skew. A clock more
than 5 minutes off is a warning (it is drifting towards the limit, and long
migrations sign requests for hours); past 15 minutes it is an error. The check reads
the ``Date`` header of the first AWS answer (STS, else CodeCommit, else the Git host).

**Failing example**: a virtual machine resumed from a snapshot, its clock 20
minutes behind.

**Passing example**: a clock synchronised by NTP (chrony, systemd-timesyncd).

**Fix.** Synchronise the clock (``timedatectl set-ntp true``, or the platform's time
service) and run again.
"""

from congregate_lint.findings import Severity
from congregate_lint.live.results import GIT, PULL_REQUESTS, REPOSITORIES, REPOSITORY, STS

from ._live import placed

ID = "L007"
NAME = "clock-skew"
SEVERITY = Severity.WARNING
SUMMARY = "--live: the local clock is more than 5 minutes (error: 15) away from AWS's."
LIVE = True
NEEDS = (STS,)
CHECK = ("AWS", "clock")
WARN_AFTER = 5 * 60
FAIL_AFTER = 15 * 60
SOURCES = (STS, REPOSITORIES, REPOSITORY, PULL_REQUESTS, GIT)


def check(conf, live):
    results = live.results(conf)
    dated = [p for p in (results.probes.get(name) for name in SOURCES) if p is not None and p.server_date is not None]
    if not dated:
        yield placed(conf, None, "the clock was not compared", Severity.INFO,
                     explanation="No answer from AWS carried a Date header.",
                     fix="Run `congregate-lint conf --live` again once AWS answers.", skipped=True)
        return
    answer = dated[0]
    skew = answer.local_time - answer.server_date
    direction = "ahead of" if skew > 0 else "behind"
    headline = f"this computer's clock is {_duration(abs(skew))} {direction} AWS's"
    source = f"Measured by the Date header of {answer.label}."
    if abs(skew) > FAIL_AFTER:
        yield placed(conf, None, headline, Severity.ERROR,
                     explanation=f"AWS refuses signatures more than 15 minutes off, so every call fails. {source}",
                     fix="Synchronise the clock (NTP).")
    elif abs(skew) > WARN_AFTER:
        yield placed(conf, None, headline, Severity.WARNING,
                     explanation=f"AWS refuses signatures past 15 minutes. {source}",
                     fix="Synchronise the clock (NTP).")
    else:
        yield placed(conf, None, f"this computer's clock agrees with AWS's to within {_duration(abs(skew) + 1)}",
                     Severity.INFO, explanation=source)


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    return f"{seconds / 60:.0f} minutes"
