"""``--live``: GitHub Enterprise into self-managed GitLab 16.5–17.1, which needs ``/api/v3`` Congregate does not send.

**Why it matters.** Congregate starts each GitHub import with GitLab's
``POST /import/github`` and passes the GitHub Enterprise host as ``github_hostname``:
with ``/api/v3`` appended only when the destination is gitlab.com, the bare host
otherwise. GitLab's API documentation says: "From GitLab 16.5 to GitLab 17.1, you must
include the path ``/api/v3``". So a GitHub Enterprise migration into a self-managed
GitLab of those versions gets a ``github_hostname`` GitLab reads wrongly, and the
imports fail (Congregate's own code marks the version handling as a TODO). The check
combines the conf (GitHub Enterprise source, destination not gitlab.com) with the
destination's version (``GET /api/v4/version``, D101). Nothing is reported for
github.com sources or gitlab.com destinations.

**Failing example**::

    [DESTINATION]
    dstn_hostname = https://gitlab.example.com     (GitLab 17.0)

    [SOURCE]
    src_type = github
    src_hostname = https://github.example.com

**Passing example**: the same with the destination on GitLab 17.2 or later.

**Fix.** Upgrade the destination to GitLab 17.2 or later before the migration, or
import from GitHub Enterprise with GitLab's own importer, giving it ``…/api/v3``.
"""

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity
from congregate_lint.live.results import DESTINATION, GITLAB_VERSION, gitlab_probe

from . import _sources

ID = "H104"
NAME = "github-enterprise-import-host"
SEVERITY = Severity.ERROR
SUMMARY = "--live: GitHub Enterprise into self-managed GitLab 16.5-17.1 needs /api/v3 in github_hostname."
LIVE = True
NEEDS = (gitlab_probe(DESTINATION, GITLAB_VERSION),)
CHECK = ("GitHub source", "import host for the destination's version")
FIRST, LAST = (16, 5), (17, 1)


def check(conf, live):
    hostname = _sources.hostname(conf)
    destination = (conf.value("DESTINATION", "dstn_hostname") or "").lower()
    if (not _sources.applies(conf, src.GITHUB) or hostname is None or src.is_github_dot_com(hostname)
            or "gitlab.com" in destination):
        return
    version = live.results(conf).probe(NEEDS[0])
    numbers = version.data.get("numbers") if version.ok else None
    if not numbers:
        yield _sources.problem(conf, src.HOSTNAME, "GitHub Enterprise import host not checked",
                               "The destination's version is unknown (D101 says why).", "", Severity.INFO,
                               skipped=True)
        return
    shown = ".".join(str(number) for number in numbers[:2])
    if FIRST <= tuple(numbers[:2]) <= LAST:
        yield _sources.problem(
            conf, src.HOSTNAME, f"the destination runs GitLab {shown}, which needs /api/v3 in github_hostname",
            "Congregate sends a self-managed destination the bare GitHub Enterprise host as github_hostname; GitLab "
            "16.5 to 17.1 requires the host with /api/v3, so the GitHub imports fail.",
            "Upgrade the destination to GitLab 17.2 or later, or import from GitHub Enterprise with GitLab's own "
            "importer.")
    else:
        yield _sources.problem(conf, src.HOSTNAME, f"GitLab {shown} takes the bare GitHub Enterprise host Congregate "
                               "sends", "", "", Severity.INFO)
