"""Replacing a file's contents so that it is either wholly old or wholly new, never half written."""

import os
import stat
import tempfile
from contextlib import suppress


class WriteError(Exception):
    """The file could not be replaced; it is unchanged. The message is one line for stderr."""


def write_atomically(path: str, data: bytes, expected: bytes) -> None:
    """Write ``data`` to ``path`` (the target, when it is a symlink) through a synced temporary file and a rename.

    The temporary file sits in the target's directory, so the rename is atomic;
    it gets the target's mode (and owner, where allowed). ``expected`` is what
    the file held when it was read: a file changed since then is not overwritten.
    Whatever fails, the original stays as it was and no temporary file is left.
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise WriteError(f"{path}: not a regular file (a pipe or a device), so it is not replaced; use --diff, "
                             "or --fix - with the text on stdin")
        _replace(os.path.realpath(path), data, expected)
    except WriteError:
        raise
    except OSError as error:
        raise WriteError(f"{path}: not written ({error.strerror or type(error).__name__}); the file is unchanged") from None


def _replace(target: str, data: bytes, expected: bytes) -> None:
    with open(target, "rb") as current:
        if current.read() != expected:
            raise WriteError(f"{target}: changed while it was being fixed; not written")
    status = os.stat(target)
    directory, name = os.path.split(target)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".fix", dir=directory or ".")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _copy_ownership(temporary, status)
        os.chmod(temporary, stat.S_IMODE(status.st_mode))
        os.replace(temporary, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_directory(directory or ".")


def _copy_ownership(temporary: str, status: os.stat_result) -> None:
    """Keep the file's owner and group when the user may (root, or the owner keeping its own group)."""
    if hasattr(os, "chown"):
        with suppress(OSError):
            os.chown(temporary, status.st_uid, status.st_gid)


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
