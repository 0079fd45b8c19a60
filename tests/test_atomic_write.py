"""The one atomic-write helper: the old file or the new one, never half of either, its
mode and a symlink kept, no temporary file left behind (issue #12, point 8)."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from lic_desktop import atomic_write
from lic_desktop.atomic_write import AtomicFile, Stopped, WriteError, open_text, write_text


def litter(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if atomic_write.TEMP_MARK in p.name)


def dead_pid() -> int:
    """The pid of a process that has ended (and been reaped)."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True, timeout=30)
    return int(done.stdout)


def test_a_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "priced.csv"
    target.write_text("old\n")
    target.chmod(0o644)  # the issue: batch --out turned 0644 into 0600
    write_text(target, "new\n")
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    target.chmod(0o640)
    write_text(target, "newer\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert litter(tmp_path) == []


def test_a_new_file_gets_the_umask_mode_not_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_text(tmp_path / "new.csv", "x")
        os.umask(0o027)
        write_text(tmp_path / "other.csv", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "other.csv").stat().st_mode) == 0o640


def test_a_private_new_file_is_0600(tmp_path: Path) -> None:
    atomic_write.write_bytes(tmp_path / "cache.json", b"{}", new_mode=0o600)
    assert stat.S_IMODE((tmp_path / "cache.json").stat().st_mode) == 0o600


def test_a_symlink_stays_a_link_and_its_target_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "book.csv"
    real.write_text("old\n")
    real.chmod(0o644)
    link = tmp_path / "book.csv"
    link.symlink_to(real)
    write_text(link, "new\n")
    assert link.is_symlink()
    assert os.readlink(link) == str(real)
    assert real.read_text() == "new\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o644
    assert litter(tmp_path) == []
    assert litter(tmp_path / "real") == []


def test_a_dangling_symlink_gets_its_target_written(tmp_path: Path) -> None:
    link = tmp_path / "out.csv"
    link.symlink_to(tmp_path / "made.csv")
    write_text(link, "x")
    assert link.is_symlink()
    assert (tmp_path / "made.csv").read_text() == "x"


