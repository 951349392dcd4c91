"""A file far larger than any congregate.conf.

**Why it matters.** A congregate.conf is a few kilobytes. A file of megabytes is
a log, an archive or a wrong path; linting it whole would only bury the real
problem. Only its beginning is read.

**Failing example**: a 50 MB log file given as the configuration.

**Passing example**: a congregate.conf of a few kilobytes.

**Fix.** Check the path; lint the real ``congregate.conf``.
"""

from congregate_lint.findings import Problem, Severity

from ._decode_issues import decode_issues

ID = "P013"
NAME = "file-too-large"
SEVERITY = Severity.ERROR
SUMMARY = "The file is megabytes long: not a congregate.conf; only its start is read."


def check(conf):
    for issue in decode_issues(conf, "too-large"):
        yield Problem(
            f"the file is larger than {issue.detail}",
            line=issue.line,
            column=issue.column,
            explanation="A congregate.conf is a few kilobytes, so this is probably the wrong file. Only its first "
                        "part was linted.",
            fix="Lint the congregate.conf itself.",
        )
