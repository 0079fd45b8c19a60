"""Files the user names (a scenario, a catalog, a license book), opened without surprises.

A path can name anything: a folder, /dev/zero (read for ever), a FIFO with no writer
(blocks for ever on open), a disk image. What is not a regular file is refused at once,
before a byte is read; a scenario or a catalog over MAX_TEXT_BYTES is refused by its size.
One Qt-free module for the command line, the catalog loader and the window.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from lic_desktop.core.text import _

MAX_TEXT_BYTES = 1 << 20  # a scenario is a few hundred bytes, a catalog a few KiB
# Opening a FIFO for reading blocks until a writer comes; without blocking it returns.
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


class UnreadableFileError(ValueError):
    """A file that cannot be read, or is refused unread; `reason` says why in a phrase
    ("it is not a regular file"), str() the whole sentence with the path."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(_("cannot read {path}: {reason}").format(path=path, reason=reason))
        self.path = path
        self.reason = reason


def open_regular(path: Path | str) -> BinaryIO:
    """`path` opened for reading in binary, or UnreadableFileError at once when it cannot be
    opened or is no regular file (a folder, a device, a FIFO or a socket)."""
    if "\0" in str(path):
        raise UnreadableFileError(path, _("the name contains a NUL character, which no file name "
                                  "can"))
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | _BINARY)
    except OSError as exc:
        raise UnreadableFileError(path, exc.strerror or str(exc)) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            # A folder, a device (/dev/zero), a FIFO or a socket.
            raise UnreadableFileError(path, _("it is not a regular file"))
        if _NONBLOCK:
            os.set_blocking(fd, True)  # no effect on a regular file; as any other open
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bytes(path: Path | str, too_large: str, limit: int = MAX_TEXT_BYTES) -> bytes:
    """A regular file's bytes, at most `limit` of them; UnreadableFileError otherwise, with
    `too_large` (a phrase taking {size}) when it is larger."""
    with open_regular(path) as handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise UnreadableFileError(path, too_large.format(size=size))
            data = handle.read(limit + 1)  # a file that grows, or says it has no size
        except OSError as exc:
            raise UnreadableFileError(path, exc.strerror or str(exc)) from None
    if len(data) > limit:
        over = _("over {limit}").format(limit=limit)
        raise UnreadableFileError(path, too_large.format(size=over))
    return data


def read_text(path: Path | str, too_large: str, limit: int = MAX_TEXT_BYTES) -> str:
    """A regular file's UTF-8 text (a byte-order mark from a Windows editor dropped), at
    most `limit` bytes; UnreadableFileError otherwise."""
    data = read_bytes(path, too_large, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFileError(path, _("it is not UTF-8 text (byte {at})").format(
            at=exc.start + 1)) from None


def scenario_too_large() -> str:
    return _("it is larger than a scenario can be ({size} bytes)")


def catalog_too_large() -> str:
    return _("it is larger than a catalog can be ({size} bytes)")
