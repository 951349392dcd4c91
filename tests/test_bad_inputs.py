"""Any bytes in: a finding or a one-line error out, never a traceback."""

import subprocess
import sys

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from congregate_lint.cli import cli
from tests.helpers import lint_bytes, places

CLEAN = b"[DESTINATION]\nimport_user_id = 2\n"


def parse_rules(data):
    return [place for place in places(lint_bytes(data, select=["P"]))]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_give_findings_not_exceptions(data):
    for finding in lint_bytes(data):
        assert finding.rule != "M001", finding.message
        assert finding.line >= 1 and finding.column >= 1


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_random_text_gives_findings_not_exceptions(text):
    assert all(finding.rule != "M001" for finding in lint_bytes(text.encode("utf-8", "surrogatepass")))


def test_empty_file_has_no_parse_finding():
    assert parse_rules(b"") == []


def test_random_binary_file_is_reported_once_as_not_utf8():
    data = bytes(range(256)) * 8
    # byte 0 is a NUL; the first byte that is not UTF-8 (0x80) follows the \n and \r of bytes 10 and 13
    assert parse_rules(data) == [("P008", "-", 1), ("P007", "-", 3)]


def test_crlf_and_mixed_line_endings_keep_line_numbers():
    data = b"[SOURCE]\r\nsrc_type = a\rsrc_type = b\nx = 1\r\n"
    assert parse_rules(data) == [("P005", "SOURCE.src_type", 3)]


def test_tabs_indent_continuation_lines():
    data = b"[DESTINATION]\nreporting = {\n\t\"subs\": {}\n\t}\n\tbad = indented\n"
    assert parse_rules(data) == []


def test_very_long_line_is_read_whole():
    data = b"[APP]\nslack_url = " + b"a" * 1_000_000 + b"%\n"
    assert parse_rules(data) == [("P009", "APP.slack_url", 2)]


def test_bom_is_reported_and_the_rest_still_linted():
    data = b"\xef\xbb\xbf[SOURCE]\nsrc_type = a\nsrc_type = b\n"
    assert parse_rules(data) == [("P006", "-", 1), ("P005", "SOURCE.src_type", 3)]


def test_stdin_with_crlf_and_bom():
    result = CliRunner().invoke(cli, ["conf", "--select", "P", "--format", "concise", "-"],
                                input=b"\xef\xbb\xbf[A]\r\nx = 1\r\nx = 2\r\n")
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        "<stdin>:1:1: error P006 the file starts with a UTF-8 byte-order mark",
        "<stdin>:3:1: error P005 'x' is set twice in [A], at lines 2 and 3 [A.x]",
    ]


# VmHWM is the peak resident memory of this process since exec; ru_maxrss would carry over pytest's own size.
MEASURE_PEAK_MEMORY = """
import re, sys
from congregate_lint.cli import main
sys.argv = ["congregate-lint", "conf", "--format", "json", sys.argv[1]]
try:
    main()
finally:
    status = open("/proc/self/status").read()
    print(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1), file=sys.stderr)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the peak memory from /proc/self/status")
def test_fifty_megabyte_file_is_refused_early_with_bounded_memory(tmp_path):
    path = tmp_path / "congregate.conf"
    with open(path, "wb") as handle:
        handle.write(CLEAN)
        for _ in range(50):
            handle.write(b"x = " + b"y" * (1024 * 1024 - 5) + b"\n")
    result = subprocess.run([sys.executable, "-c", MEASURE_PEAK_MEMORY, str(path)], capture_output=True, text=True)
    assert result.returncode == 1
    assert '"rule": "P013"' in result.stdout
    peak_kib = int(result.stderr.strip().splitlines()[-1])
    assert peak_kib < 150 * 1024, f"peak memory {peak_kib} KiB for a 50 MB file"
