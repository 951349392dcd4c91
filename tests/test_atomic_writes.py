"""Files congregate-lint writes: ``--fix`` in place (owner, group, hard links, read-only files, a change made during
the write) and report files (``--output``: symlinks, the linted file itself). Real files, real CLI."""

import os
import shutil
import stat
import tempfile
from pathlib import Path
import pytest

from congregate_lint import atomic
from congregate_lint.cli import cli
from tests.helpers import cli_runner

FIXABLE = "\ufeff[APP]\nssl_verify = False\n"  # P006: the BOM is removed
FIXED = "[APP]\nssl_verify = False\n"
NOBODY = 65534


def run(*args):
    """``conf`` with the parse rules only (the files here are not complete confs) and no project config."""
    return cli_runner().invoke(cli, ["conf", "--isolated", "--select", "P", *args[1:]], catch_exceptions=False)


def only_line(text: str) -> str:
    assert text.count("\n") == 1, text
    return text


@pytest.fixture
def fixable(tmp_path):
    path = tmp_path / "congregate.conf"
    path.write_text(FIXABLE, encoding="utf-8")
    return path


def names(directory):
    return sorted(path.name for path in directory.iterdir())


# --- --fix: hard links and read-only files -------------------------------------------------------------------------

def test_a_file_with_another_hard_link_is_not_split_without_force(fixable):
    other = fixable.with_name("linked.conf")
    os.link(fixable, other)
    result = run("conf", "--fix", str(fixable))
    assert result.exit_code == 2
    assert "has 2 hard links; replacing it would leave the other names with the old text" in only_line(result.stderr)
    assert fixable.read_text(encoding="utf-8") == FIXABLE and os.stat(fixable).st_nlink == 2


def test_force_replaces_that_name_only_and_says_so(fixable):
    other = fixable.with_name("linked.conf")
    os.link(fixable, other)
    result = run("conf", "--fix", "--force", str(fixable))
    assert result.exit_code == 0, result.output
    assert "replaced this name only (--force); its 1 other hard link(s) keep the old text" in result.stderr
    assert fixable.read_text(encoding="utf-8") == FIXED
    assert other.read_text(encoding="utf-8") == FIXABLE


def test_a_read_only_file_is_not_rewritten_without_force(fixable):
    fixable.chmod(0o444)
    result = run("conf", "--fix", str(fixable))
    assert result.exit_code == 2
    assert "read-only (mode 0444); not written" in only_line(result.stderr)
    assert fixable.read_text(encoding="utf-8") == FIXABLE


def test_force_rewrites_a_read_only_file_and_keeps_its_mode(fixable):
    fixable.chmod(0o444)
    result = run("conf", "--fix", "--force", str(fixable))
    assert result.exit_code == 0, result.output
    assert "read-only, replaced because of --force (the mode is kept)" in result.stderr
    assert fixable.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(fixable.stat().st_mode) == 0o444
    assert names(fixable.parent) == ["congregate.conf"]


def test_force_without_fix_is_a_usage_error(fixable):
    assert run("conf", "--force", str(fixable)).exit_code == 2


# --- --fix: a change during the write window -----------------------------------------------------------------------

def test_a_change_made_while_the_new_file_is_written_is_kept_and_reported(fixable, monkeypatch):
    real_fsync = os.fsync

    def edit_meanwhile(descriptor):
        fixable.write_text("[APP]\nssl_verify = True\n", encoding="utf-8")  # the user saves in an editor
        return real_fsync(descriptor)

    monkeypatch.setattr(atomic.os, "fsync", edit_meanwhile)
    result = run("conf", "--fix", str(fixable))
    assert result.exit_code == 2
    assert "changed meanwhile (while it was being fixed); not written" in only_line(result.stderr)
    assert "fixed" not in result.stderr.replace("being fixed", "")
    assert fixable.read_text(encoding="utf-8") == "[APP]\nssl_verify = True\n"
    assert names(fixable.parent) == ["congregate.conf"]


def test_a_file_replaced_by_a_rename_meanwhile_is_not_overwritten(fixable, monkeypatch):
    real_fsync = os.fsync

    def save_by_rename(descriptor):
        saved = fixable.with_name("saved~")
        saved.write_text(FIXABLE, encoding="utf-8")  # same bytes, but another file: an editor's atomic save
        os.rename(saved, fixable)
        return real_fsync(descriptor)

    monkeypatch.setattr(atomic.os, "fsync", save_by_rename)
    result = run("conf", "--fix", str(fixable))
    assert result.exit_code == 2 and "changed meanwhile" in result.stderr


# --- --fix: owner and group (needs root to make files owned by someone else) -----------------------------------------

needs_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")


@needs_root
def test_root_fixing_another_users_file_keeps_its_owner_and_group(fixable):
    os.chown(fixable, NOBODY, NOBODY)
    result = run("conf", "--fix", str(fixable))
    assert result.exit_code == 0, result.output
    status = fixable.stat()
    assert (status.st_uid, status.st_gid) == (NOBODY, NOBODY)
    assert fixable.read_text(encoding="utf-8") == FIXED