def test_the_file_and_its_folder_are_synced_before_and_after_the_rename(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        synced.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real_fsync(fd)

    def replace(src: str | Path, dst: str | Path) -> None:
        synced.append("rename")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_text(tmp_path / "f.txt", "x")
    assert synced == ["file", "rename", "folder"]


def write_then(target: Path, fail: Callable[[], object]) -> None:
    """Write a while, then `fail()` (raise, or send a signal) before the block ends."""
    with open_text(target) as handle:
        handle.write("half a book" * 10000)
        assert litter(target.parent)  # the temporary file exists while writing
        fail()
        handle.write("not reached")


def interrupt() -> None:
    raise KeyboardInterrupt


def test_an_exception_mid_write_removes_the_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    with pytest.raises(ZeroDivisionError):
        write_then(target, lambda: 1 / 0)
    assert target.read_text() == "old\n"
    assert litter(tmp_path) == []


def test_ctrl_c_mid_write_removes_the_temp_file_and_says_what_was_kept(
        tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    with pytest.raises(KeyboardInterrupt) as caught:
        write_then(target, interrupt)
    assert atomic_write.unwritten(caught.value) == [(str(target), True, False)]
    assert target.read_text() == "old\n"
    assert litter(tmp_path) == []


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_mid_write_raise_stopped_and_the_handler_is_restored(
        tmp_path: Path, name: str) -> None:
    number = getattr(signal, name)
    before = signal.getsignal(number)
    target = tmp_path / "out.csv"
    with atomic_write.signals_stop_writes(), pytest.raises(Stopped) as caught:
        write_then(target, lambda: os.kill(os.getpid(), number))  # handled at once
    assert caught.value.signum == number
    assert atomic_write.unwritten(caught.value) == [(str(target), False, False)]
    assert not target.exists()
    assert litter(tmp_path) == []
    assert signal.getsignal(number) is before


def test_an_ignored_sighup_stays_ignored(tmp_path: Path) -> None:
    # nohup: the user asked for the write to survive a hang-up.
    old = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        with atomic_write.signals_stop_writes(), open_text(tmp_path / "out.csv") as handle:
            handle.write("x")
            os.kill(os.getpid(), signal.SIGHUP)
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, old)
    assert (tmp_path / "out.csv").read_text() == "x"


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EDQUOT])
def test_a_full_disk_is_one_clear_error_and_the_old_file_stays(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n")

    def full(fd: int, data: bytes) -> int:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(WriteError) as caught, open_text(target) as handle:
        handle.write("x" * 100_000)
    assert str(caught.value) == \
        f"the disk is full: {target} was not written; the old file is intact"
    assert target.read_text() == "old\n"
    assert litter(tmp_path) == []


def test_a_full_disk_found_only_by_fsync_is_the_same_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(WriteError, match=r"^the disk is full: .*new\.csv was not written$"):
        write_text(tmp_path / "new.csv", "x")
    assert not (tmp_path / "new.csv").exists()
    assert litter(tmp_path) == []


def test_a_pipe_or_device_is_written_directly_never_renamed_over(tmp_path: Path) -> None:
    # /dev/stdout, /dev/null, a FIFO: a rename over one would replace the device (as
    # root, /dev/null itself). A FIFO of our own stands in for them here.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_text(fifo, "through the pipe")
    reader.join(timeout=30)
    assert got == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert litter(tmp_path) == []


@pytest.mark.parametrize(("where", "reason"), [
    ("folder", "it is a folder"),
    ("missing/out.csv", "the folder {tmp}/missing does not exist"),
])
def test_a_target_that_cannot_be_written_is_named_with_the_reason(
        tmp_path: Path, where: str, reason: str) -> None:
    (tmp_path / "folder").mkdir()
    target = tmp_path / where
    with pytest.raises(WriteError) as caught:
        write_text(target, "x")
    assert str(caught.value) == f"cannot write {target}: " + reason.format(tmp=tmp_path)


@pytest.mark.parametrize(("code", "reason"), [
    (errno.EACCES, "permission denied"), (errno.EROFS, "the disk is read-only")])
def test_a_folder_that_refuses_the_temp_file_is_named_with_the_reason(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, reason: str) -> None:
    real_open = os.open

    def refuse(path: str | Path, flags: int, mode: int = 0o777) -> int:
        if atomic_write.TEMP_MARK in str(path):
            raise OSError(code, os.strerror(code))
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", refuse)  # root may write anywhere: refuse by hand
    target = tmp_path / "out.csv"
    with pytest.raises(WriteError) as caught:
        write_text(target, "x")
    assert str(caught.value) == f"cannot write {target}: {reason}"


def test_a_stale_temp_file_of_a_dead_writer_is_swept_by_the_next_write(
        tmp_path: Path) -> None:
    stale = tmp_path / f".out.csv{atomic_write.TEMP_MARK}{dead_pid()}-abcdef"
    stale.write_text("half of a killed run")
    other = tmp_path / f".other.csv{atomic_write.TEMP_MARK}{dead_pid()}-abcdef"
    other.write_text("another target's: left for its own next write")
    unrelated = tmp_path / ".out.csv.swp"
    unrelated.write_text("an editor's, not ours")
    write_text(tmp_path / "out.csv", "x")
    assert not stale.exists()
    assert other.exists()
    assert unrelated.exists()


def test_a_live_writers_temp_file_is_left_alone_unless_untouched_for_an_hour(
        tmp_path: Path) -> None:
    live = tmp_path / f".out.csv{atomic_write.TEMP_MARK}1-abcdef"  # pid 1 always runs
    live.write_text("being written by another process")
    write_text(tmp_path / "out.csv", "x")
    assert live.exists()
    old = time.time() - atomic_write.STALE_SECONDS - 60
    os.utime(live, (old, old))  # the pid was reused: nobody writes this any more
    write_text(tmp_path / "out.csv", "y")
    assert not live.exists()


def test_a_long_name_still_gets_a_temp_file(tmp_path: Path) -> None:
    target = tmp_path / ("n" * 250)
    write_text(target, "x")
    assert target.read_text() == "x"


def test_without_opting_in_a_write_leaves_the_signals_alone(tmp_path: Path) -> None:
    # The window: a Stopped raised in a Qt slot would not end it; SIGTERM must.
    with open_text(tmp_path / "out.csv"):
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_abort_leaves_the_target_and_commit_replaces_it(tmp_path: Path) -> None:
    target = tmp_path / "book.csv"
    target.write_text("old\n")
    out = AtomicFile(target, text=True)
    out.stream.write("new\n")
    out.abort()
    out.abort()  # twice is harmless
    assert target.read_text() == "old\n"
    assert litter(tmp_path) == []
    out = AtomicFile(target, text=True)
    out.stream.write("new\n")
    out.commit()
    out.abort()  # after commit: nothing to undo
    assert target.read_text() == "new\n"


def test_a_dangling_link_into_a_missing_folder_names_that_folder(tmp_path: Path) -> None:
    link = tmp_path / "out.csv"
    link.symlink_to(tmp_path / "gone" / "out.csv")
    with pytest.raises(WriteError) as caught:
        write_text(link, "x")
    # The link's own folder exists: the one missing is where the link points.
    assert str(caught.value) == f"cannot write {link}: the folder {tmp_path}/gone does not exist"


def flushed_then_interrupted(target: Path) -> None:
    with open_text(target) as handle:
        handle.write("the first rows")
        handle.flush()  # the device got them: it is cut short, not unwritten
        interrupt()


def test_an_interrupted_write_to_a_device_is_cut_short_not_unwritten(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = threading.Thread(target=fifo.read_bytes)
    reader.start()
    with pytest.raises(KeyboardInterrupt) as caught:
        flushed_then_interrupted(fifo)
    reader.join(timeout=30)
    assert atomic_write.unwritten(caught.value) == [(str(fifo), False, True)]
    from lic_desktop.cli.dispatch import stopped  # noqa: PLC0415

    assert stopped(caught.value)[0].endswith(f"interrupted; {fifo} was cut short")


def old_writers_litter(folder: Path, name: str, *, mode: int = 0o600,
                       age: float = atomic_write.STALE_SECONDS + 60) -> Path:
    path = folder / name
    path.write_text("half of a run of an earlier version")
    path.chmod(mode)
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def test_the_litter_of_earlier_versions_is_swept_only_when_certainly_theirs(
        tmp_path: Path) -> None:
    mkstemp = old_writers_litter(tmp_path, ".out.csv.k2j_9xq1")  # batch --out, the cache
    part = old_writers_litter(tmp_path, ".out.csv.part")  # quote --pdf's
    recent = old_writers_litter(tmp_path, ".out.csv.a1b2c3d4", age=10)
    readable = old_writers_litter(tmp_path, ".out.csv.backup01", mode=0o644)  # a user's
    other_shape = old_writers_litter(tmp_path, ".out.csv.Backup-1")
    write_text(tmp_path / "out.csv", "x")
    assert not mkstemp.exists()
    assert not part.exists()
    assert recent.exists()
    assert readable.exists()
    assert other_shape.exists()
