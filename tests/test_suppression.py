"""``# congregate-lint: disable`` comments: what they silence, the reason they carry, and M002 for stale ones."""

import configparser
import json

import pytest
from click.testing import CliRunner

from congregate_lint.cli import cli
from congregate_lint.suppression import NO_REASON
from tests.helpers import lint_text

DUPLICATE = "[SOURCE]\nsrc_type = GitLab\nsrc_type = CodeCommit\n"
INLINE = "[SOURCE]\nsrc_aws_region = us-east-1   # N. Virginia\n"


def found(text, *extra_rules):
    """(rule, line, suppressed reason) of each finding, from the parse and meta rules (and any extra ones)."""
    return [(f.rule, f.line, f.suppressed) for f in lint_text(text, select=["P", "M", *extra_rules])]


def test_comment_above_a_key_silences_the_rule_for_that_key_with_its_reason():
    text = "[SOURCE]\n# congregate-lint: disable=P010 -- people read the note\nsrc_aws_region = us-east-1   # N. Virginia\n"
    assert found(text) == [("P010", 3, "people read the note")]


def test_rules_may_be_named_by_id_or_name_and_the_reason_is_optional():
    text = "[SOURCE]\n# congregate-lint: disable=inline-comment\nsrc_aws_region = us-east-1   # N. Virginia\n"
    assert found(text) == [("P010", 3, NO_REASON)]


def test_comment_above_either_copy_of_a_duplicated_key_silences_the_duplicate():
    above_first = "[SOURCE]\n# congregate-lint: disable=P005 -- switching\nsrc_type = GitLab\nsrc_type = CodeCommit\n"
    above_second = "[SOURCE]\nsrc_type = GitLab\n; congregate-lint: disable=duplicate-option -- switching\nsrc_type = X\n"
    assert found(above_first) == [("P005", 4, "switching")]
    assert found(above_second) == [("P005", 4, "switching")]


def test_stacked_comments_each_apply_to_the_key_below_the_stack():
    text = ("[SOURCE]\n# congregate-lint: disable=P009 -- literal percent\n# congregate-lint: disable=P010 -- note\n"
            "src_parent_group_path = top-100%   # of repositories\nother = 1   # kept\n")
    assert found(text) == [("P009", 4, "literal percent"), ("P010", 4, "note"), ("P010", 5, None)]


def test_a_blank_line_between_comment_and_key_breaks_it_and_m002_says_so():
    text = "[SOURCE]\n# congregate-lint: disable=P010 -- note\n\nsrc_aws_region = us-east-1   # N. Virginia\n"
    assert found(text) == [("M002", 2, None), ("P010", 4, None)]


def test_file_level_comment_anywhere_silences_the_rule_in_the_whole_file():
    text = INLINE + "other = 1   # two\n# congregate-lint: disable-file=P010 -- comments are notes here\n"
    assert found(text) == [("P010", 2, "comments are notes here"), ("P010", 3, "comments are notes here")]


def test_a_comment_naming_a_rule_that_found_nothing_is_m002():
    text = "[SOURCE]\n# congregate-lint: disable=P005,P010 -- stale\nsrc_type = CodeCommit   # note\n"
    (m002, p010) = lint_text(text, select=["P", "M"])
    assert (m002.rule, m002.line, m002.severity.value) == ("M002", 2, "warning")
    assert "P005" in m002.message and "'src_type' on line 3" in m002.message
    assert (p010.rule, p010.suppressed) == ("P010", "stale")


@pytest.mark.parametrize("comment, words", [
    ("# congregate-lint: disabel=P005", "not understood"),
    ("# congregate-lint: disable=", "not understood"),
    ("# congregate-lint: disable=P005 P010", "not understood"),
    ("# congregate-lint: disable=Z999 -- gone", "'Z999' names no rule"),
])
def test_unreadable_comments_and_unknown_rules_are_m002(comment, words):
    (finding,) = lint_text(f"[SOURCE]\n{comment}\nsrc_type = CodeCommit\n", select=["P", "M"])
    assert (finding.rule, finding.line) == ("M002", 2)
    assert words in finding.message


def test_no_m002_for_a_rule_that_did_not_run():
    text = "[SOURCE]\n# congregate-lint: disable=P005 -- stale\nsrc_type = CodeCommit\n"
    assert [f.rule for f in lint_text(text, select=["P001", "M"])] == []


def test_m002_can_be_ignored_or_silenced_like_any_rule():
    text = "# congregate-lint: disable-file=M002 -- kept on purpose\n[SOURCE]\n# congregate-lint: disable=P005\nsrc_type = X\n"
    assert found(text) == [("M002", 3, "kept on purpose")]
    assert [f.rule for f in lint_text(text, select=["P"])] == []


def test_suppressed_findings_in_json_never_fail_the_run(conf_file):
    path = conf_file("[SOURCE]\n# congregate-lint: disable=P005 -- switching sources\nsrc_type = GitLab\nsrc_type = X\n")
    result = CliRunner().invoke(cli, ["conf", "--isolated", "--select", "P,M", "--format", "json", str(path)])
    document = json.loads(result.output)
    assert result.exit_code == 0
    assert [(f["rule"], f["suppressed"]) for f in document["findings"]] == [("P005", "switching sources")]
    assert document["summary"]["errors"] == 0 and document["summary"]["suppressed"] == 1


def test_text_output_hides_silenced_findings(conf_file):
    path = conf_file("[SOURCE]\n# congregate-lint: disable=P005 -- switching sources\nsrc_type = GitLab\nsrc_type = X\n")
    result = CliRunner().invoke(cli, ["conf", "--isolated", "--select", "P,M", str(path)])
    assert "P005" not in result.output and "switching sources" not in result.output


@pytest.mark.parametrize("text", [DUPLICATE.replace("GitLab\n", "GitLab\n# congregate-lint: disable=P005\n"),
                                  "# congregate-lint: disable-file=S002 -- x\n[SOURCE]\n  ; congregate-lint: disable=C001\n"
                                  "src_aws_region = us-east-1\n",
                                  "[SOURCE]\njson_value = [1,\n# congregate-lint: disable=S005 -- inside a value\n  2]\n"])
def test_congregate_reads_the_same_values_with_and_without_the_comments(text):
    without = "\n".join(line for line in text.split("\n") if "congregate-lint:" not in line)
    assert _read(text) == _read(without)


def _read(text):
    """What Congregate's own parser (a plain ConfigParser, strict) makes of the text, or the error it raises."""
    parser = configparser.ConfigParser()
    try:
        parser.read_string(text)
    except configparser.Error as error:
        return type(error).__name__
    return {section: dict(parser.items(section, raw=True)) for section in parser.sections()}


def test_a_secret_pasted_into_a_comment_is_masked_in_m002_and_reasons():
    from tests import credentials

    secret = credentials.git_password().replace("/", "A").replace("+", "B").rstrip("=")
    secret = "x" + "".join(char for char in secret if char.isalnum())
    text = (f"[SOURCE]\nsrc_aws_codecommit_password = {secret}\n# congregate-lint: disable={secret} -- {secret}\n"
            "src_type = CodeCommit\n# congregate-lint: disable-file=P010 -- " + secret + "\nother = 1   # x\n")
    findings = lint_text(text, select=["P", "M"])
    assert findings and all(secret not in f.message and secret not in (f.suppressed or "") for f in findings)
    assert any(f.suppressed == "****" for f in findings)
