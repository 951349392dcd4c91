"""The human formats: the text report's source line, caret, why and fix; concise lines; --statistics."""

import subprocess
import sys

import pytest
from click.testing import CliRunner

from congregate_lint.cli import cli
from congregate_lint.formatters import text
from tests import credentials

SECRET = credentials.secret_key()
ASSUMED = " Findings assume no particular Congregate release (declare one with --congregate-version)."
CODECOMMIT = "[SOURCE]\nsrc_type = CodeCommit\nsrc_aws_region = us-east-1\n"


def run(*args, columns="100", select="P,S002,C"):
    return CliRunner().invoke(cli, ["conf", "--isolated", "--select", select, *args],
                              env={"COLUMNS": columns, "NO_COLOR": None}, catch_exceptions=False)


def block(output, first_line_start):
    """The lines of the finding whose first line starts so, up to the blank line after it."""
    lines = output.splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith(first_line_start))
    end = lines.index("", start)
    return lines[start:end]


def test_a_finding_shows_its_line_a_caret_under_the_spot_then_why_and_fix(conf_file):
    path = conf_file(CODECOMMIT.replace("us-east-1", "us-east-1   # N. Virginia"))
    lines = block(run(str(path)).output, f"{path}:3:")
    assert lines == [
        f"{path}:3:30: error P010 the text from '#' on is part of the value of 'src_aws_region'",
        "  |",
        "3 | src_aws_region = us-east-1   # N. Virginia",
        "  |                              ^^^^^^^^^^^^^",
        "  = why: Congregate's parser has no inline comments.",
        "  = fix: Move the comment to its own line above the key.",
    ]


def test_a_secret_value_shows_as_its_description(conf_file):
    path = conf_file(f"{CODECOMMIT}src_aws_secret_access_key = {SECRET}\n")
    output = run(str(path)).output
    assert SECRET not in output and credentials.obfuscated(SECRET) not in output
    lines = block(output, f"{path}:4:1: error C003")
    assert lines[2] == ("4 | src_aws_secret_access_key = "
                        "<secret: 40 characters (upper-case letters, lower-case letters, digits)>")
    assert lines[3] == "  | " + "^" * len("src_aws_secret_access_key")


def test_no_caret_points_into_a_masked_secret(conf_file):
    path = conf_file(f"{CODECOMMIT}src_aws_secret_access_key = {credentials.obfuscated(SECRET)}  # the old one\n")
    output = run(str(path)).output
    assert SECRET not in output and credentials.obfuscated(SECRET) not in output and "the old one" not in output
    lines = block(output, f"{path}:4:")
    assert lines[2].startswith("4 | src_aws_secret_access_key = <secret: ")
    assert lines[3].startswith("  = why:"), "the comment's column is inside the masked value: no caret"


def test_control_characters_of_the_file_are_shown_escaped(conf_file):
    path = conf_file("[APP]\nslack_hook = \x1b]0;owned\x07 done\n\x1b[2J = 1\n")
    for output_format in ("text", "concise"):
        output = run("--format", output_format, str(path)).output
        assert "\x1b" not in output and "\x07" not in output
        assert "Congregate does not read '\\x1b[2j' in [APP]" in output
    assert "2 | slack_hook = \\x1b]0;owned\\x07 done" in run(str(path)).output.splitlines()


def test_the_prose_is_wrapped_to_the_terminal_and_aligned_under_its_label(conf_file):
    path = conf_file("[APP]\nprocesses = 4\nprocesses = 8\n")
    lines = block(run(str(path), columns="60").output, f"{path}:3:")
    why = [line for line in lines if line.startswith("  = why:")]
    assert why and all(len(line) <= 60 for line in lines[1:])
    continued = lines[lines.index(why[0]) + 1]
    assert continued.startswith(" " * len("  = why: ")) and continued.strip()


def test_a_very_long_line_is_cut_around_the_caret(conf_file):
    path = conf_file("[APP]\n" + "x" * 300 + " = 1\n")
    lines = block(run(str(path)).output, f"{path}:2:")
    assert lines[2].startswith("2 | ") and lines[2].endswith("…") and len(lines[2]) <= 130


def test_findings_are_grouped_by_file_and_the_summary_counts_them(conf_file):
    first = conf_file("[APP]\nprocesses = 4\nprocesses = 8\n", name="a.conf")
    second = conf_file("[APP]\nnot_a_key = 1\n", name="b.conf")
    output = run(str(first), str(second)).output
    heads = [line for line in output.splitlines() if line.startswith(str(first.parent))]
    assert [head.split(":")[0] for head in heads] == [str(first), str(second)]
    assert output.splitlines()[-1] == "2 files checked: 1 error, 1 warning." + ASSUMED


def test_concise_keeps_one_line_per_finding_with_its_place(conf_file):
    path = conf_file("[APP]\nprocesses = 4\nprocesses = 8\nnot_a_key = 1\n")
    assert run("--format", "concise", str(path)).output.splitlines() == [
        f"{path}:3:1: error P005 'processes' is set twice in [APP], at lines 2 and 3 [APP.processes]",
        f"{path}:4:1: warning S002 Congregate does not read 'not_a_key' in [APP] [APP.not_a_key]",
        "1 file checked: 1 error, 1 warning." + ASSUMED,
    ]


def test_statistics_count_the_findings_of_each_rule(conf_file):
    path = conf_file("[APP]\nprocesses = 4\nprocesses = 8\nnot_a_key = 1\nother_key = 2\n")
    result = run("--statistics", str(path))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "2  S002  unknown-key",
        "1  P005  duplicate-option",
        "1 file checked: 1 error, 2 warnings." + ASSUMED,
    ]


def test_colour_only_when_asked_and_colorama_only_then(conf_file):
    path = conf_file("[APP]\nprocesses = 4\nprocesses = 8\n")
    assert "\x1b[" in run("--color", "always", str(path)).output
    assert "\x1b[" not in run("--color", "never", str(path)).output
    probe = ("import sys; from click.testing import CliRunner; from congregate_lint.cli import cli; "
             f"CliRunner().invoke(cli, ['conf', '--isolated', '--color', 'never', {str(path)!r}]); "
             "print('colorama' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout.strip() == "False"


@pytest.mark.parametrize("columns", [None, "80", "250", "0", "-3", "wide", ""])
def test_the_width_is_what_shutil_would_give(monkeypatch, columns):
    """The text report reads the width without importing shutil; it must agree with shutil.get_terminal_size."""
    import shutil

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert text.terminal_columns() == shutil.get_terminal_size((text.MAX_WIDTH, 24)).columns
