"""Reading a congregate.conf as bytes, and turning the bytes into the text Congregate's parser sees."""

import os
import sys
from typing import List, NamedTuple, Tuple

BOM = b"\xef\xbb\xbf"
# A congregate.conf is a few kilobytes; anything this large is not one, and is not read further.
MAX_BYTES = 4 * 1024 * 1024
STDIN_NAME = "<stdin>"
# One character in this many being a control or undecodable character makes the file binary, not text.
BINARY_RATIO = 20


class SourceError(Exception):
    """A path that cannot be linted at all; the message is one line for stderr."""


class Source(NamedTuple):
    """The bytes of one file, as given on the command line."""

    path: str
    data: bytes
    truncated: bool = False


class DecodeIssue(NamedTuple):
    """Something about the bytes themselves: ``bom``, ``not-utf8``, ``nul``, ``binary`` or ``too-large``."""

    kind: str
    line: int
    column: int
    detail: str = ""


def default_conf_path() -> str:
    """Where Congregate itself looks: ``$CONGREGATE_PATH/data/congregate.conf``, else ``./data/congregate.conf``."""
    base = os.environ.get("CONGREGATE_PATH") or os.getcwd()
    return os.path.join(base, "data", "congregate.conf")


def read_source(path: str) -> Source:
    """Read at most MAX_BYTES (+1 to notice more) from a path, or from stdin for ``-``."""
    if path == "-":
        return _stdin()
    if os.path.isdir(path):
        raise SourceError(f"{path}: is a directory, not a congregate.conf")
    try:
        with _open_without_waiting(path) as handle:
            return _bounded(path, handle)
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file") from None
    except PermissionError:
        raise SourceError(f"{path}: permission denied") from None
    except OSError as error:
        raise SourceError(f"{path}: cannot be read ({error.strerror or type(error).__name__})") from None


def _stdin() -> Source:
    if sys.stdin is None:
        raise SourceError(f"{STDIN_NAME}: cannot be read (standard input is closed)")
    try:
        return _bounded(STDIN_NAME, sys.stdin.buffer)
    except OSError as error:
        raise SourceError(f"{STDIN_NAME}: cannot be read ({error.strerror or type(error).__name__})") from None


def _open_without_waiting(path: str):
    """Open a file for reading; a named pipe nobody writes to reads as empty instead of blocking forever."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    if hasattr(os, "set_blocking"):
        os.set_blocking(descriptor, True)  # a writer that is there but slow is waited for
    return os.fdopen(descriptor, "rb", buffering=0)  # _bounded reads in large pieces: no buffer needed


# Read in pieces: one read of MAX_BYTES + 1 would set aside 4 MiB for every file, however small.
READ_SIZE = 64 * 1024


def _bounded(path: str, stream) -> Source:
    pieces, size = [], 0
    while size <= MAX_BYTES:
        piece = stream.read(min(READ_SIZE, MAX_BYTES + 1 - size))
        if not piece:
            break
        pieces.append(piece)
        size += len(piece)
    data = b"".join(pieces)
    if len(data) > MAX_BYTES:
        return Source(path, data[:MAX_BYTES], truncated=True)
    return Source(path, data)


def decode(source: Source) -> Tuple[str, List[DecodeIssue]]:
    """The text Congregate's ``ConfigParser.read`` would see, and what is wrong with the bytes.

    Congregate opens the file in text mode with the locale encoding (UTF-8 on the
    systems it runs on) and universal newlines. Undecodable bytes are replaced so
    the rest of the file can still be linted; a BOM is reported and then dropped
    so it does not hide every other finding.
    """
    issues: List[DecodeIssue] = []
    data = source.data
    if source.truncated:
        issues.append(DecodeIssue("too-large", 1, 1, f"{MAX_BYTES // (1024 * 1024)} MiB"))
    if data.startswith(BOM):
        issues.append(DecodeIssue("bom", 1, 1))
        data = data[len(BOM):]
    try:  # most files are UTF-8: decoded once, their line ends translated as universal newlines do
        text, bad = _universal_newlines(data.decode("utf-8")), None
    except UnicodeDecodeError as error:
        bad = error.start
        issues.append(DecodeIssue("not-utf8", *_position(data, bad)))
        text = _universal_text(data)
    nul = text.find("\0")
    if nul >= 0:
        issues.append(DecodeIssue("nul", *_text_position(text, nul)))
    # Valid UTF-8 without NUL is text to Congregate's parser, whatever control characters it holds.
    if (bad is not None or nul >= 0) and _looks_binary(text):
        issues.append(DecodeIssue("binary", 1, 1))
        text = ""
    return text, issues


def _looks_binary(text: str) -> bool:
    """More than one character in twenty is a control or undecodable character: not a text file."""
    odd = sum(1 for char in text if char == "\ufffd" or (char < " " and char not in "\t\n"))
    return odd * BINARY_RATIO > len(text)


def _position(data: bytes, offset: int) -> Tuple[int, int]:
    prefix = _universal_text(data[:offset])
    return _text_position(prefix, len(prefix))


def _universal_text(data: bytes) -> str:
    """The bytes as text mode reads them: undecodable bytes replaced, universal newlines."""
    return _universal_newlines(data.decode("utf-8", "replace"))


def _universal_newlines(text: str) -> str:
    """What universal newlines make of decoded text: CR LF and a lone CR end a line as LF does."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _text_position(text: str, offset: int) -> Tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1
