"""Bitbucket Cloud source: ``src_hostname`` is not ``https://api.bitbucket.org``.

**Why it matters.** For Bitbucket Cloud Congregate calls ``{src_hostname}/2.0/...``,
and its own code says the value "will always be https://api.bitbucket.org". With the
web address ``https://bitbucket.org`` every call goes to ``https://bitbucket.org/2.0/...``
and fails; with ``/2.0`` written in the host the path is doubled. Bitbucket Cloud has no
other API host (self-hosted Bitbucket is ``src_type = bitbucket server``).

**Failing example**::

    [SOURCE]
    src_type = bitbucket cloud
    src_hostname = https://bitbucket.org

**Passing example**::

    [SOURCE]
    src_type = bitbucket cloud
    src_hostname = https://api.bitbucket.org

**Fix.** ``src_hostname = https://api.bitbucket.org``.
"""

from urllib.parse import urlsplit

from congregate_lint import source_settings as src
from congregate_lint.findings import Severity

from . import _sources

ID = "B003"
NAME = "bitbucket-cloud-hostname"
SEVERITY = Severity.ERROR
SUMMARY = "Bitbucket Cloud src_hostname is not https://api.bitbucket.org (e.g. the web address bitbucket.org)."


def check(conf):
    if not _sources.applies(conf, src.BITBUCKET_CLOUD):
        return
    hostname = _sources.hostname(conf)
    if hostname is None or hostname.lower() == src.BITBUCKET_CLOUD_API:
        return
    host = (urlsplit(hostname).hostname or "") if _sources.has_scheme(hostname) else ""
    if host.endswith("bitbucket.org"):
        why = ("Congregate calls {src_hostname}/2.0/..., so this value sends every call to a URL Bitbucket Cloud "
               "does not serve its API at (the web host, a wrong scheme, or a doubled /2.0).")
    else:
        why = ("Congregate calls {src_hostname}/2.0/..., and Bitbucket Cloud serves that API only at "
               f"{src.BITBUCKET_CLOUD_API}; a self-hosted Bitbucket is src_type = bitbucket server.")
    yield _sources.problem(conf, src.HOSTNAME, "src_hostname is not the Bitbucket Cloud API host", why,
                           f"Set src_hostname = {src.BITBUCKET_CLOUD_API}.")
