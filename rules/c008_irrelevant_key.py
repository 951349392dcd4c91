"""``src_hostname`` or ``src_access_token`` set while the source is CodeCommit.

**Why it matters.** Nothing breaks, but the values mislead whoever reads the file.
For a CodeCommit source Congregate reaches AWS through ``src_aws_region`` and the AWS
keys, and clones with the HTTPS Git credential: it never connects to ``src_hostname``
(it only uses it to name its internal Mongo collections) and never sends
``src_access_token``. These lines are usually left over from a GitLab or GitHub
configuration, or were filled in because the template lists them.

**Failing example**::

    [SOURCE]
    src_type = CodeCommit
    src_hostname = https://git-codecommit.us-east-1.amazonaws.com

**Passing example**::

    [SOURCE]
    src_type = CodeCommit
    src_aws_region = us-east-1

**Fix.** Delete the lines, or leave them knowing that Congregate does not use them
to reach CodeCommit.
"""

from congregate_lint.findings import Severity
from congregate_lint.model import Conf

from . import _codecommit as cc

ID = "C008"
NAME = "irrelevant-key"
SEVERITY = Severity.INFO
SUMMARY = "src_hostname or src_access_token is set but not used for a CodeCommit source."

IGNORED = {
    "src_hostname": ("Congregate does not connect to src_hostname for a CodeCommit source",
                     "It reaches CodeCommit through src_aws_region and only uses src_hostname to name its Mongo "
                     "collections."),
    "src_access_token": ("Congregate does not use src_access_token for a CodeCommit source",
                         "It signs AWS calls with the src_aws_* keys and clones with the HTTPS Git credential."),
}


def check(conf: Conf):
    if not cc.applies(conf):
        return
    for key, (headline, why) in IGNORED.items():
        if cc.judged(conf, key) is not None:
            yield cc.problem(conf, key, headline, explanation=why, fix="You can delete the line.")
