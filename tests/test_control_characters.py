"""Control characters of a conf (ESC sequences, OSC title and clipboard, BEL, DEL, C1) never reach a terminal raw.

A conf is untrusted text: printed raw, ``ESC ] 0 ; … BEL`` retitles the terminal, ``ESC ] 52 ; c ; … BEL``
writes the clipboard and ``CSI`` sequences repaint it. Every output shows them escaped (``\\x1b``), also when
piped, in every format, ``--output`` file, ``--diff`` and stderr line.
"""

import re

import pytest

from congregate_lint.cli import cli
from congregate_lint.formatters import FORMATTERS
from tests.helpers import cli_runner

OSC_TITLE = "\x1b]0;pwned\x07"
OSC_CLIPBOARD = "\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGU=\x07"
CSI = "\x1b[2J\x1b[31m"
C1 = "\x9b31m\x85"
# Raw control characters an output must not carry: C0 but tab and newline, DEL, C1.
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
CONFS = {
    "in a key name": f"[SOURCE]\nsrc_type = gitlab # x\nsrc_{OSC_TITLE}name = 1\n",
    "in a section name": f"[SOURCE{CSI}]\nsrc_type = gitlab # x\n",
    "in a value": f"[SOURCE]\nsrc_type = gitlab{OSC_CLIPBOARD} # x\n",
    "in a comment shown as diff context": f"[SOURCE]\n# {OSC_TITLE}{C1}\nsrc_type = gitlab # x\n",
    "in a suppression reason": f"[SOURCE]\n# congregate-lint: disable=P010 -- {OSC_TITLE}\nsrc_type = gitlab # x\n",
    "a bell and DEL in a bare line": "[SOURCE]\nsrc_type = gitlab # x\nbare\x07\x7f\n",
}


def outputs(tmp_path, text):
    path = tmp_path / "congregate.conf"
    path.write_text(text, encoding="utf-8")
    runner = cli_runner()
    seen = {}
    for name in FORMATTERS:
        result = runner.invoke(cli, ["conf", "--isolated", "--format", name, f"--output={name}={tmp_path / name}",
                                     str(path)], catch_exceptions=False)
        seen[f"--format {name}"] = result.stdout + result.stderr
        seen[f"--output {name}"] = (tmp_path / name).read_text(encoding="utf-8")
    for mode in (["--diff"], ["--fix"]):
        result = runner.invoke(cli, ["conf", "--isolated", *mode, str(path)], catch_exceptions=False)
        seen[mode[0]] = result.stdout + result.stderr
        path.write_text(text, encoding="utf-8")
    return seen


@pytest.mark.parametrize("text", CONFS.values(), ids=list(CONFS))
def test_no_output_carries_a_raw_control_character(tmp_path, text):
    raw = {mode: sorted(set(RAW_CONTROL.findall(output))) for mode, output in outputs(tmp_path, text).items()}
    assert {mode: found for mode, found in raw.items() if found} == {}


def test_the_escaped_sequence_is_shown_in_the_text_report(tmp_path):
    text = outputs(tmp_path, CONFS["in a key name"])["--format text"]
    assert "src_\\x1b]0;pwned\\x07name" in text


def test_the_diff_shows_a_comment_with_its_control_characters_escaped(tmp_path):
    diff = outputs(tmp_path, CONFS["in a comment shown as diff context"])["--diff"]
    assert " # \\x1b]0;pwned\\x07\\x9b31m\\x85" in diff


def test_a_file_name_with_an_escape_sequence_is_escaped_on_stderr(tmp_path):
    name = tmp_path / f"congregate{OSC_TITLE}.conf"
    name.write_text("[SOURCE]\nsrc_type = gitlab # x\n", encoding="utf-8")
    result = cli_runner().invoke(cli, ["conf", "--isolated", "--fix", str(name)], catch_exceptions=False)
    assert "congregate\\x1b]0;pwned\\x07.conf: fixed 1 problem" in result.stderr
    assert not RAW_CONTROL.search(result.stdout + result.stderr)