@needs_root
def test_a_user_who_cannot_keep_the_owner_is_refused(shared_directory):
    """A file owned by root, writable by all, in a directory writable by all: `nobody` could rename over it,
    and the file would change hands; it is refused instead. (A forked child becomes `nobody`: it may not be
    able to run this Python from its installed path.)"""
    fixable = shared_directory / "congregate.conf"
    fixable.write_text(FIXABLE, encoding="utf-8")
    fixable.chmod(0o666)
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        code = 0
        try:
            os.close(reader)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            atomic.write_atomically(str(fixable), FIXED.encode(), FIXABLE.encode("utf-8"))
        except atomic.WriteError as error:
            os.write(writer, str(error).encode())
            code = 2
        finally:
            os._exit(code)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        message = pipe.read().decode()
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 2
    assert "owned by uid 0, gid 0, which this user cannot give a new file; not written" in message
    assert fixable.read_text(encoding="utf-8") == FIXABLE
    assert (fixable.stat().st_uid, fixable.stat().st_gid) == (0, 0)
    assert names(shared_directory) == ["congregate.conf"]


@pytest.fixture
def shared_directory():
    """A directory every user may write to and reach (pytest's own temporary tree is private to root)."""
    directory = Path(tempfile.mkdtemp(prefix="congregate-lint-shared-", dir="/tmp"))
    directory.chmod(0o777)
    yield directory
    shutil.rmtree(directory)


# --- report files ------------------------------------------------------------------------------------------------

@pytest.fixture
def clean_conf(tmp_path):
    path = tmp_path / "congregate.conf"
    path.write_text("[APP]\nssl_verify = False\n", encoding="utf-8")
    return path


def test_a_report_is_not_written_through_a_symlink(clean_conf, tmp_path):
    outside = tmp_path / "outside" / "precious.txt"
    outside.parent.mkdir()
    outside.write_text("keep me\n")
    link = tmp_path / "report.sarif"
    link.symlink_to(outside)
    result = run("conf", "--output", f"sarif={link}", str(clean_conf))
    assert result.exit_code == 2
    assert only_line(result.stderr) == (f"congregate-lint: --output sarif={link}: is a symbolic link; a report is not "
                                        "written through a link (remove it or choose another path)\n")
    assert outside.read_text() == "keep me\n" and link.is_symlink()


def test_a_relative_report_path_through_a_linked_folder_is_refused(clean_conf, tmp_path, monkeypatch):
    """A folder link committed into a checkout (reports -> somewhere outside) must not redirect the report."""
    outside = tmp_path / "outside"
    outside.mkdir()
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    (checkout / "reports").symlink_to(outside)
    monkeypatch.chdir(checkout)
    result = run("conf", "--output", "sarif=reports/congregate-lint.sarif", str(clean_conf))
    assert result.exit_code == 2
    assert "its folder reports is a symbolic link" in only_line(result.stderr)
    assert names(outside) == []
    result = run("conf", "--output", f"sarif={outside / 'congregate-lint.sarif'}", str(clean_conf))
    assert result.exit_code == 0 and names(outside) == ["congregate-lint.sarif"]  # a path typed in full is used


def test_a_dangling_symlink_is_refused_too(clean_conf, tmp_path):
    link = tmp_path / "report.json"
    link.symlink_to(tmp_path / "created-elsewhere.json")
    result = run("conf", "--output", f"json={link}", str(clean_conf))
    assert result.exit_code == 2
    assert not (tmp_path / "created-elsewhere.json").exists()


def test_a_symlink_planted_after_the_check_is_replaced_not_followed(tmp_path):
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me\n")
    link = tmp_path / "report.txt"
    link.symlink_to(outside)
    with pytest.raises(atomic.WriteError, match="symbolic link"):
        atomic.replace_file(str(link), b"report\n")
    assert outside.read_text() == "keep me\n"


@pytest.mark.parametrize("how", ["same path", "symlink to it", "hard link to it"])
def test_a_report_never_overwrites_a_file_being_linted(clean_conf, tmp_path, how):
    linted = clean_conf
    if how == "symlink to it":
        linted = tmp_path / "via-link.conf"
        linted.symlink_to(clean_conf)
    elif how == "hard link to it":
        linted = tmp_path / "hard.conf"
        os.link(clean_conf, linted)
    result = run("conf", "--output", f"json={clean_conf}", str(linted))
    assert result.exit_code == 2
    assert "is a file being linted; a report never overwrites it" in only_line(result.stderr)
    assert clean_conf.read_text(encoding="utf-8") == "[APP]\nssl_verify = False\n"


def test_a_report_replaces_a_regular_file_atomically_and_leaves_no_temporary_file(clean_conf, tmp_path):
    report = tmp_path / "out" / "report.json"
    report.parent.mkdir()
    report.write_text("old report\n")
    result = run("conf", "--output", f"json={report}", str(clean_conf))
    assert result.exit_code == 0, result.output
    assert report.read_text(encoding="utf-8").startswith("{")
    assert names(report.parent) == ["report.json"]
    assert stat.S_IMODE(report.stat().st_mode) == 0o666 & ~_umask()


def test_a_report_to_a_device_is_written_into_it(clean_conf):
    result = run("conf", "--output", f"json={os.devnull}", str(clean_conf))
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_the_same_report_path_twice_is_refused(clean_conf, tmp_path):
    report = tmp_path / "r.json"
    result = run("conf", "--output", f"json={report}", "--output", f"sarif={report}", str(clean_conf))
    assert result.exit_code == 2 and "that path is given twice" in only_line(result.stderr)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
