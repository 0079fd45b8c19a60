"""Every file the app writes, written one way: whole or not at all.

The bytes go to a temporary file of our own naming beside the target
(`.NAME.lic-tmp-PID-XXXXXX`), which is fsynced, renamed over the target, and the folder
fsynced, so a crash, a kill or a full disk leaves either the old file or the new one,
never half of one. The old file's mode stays (a new file gets the umask's), a symlink
stays a symlink (its target is replaced), and a device such as /dev/null or /dev/stdout
is written directly. The temporary file is removed on any exception and on Ctrl+C;
inside `signals_stop_writes()` (the command line's entry point) also on SIGTERM/SIGHUP
while a write runs in the main thread: they raise `Stopped` there, so the with-block
unwinds and the entry point exits 143/129. The window does not opt in: an exception
raised inside a Qt slot would not end the process, and a SIGTERM must. Whatever a kill
left (SIGKILL, or a SIGTERM to the window) is swept by the next write beside it.
No Qt: the command line, the store's cache and the window all write through here.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import re
import secrets
import signal
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from pathlib import Path
from types import FrameType
from typing import IO, Any, BinaryIO, NamedTuple, TextIO, cast

from lic_desktop.core.text import _

TEMP_MARK = ".lic-tmp-"
STALE_SECONDS = 3600  # a temp file of a live pid untouched this long: the pid was reused
STOP_SIGNALS = ("SIGTERM", "SIGHUP")
FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_signals_stop = False  # see signals_stop_writes()


class WriteError(OSError):
    """A file was not written; the message names it and says why (str() is the message
    alone, not "[Errno 28] ..."; `errno` is the cause's)."""

    def __init__(self, cause: int | None, message: str) -> None:
        super().__init__(message)
        self.errno = cause


class Stopped(BaseException):
    """SIGTERM or SIGHUP arrived while a file was being written (not an Exception, as
    KeyboardInterrupt is not: only the command's entry point handles it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def temp_prefix(name: str) -> str:
    """The start of every temporary file for target `name`: `.NAME.lic-tmp-`. A name
    near the 255-byte limit is shortened to a hash so that the temp name still fits."""
    if len(os.fsencode(name)) > 200:
        name = hashlib.sha256(os.fsencode(name)).hexdigest()[:16]
    return f".{name}{TEMP_MARK}"


class Unwritten(NamedTuple):
    """A file an interrupted write did not finish: `path` as given; `old_kept` when an
    old file stays as it was; `cut_short` when it was a device or pipe written directly
    (/dev/stdout), which got part of the output."""

    path: str
    old_kept: bool
    cut_short: bool = False


def unwritten(exc: BaseException) -> list[Unwritten]:
    """The files an interrupted write did not finish."""
    found: list[Unwritten] = getattr(exc, "_lic_unwritten", [])
    return found


class _Raw(io.RawIOBase):
    """The temporary file's descriptor; every OSError it meets becomes a WriteError."""

    def __init__(self, fd: int, owner: AtomicFile) -> None:
        super().__init__()
        self.fd, self.owner, self.discard = fd, owner, False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def write(self, data: object) -> int:
        view = memoryview(data)  # type: ignore[arg-type]
        if self.discard:  # aborted: what the buffers still hold goes nowhere
            return view.nbytes
        try:
            return os.write(self.fd, view)
        except OSError as exc:
            raise self.owner.error(exc) from None

    def close(self) -> None:
        if not self.closed:
            try:
                os.close(self.fd)
            finally:
                super().close()


class AtomicFile:
    """A file being written: write to `stream`, then `commit()` (the target replaced) or
    `abort()` (the target untouched, the temporary file gone). For writers that are no
    with-block (a worker thread writing a book chunk by chunk); else use `open_text`."""

    def __init__(self, path: Path | str, *, text: bool = False, encoding: str = "utf-8",
                 newline: str | None = "", new_mode: int = 0o666) -> None:
        """`new_mode` is a new file's, less the umask (0o600 for a private one); a file
        that exists keeps its own."""
        self.shown = str(path)
        self.new_mode = new_mode
        self.target = Path(os.path.realpath(path))  # through a symlink: the link stays
        self.temp: Path | None = None
        self.done = False
        self.old_exists = False  # as far as error() knows yet
        old = self._old_stat()
        self.old_exists = old is not None and stat.S_ISREG(old.st_mode)
        fd = self._open_direct() if old is not None and not self.old_exists \
            else self._open_temp(old)
        self.raw = _Raw(fd, self)
        buffered = io.BufferedWriter(self.raw)
        self.stream: IO[Any] = (
            io.TextIOWrapper(buffered, encoding=encoding, newline=newline) if text
            else buffered)

    def _old_stat(self) -> os.stat_result | None:
        try:
            old = self.target.stat()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise self.error(exc) from None
        if stat.S_ISDIR(old.st_mode):
            raise self.error(OSError(errno.EISDIR, os.strerror(errno.EISDIR)))
        return old

    def _open_direct(self) -> int:
        """A device or a pipe (/dev/null, /dev/stdout): nothing to rename over."""
        try:
            return os.open(self.target, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_BINARY", 0))
        except OSError as exc:
            raise self.error(exc) from None

    def _open_temp(self, old: os.stat_result | None) -> int:
        folder, prefix = self.target.parent, temp_prefix(self.target.name)
        sweep(folder, prefix)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        # Never more open than the file will be: the old file's mode is set once the
        # owner is; a new file's is the umask's, which only os.open applies safely.
        mode = self.new_mode if old is None else 0o600
        while True:
            temp = folder / f"{prefix}{os.getpid()}-{secrets.token_hex(3)}"
            try:
                fd = os.open(temp, flags, mode)
                break
            except FileExistsError:
                continue
            except OSError as exc:
                raise self.error(exc) from None
        self.temp = temp
        if old is not None:
            try:
                _keep_owner_and_mode(fd, temp, old)
            except BaseException:
                os.close(fd)
                temp.unlink(missing_ok=True)
                raise
        return fd

    def error(self, exc: OSError) -> WriteError:
        """What failed, in one line naming the file; a full disk says the old file stays."""
        if isinstance(exc, WriteError):
            return exc
        if exc.errno in FULL:
            text = (_("the disk is full: {path} was not written; the old file is intact")
                    if self.old_exists
                    else _("the disk is full: {path} was not written"))
            return WriteError(exc.errno, text.format(path=self.shown))
        return WriteError(exc.errno, _("cannot write {path}: {reason}").format(
            path=self.shown, reason=self._reason(exc)))

    def _reason(self, exc: OSError) -> str:
        if exc.errno == errno.EISDIR:
            return _("it is a folder")
        if exc.errno == errno.ENOENT and not self.target.parent.is_dir():
            # Through a symlink the missing folder is the link target's, not the link's.
            shown = Path(self.shown)
            folder = self.target.parent if shown.is_symlink() else shown.parent
            return _("the folder {folder} does not exist").format(folder=folder)
        if exc.errno in (errno.EACCES, errno.EPERM):
            return _("permission denied")
        if exc.errno == errno.EROFS:
            return _("the disk is read-only")
        return exc.strerror or str(exc)

    def commit(self) -> Path:
        """Everything written reaches the disk, then replaces the target."""
        if self.done:
            raise ValueError("already committed or aborted")
        try:
            self.stream.flush()
            if self.temp is not None:
                _sync(self.raw.fd)
            self.stream.close()
            if self.temp is not None:
                os.replace(self.temp, self.target)
        except BaseException as exc:
            if self.temp is not None and not os.path.lexists(self.temp):
                self.done = True  # a signal just after the rename: the file is written
                raise
            self.abort(exc)
            if isinstance(exc, OSError):
                raise self.error(exc) from None
            raise
        self.done = True
        if self.temp is not None:
            _sync_folder(self.target.parent)
        return self.target

    def abort(self, reason: BaseException | None = None) -> None:
        """Drop what was written: the target stays as it was. Safe to call twice."""
        if self.done:
            return
        self.done = True
        self.raw.discard = True
        try:
            self.stream.close()  # flushes into nothing, closes the descriptor
        except (OSError, ValueError):
            with suppress(OSError):
                self.raw.close()
        if self.temp is not None:
            with suppress(OSError):  # else the next write beside it sweeps it
                self.temp.unlink(missing_ok=True)
        if reason is not None and not isinstance(reason, Exception):
            # Ctrl+C or SIGTERM: the command's entry point says what was not written.
            reason._lic_unwritten = [  # type: ignore[attr-defined]
                *unwritten(reason), Unwritten(self.shown, self.old_exists, self.temp is None)]


def open_text(path: Path | str, *, encoding: str = "utf-8",
              newline: str | None = "") -> AbstractContextManager[TextIO]:
    """A text stream whose content replaces `path` when the block ends without error."""
    return cast(AbstractContextManager[TextIO], _replacing(
        lambda: AtomicFile(path, text=True, encoding=encoding, newline=newline)))


def open_binary(path: Path | str, new_mode: int = 0o666) -> AbstractContextManager[BinaryIO]:
    """A byte stream whose content replaces `path` when the block ends without error."""
    return cast(AbstractContextManager[BinaryIO], _replacing(
        lambda: AtomicFile(path, new_mode=new_mode)))


@contextmanager
def _replacing(make: Callable[[], AtomicFile]) -> Iterator[IO[Any]]:
    with _stop_on_signals():
        out = make()
        try:
            yield out.stream
        except BaseException as exc:
            out.abort(exc)
            raise
        out.commit()


def write_bytes(path: Path | str, data: bytes, new_mode: int = 0o666) -> None:
    with open_binary(path, new_mode) as handle:
        handle.write(data)


def write_text(path: Path | str, text: str, encoding: str = "utf-8") -> None:
    write_bytes(path, text.encode(encoding))


def sweep(folder: Path, prefix: str) -> int:
    """Remove the temporary files a killed writer left for this target; how many."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        match = re.fullmatch(r"(\d+)-[0-9a-f]+", entry.name[len(prefix):]) \
            if entry.name.startswith(prefix) else None
        try:
            if match is not None:
                stale = _stale(int(match[1]), entry.stat(follow_symlinks=False).st_mtime)
            else:
                stale = _legacy_litter(entry, prefix)
            if stale:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            pass  # gone already, or not ours to remove
    return removed


def _legacy_litter(entry: os.DirEntry[str], prefix: str) -> bool:
    """A temporary file of the writers before this one, for the same target: mkstemp's
    `.NAME.XXXXXXXX` (batch --out, the store's cache) or `.NAME.part` (quote --pdf).
    Only when it is certainly theirs: that exact shape, a regular file of ours with
    mkstemp's mode 0600, untouched for an hour (no such writer is running any more)."""
    name = prefix[:-len(TEMP_MARK)] + "."  # ".NAME."
    rest = entry.name[len(name):] if entry.name.startswith(name) else None
    if rest is None or not (rest == "part" or re.fullmatch(r"[a-z0-9_]{8}", rest)):
        return False
    info = entry.stat(follow_symlinks=False)
    ours = not hasattr(os, "geteuid") or info.st_uid == os.geteuid()
    return (stat.S_ISREG(info.st_mode) and ours and stat.S_IMODE(info.st_mode) == 0o600
            and time.time() - info.st_mtime > STALE_SECONDS)


def _stale(pid: int, mtime: float) -> bool:
    if pid == os.getpid():
        return False  # another write of this process (another thread) is under way
    untouched = time.time() - mtime
    if os.name != "posix":
        # os.kill(pid, 0) would end the process on Windows; a file still being written
        # there cannot be removed anyway.
        return untouched > 60
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        pass  # alive, another user's
    return untouched > STALE_SECONDS


def _keep_owner_and_mode(fd: int, temp: Path, old: os.stat_result) -> None:
    if hasattr(os, "fchown") and (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
        try:
            os.fchown(fd, old.st_uid, old.st_gid)
        except OSError:
            with suppress(OSError):
                os.fchown(fd, -1, old.st_gid)  # the group at least, when ours
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(old.st_mode))
    else:
        os.chmod(temp, stat.S_IMODE(old.st_mode))


def _sync(fd: int) -> None:
    if sys.platform == "darwin":  # fsync alone leaves the data in the drive's cache there
        import fcntl  # noqa: PLC0415 - macOS only

        fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
    else:
        os.fsync(fd)


def _sync_folder(folder: Path) -> None:
    """The rename itself reaches the disk. Best effort: the file is written either way."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse to sync a folder
    finally:
        os.close(fd)


@contextmanager
def signals_stop_writes(enabled: bool = True) -> Iterator[None]:
    """While the block runs, SIGTERM/SIGHUP during a write in the main thread raise
    Stopped (the caller turns it into an exit status) instead of ending the process
    with the temporary file left behind."""
    global _signals_stop  # noqa: PLW0603 - signals are process-wide too
    before, _signals_stop = _signals_stop, enabled
    try:
        yield
    finally:
        _signals_stop = before


def _raise_stopped(signum: int, _frame: FrameType | None) -> None:
    signal.signal(signum, signal.SIG_IGN)  # a second one must not cut the cleanup short
    raise Stopped(signum)


@contextmanager
def _stop_on_signals() -> Iterator[None]:
    """While the block runs in the main thread (and signals_stop_writes is on), SIGTERM
    and SIGHUP raise Stopped (so the temporary file is removed) instead of ending the
    process on the spot. A signal that is ignored (nohup) or has a handler of its own is
    left alone."""
    installed: dict[int, Any] = {}
    if _signals_stop and threading.current_thread() is threading.main_thread():
        for name in STOP_SIGNALS:
            number = getattr(signal, name, None)
            if number is not None and signal.getsignal(number) is signal.SIG_DFL:
                installed[number] = signal.signal(number, _raise_stopped)
    try:
        yield
    finally:
        for number, old in installed.items():
            signal.signal(number, old)
