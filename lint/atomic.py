"""Replacing a file's contents so that it is either wholly old or wholly new, never half written.

Two callers: ``--fix`` (the linted file, replaced in place: a symlink's target,
keeping owner, group and mode) and report files (``--output``: a new file at the
path; a symlink there is refused, never followed). Both write a synced temporary
file beside the target and rename it over the target.
"""

import os
import stat
import tempfile
from contextlib import suppress
from typing import Callable, List, Optional

WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH


class WriteError(Exception):
    """The file could not be replaced; it is unchanged. The message is one line for stderr."""


def write_atomically(path: str, data: bytes, expected: bytes, force: bool = False) -> List[str]:
    """Write ``data`` to ``path`` (the target, when it is a symlink) through a synced temporary file and a rename;
    return notes for stderr (what ``force`` allowed).

    The temporary file gets the target's mode, owner and group; when the owner or
    group cannot be kept, nothing is written. ``expected`` is what the file held
    when it was read: a file changed since then, up to the rename, is not
    overwritten ("changed meanwhile"). A read-only file, or one with other hard
    links (which would keep the old text), is replaced only with ``force``.
    Whatever fails, the original stays as it was and no temporary file is left.
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise WriteError(f"{path}: not a regular file (a pipe or a device), so it is not replaced; use --diff, "
                             "or --fix - with the text on stdin")
        return _fix_in_place(path, os.path.realpath(path), data, expected, force)
    except WriteError:
        raise
    except OSError as error:
        raise WriteError(f"{path}: not written ({error.strerror or type(error).__name__}); the file is unchanged") from None


def _fix_in_place(path: str, target: str, data: bytes, expected: bytes, force: bool) -> List[str]:
    with open(target, "rb") as current:
        before = os.fstat(current.fileno())
        notes = _refusals(path, before, force)

        def unchanged() -> None:
            """The file at ``target`` is still the one read, holding ``expected``: checked before the rename."""
            now = os.fstat(current.fileno())
            same_file = os.stat(target)
            current.seek(0)
            if ((now.st_size, now.st_mtime_ns, now.st_ctime_ns) != (before.st_size, before.st_mtime_ns,
                                                                     before.st_ctime_ns)
                    or (same_file.st_dev, same_file.st_ino) != (before.st_dev, before.st_ino)
                    or current.read() != expected):
                raise WriteError(f"{path}: changed meanwhile (while it was being fixed); not written, nothing is "
                                 "lost: run --fix again")

        unchanged()
        _install(target, data, before, unchanged)
    return notes


def _refusals(path: str, status: os.stat_result, force: bool) -> List[str]:
    """Refuse (or, with ``force``, note) replacing a read-only file or one with other hard links."""
    notes = []
    read_only = not status.st_mode & WRITE_BITS or not os.access(path, os.W_OK)
    if read_only:
        if not force:
            raise WriteError(f"{path}: read-only (mode {stat.S_IMODE(status.st_mode):04o}); not written: make it "
                             "writable, or pass --force to replace it anyway (the mode is kept)")
        notes.append(f"{path}: read-only, replaced because of --force (the mode is kept)")
    if status.st_nlink > 1:
        if not force:
            raise WriteError(f"{path}: has {status.st_nlink} hard links; replacing it would leave the other names "
                             "with the old text, so it is not written: pass --force to replace this name only")
        notes.append(f"{path}: replaced this name only (--force); its {status.st_nlink - 1} other hard link(s) keep "
                     "the old text")
    return notes


def replace_file(path: str, data: bytes) -> None:
    """Put ``data`` at ``path`` as a new regular file (mode from the umask, owned by this user); a symlink at
    ``path`` is refused, never followed.

    A device or pipe that is there (``/dev/null``) is written into instead, since
    it cannot be replaced. Raises :class:`WriteError` saying why, without the path.
    """
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise WriteError(error.strerror or type(error).__name__) from None
    try:
        if status is not None and stat.S_ISLNK(status.st_mode):
            raise WriteError("it is a symbolic link, and a report is not written through a link; remove it or "
                             "choose another path")
        if status is not None and stat.S_ISDIR(status.st_mode):
            raise WriteError("it is a directory")
        if status is not None and not stat.S_ISREG(status.st_mode):
            _write_into_device(path, data)
            return
        _install(os.path.abspath(path), data, None, lambda: None)
    except WriteError:
        raise
    except OSError as error:
        raise WriteError(error.strerror or type(error).__name__) from None


def _write_into_device(path: str, data: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_NOFOLLOW | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)


def _install(target: str, data: bytes, status: Optional[os.stat_result], last_check: Callable[[], None]) -> None:
    """Write a temporary file beside ``target`` (with ``status``'s mode, owner and group when given), run
    ``last_check``, then rename it over ``target``, which is replaced itself, never followed."""
    directory, name = os.path.split(target)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory or ".")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if status is not None:
            _copy_ownership(target, temporary, status)
            os.chmod(temporary, stat.S_IMODE(status.st_mode))
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        last_check()
        os.replace(temporary, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_directory(directory or ".")


def _copy_ownership(target: str, temporary: str, status: os.stat_result) -> None:
    """Give the temporary file the target's owner and group, or refuse: a replaced file must not change hands."""
    if not hasattr(os, "chown"):
        return
    with suppress(OSError):
        os.chown(temporary, status.st_uid, status.st_gid)
    now = os.stat(temporary)
    if (now.st_uid, now.st_gid) != (status.st_uid, status.st_gid):
        raise WriteError(f"{target}: owned by uid {status.st_uid}, gid {status.st_gid}, which this user cannot give "
                         "a new file; not written: run --fix as its owner")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _sync_directory(directory: str) -> None:
    """Make the rename durable; some systems cannot open a directory, which is not an error."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        with suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
