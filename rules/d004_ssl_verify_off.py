"""``[APP] ssl_verify = False`` turns off certificate checks for every call Congregate makes.

**Why it matters.** Congregate passes ``ssl_verify`` to its HTTP clients for the
destination and the source. Off, anyone on the network path can present their own
certificate and read the tokens Congregate sends. It is sometimes needed for a
self-signed certificate, but a CA bundle is the better fix. ``--live`` honours the
setting as Congregate does (and says so).

**Failing example**::

    [APP]
    ssl_verify = False

**Passing example**::

    [APP]
    ssl_verify = True

**Fix.** Add the server's CA certificate to the trust store (or point
``REQUESTS_CA_BUNDLE``/``SSL_CERT_FILE`` at it for Congregate) and set
``ssl_verify = True``.
"""

from congregate_lint.findings import Problem, Severity
from congregate_lint.gitlab_keys import ssl_verify

ID = "D004"
NAME = "ssl-verify-off"
SEVERITY = Severity.WARNING
SUMMARY = "[APP] ssl_verify is off: tokens go to servers whose certificate nobody checks."


def check(conf):
    if conf.value("APP", "ssl_verify") is not None and not ssl_verify(conf):
        option = conf.option("APP", "ssl_verify")
        yield Problem("ssl_verify is off: server certificates are not checked", section=option.section,
                      key="ssl_verify",
                      explanation="Congregate sends the destination and source tokens without verifying who "
                                  "answers, so a machine in the path can read them.",
                      fix="Trust the server's CA certificate instead and set ssl_verify = True.")
