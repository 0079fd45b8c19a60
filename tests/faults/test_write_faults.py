"""Kills mid-write, full disks and refused writes (issue #12, points 8 and 9).

`batch --out` and `quote --pdf` run as real processes and get a real signal while their
temporary file exists; after each: the old file is byte-identical, its mode unchanged, a
symlink still a symlink, no `.F.*` litter (a SIGKILL's is swept by the next run), the
exit status a shell gives (130/143/129) and one line on stderr, never a traceback.
Every wait is bounded: a poll with a deadline, a subprocess with a timeout.
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import pytest

from lic_desktop.cli import main
from lic_desktop.store.session import write_atomically
from tests.conftest import SCENARIOS

HEADER = "catalog,plan,quantity,cycle,start,paid,pending,to_plan,to_quantity,to_cycle,ip,customer"
ROWS = [
    "ezeelogin,servers,10,monthly,2022-11-01 09:00,,,,16,,172.23.44.240,Acme",
    "litespeed,1-cpu,,monthly,2022-11-01 09:00,,,2-cpu,,,,Beta",
    "ezeelogin,servers,10,quarterly,2022-11-01 09:00,,5.00,,1,monthly,,Credit",
]
AT = "2022-11-16 00:23"
OLD = b"the user's previous priced book\n" * 100
TIMEOUT = 120  # seconds, for any one process: a hang fails the test, never the suite
SIGNALS = {"SIGINT": 130, "SIGTERM": 143, "SIGHUP": 129}  # 128 + the signal's number
# The command as a terminal runs it, whatever pytest's own signals are: Ctrl+C raises
# KeyboardInterrupt even when the tests run in the background (SIGINT ignored there),
# SIGTERM and SIGHUP are the defaults even under nohup. FSIZE: `ulimit -f`.
CHILD = """
import os, resource, runpy, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)
signal.signal(signal.SIGTERM, signal.SIG_DFL)
signal.signal(signal.SIGHUP, signal.SIG_DFL)
if os.environ.get("FSIZE"):
    limit = int(os.environ["FSIZE"])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
"""
RUN = CHILD + """
sys.argv[0] = "lic-desktop"
runpy.run_module("lic_desktop", run_name="__main__", alter_sys=True)
"""
KILLED = CHILD + """
from lic_desktop.gui import export
real = export.document
def document_then_signal(html, *layout):
    # Called while the PDF is being written: the signal arrives mid-write.
    os.kill(os.getpid(), int(sys.argv[1]))
    return real(html, *layout)
export.document = document_then_signal
from lic_desktop.cli import main
raise SystemExit(main(sys.argv[2:]))
"""


@pytest.fixture(scope="module")
def big_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Long enough to be mid-write for seconds: the signal lands while rows are written."""
    path = tmp_path_factory.mktemp("book") / "book.csv"
    path.write_text("\n".join([HEADER, *ROWS * 30_000]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def small_book(tmp_path: Path) -> Path:
    path = tmp_path / "small.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    return path


def start(*argv: str) -> subprocess.Popen[str]:
    """`lic-desktop ARGV...` in a process of its own."""
    return subprocess.Popen([sys.executable, "-c", RUN, *argv], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


def run(*argv: str, stdout: IO[str] | int = subprocess.PIPE,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`lic-desktop ARGV...` to its end (bounded)."""
    return subprocess.run([sys.executable, "-c", RUN, *argv], stdout=stdout,
                          stderr=subprocess.PIPE, text=True, env=env, timeout=TIMEOUT,
                          check=False)


def litter(folder: Path, name: str) -> list[str]:
    """Anything of ours beside the output: `.F.` + our temp naming, or the old `.part`."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(f".{name}."))


def wait_mid_write(process: subprocess.Popen[str], folder: Path, name: str) -> None:
    """Until the temporary file holds some rows (bounded; fails if the run ends first)."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        temps = [folder / n for n in litter(folder, name)]
        if any(t.exists() and t.stat().st_size > 0 for t in temps):
            return
        if process.poll() is not None:
            pytest.fail(f"the run ended before writing: {process.stderr.read()}")  # type: ignore[union-attr]
        time.sleep(0.01)
    pytest.fail("no temporary file appeared")


def make_target(tmp_path: Path, kind: str) -> tuple[Path, Path]:
    """(the path given to the command, the file that holds the data)."""
    real = tmp_path / "real" / "priced.csv"
    real.parent.mkdir()
    if kind == "none":
        return real, real
    real.write_bytes(OLD)
    real.chmod(0o644)
    if kind == "file":
        return real, real
    link = tmp_path / "priced.csv"
    link.symlink_to(real)
    return link, real


def assert_untouched(given: Path, real: Path, kind: str) -> None:
    if kind == "none":
        assert not real.exists()
        return
    assert real.read_bytes() == OLD
    assert stat.S_IMODE(real.stat().st_mode) == 0o644
    if kind == "symlink":
        assert given.is_symlink()
        assert os.readlink(given) == str(real)


def one_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.mark.parametrize("kind", ["file", "symlink", "none"])
@pytest.mark.parametrize("name", list(SIGNALS))
def test_a_signal_mid_batch_leaves_the_old_file_and_no_litter(
        big_book: Path, tmp_path: Path, name: str, kind: str) -> None:
    given, real = make_target(tmp_path, kind)
    process = start("batch", str(big_book), "--at", AT,
                    "--out", str(given))
    try:
        wait_mid_write(process, real.parent, real.name)
        process.send_signal(getattr(signal, name))
        _, stderr = process.communicate(timeout=TIMEOUT)
    finally:
        process.kill()
    assert process.returncode == SIGNALS[name]
    what = "interrupted" if name == "SIGINT" else f"stopped by {name}"
    kept = ", the old file is intact" if kind != "none" else ""
    assert one_line(stderr) == f"lic-desktop: {what}; {given} was not written{kept}"
    assert_untouched(given, real, kind)
    assert litter(real.parent, real.name) == []
    assert litter(tmp_path, given.name) == []


@pytest.mark.parametrize("kind", ["file", "symlink"])
def test_the_litter_of_a_sigkill_is_swept_by_the_next_run(
        big_book: Path, small_book: Path, tmp_path: Path, kind: str) -> None:
    given, real = make_target(tmp_path, kind)
    process = start("batch", str(big_book), "--at", AT,
                    "--out", str(given))
    try:
        wait_mid_write(process, real.parent, real.name)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=TIMEOUT)
    finally:
        process.kill()
    assert process.returncode == -signal.SIGKILL
    assert_untouched(given, real, kind)
    assert len(litter(real.parent, real.name)) == 1  # nothing can clean up after SIGKILL
    done = run("batch", str(small_book), "--at", AT, "--out", str(given))
    assert done.returncode == 0, done.stderr
    assert litter(real.parent, real.name) == []
    assert real.read_text().startswith("line,catalog,")  # the new book, whole
    assert stat.S_IMODE(real.stat().st_mode) == 0o644
    assert given.is_symlink() == (kind == "symlink")


@pytest.mark.parametrize("kind", ["file", "symlink"])
@pytest.mark.parametrize("name", [*SIGNALS, "SIGKILL"])
def test_a_signal_mid_pdf_leaves_the_old_file_and_no_litter(
        tmp_path: Path, name: str, kind: str) -> None:
    given, real = make_target(tmp_path, kind)
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED, str(int(getattr(signal, name))), "quote",
         "--scenario", str(SCENARIOS / "seed-upgrade.toml"), "--pdf", str(given)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        _, stderr = process.communicate(timeout=TIMEOUT)
    finally:
        process.kill()
    assert_untouched(given, real, kind)
    if name == "SIGKILL":
        assert process.returncode == -signal.SIGKILL
        assert len(litter(real.parent, real.name)) == 1
        done = run("quote", "--scenario", str(SCENARIOS / "seed-upgrade.toml"),
                   "--pdf", str(given))
        assert done.returncode == 0, done.stderr
        assert real.read_bytes().startswith(b"%PDF")
        assert stat.S_IMODE(real.stat().st_mode) == 0o644
    else:
        assert process.returncode == SIGNALS[name]
        what = "interrupted" if name == "SIGINT" else f"stopped by {name}"
        assert one_line(stderr) == \
            f"lic-desktop: {what}; {given} was not written, the old file is intact"
    assert litter(real.parent, real.name) == []
    assert given.is_symlink() == (kind == "symlink")


def test_a_full_disk_on_out_says_so_and_keeps_the_old_file(
        small_book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "priced.csv"
    out.write_bytes(OLD)

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    code = main(["batch", str(small_book), "--at", AT, "--out", str(out)])
    assert code == 2
    assert capsys.readouterr().err == (f"lic-desktop: --out: the disk is full: {out} was "
                                       "not written; the old file is intact\n")
    assert out.read_bytes() == OLD
    assert litter(tmp_path, out.name) == []


def test_a_full_disk_on_pdf_says_so_and_keeps_the_old_file(
        qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    # qapp: the window's tests later in this process need a QApplication, not the
    # QGuiApplication --pdf would make.
    out = tmp_path / "quote.pdf"
    out.write_bytes(OLD)
    real_fsync = os.fsync

    def full(fd: int) -> None:  # a network disk may say so only when asked to sync
        if stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EDQUOT, os.strerror(errno.EDQUOT))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full)
    code = main(["quote", "--scenario", str(SCENARIOS / "seed-upgrade.toml"),
                 "--pdf", str(out)])
    assert code == 2
    assert capsys.readouterr().err == (f"lic-desktop: --pdf: the disk is full: {out} was "
                                       "not written; the old file is intact\n")
    assert out.read_bytes() == OLD
    assert litter(tmp_path, out.name) == []


@pytest.mark.skipif(not Path("/dev/full").is_char_device(), reason="no /dev/full")
def test_out_to_dev_full_and_stdout_to_dev_full_are_the_disk_is_full(
        small_book: Path, tmp_path: Path) -> None:
    # Through a link of our own: a writer that renames over its target (as the old one
    # did) replaces the link, never /dev/full itself, even when the tests run as root.
    full = tmp_path / "full.csv"
    full.symlink_to("/dev/full")
    book = ["batch", str(small_book), "--at", AT]
    done = run(*book, "--out", str(full))
    assert (done.returncode, one_line(done.stderr)) == \
        (2, f"lic-desktop: --out: the disk is full: {full} was not written")
    assert full.is_symlink()
    with full.open("w") as stdout:
        done = run(*book, stdout=stdout)
    assert (done.returncode, one_line(done.stderr)) == \
        (2, "lic-desktop: the disk is full: the standard output was cut short")


def test_a_file_size_limit_is_one_line_naming_out(small_book: Path, big_book: Path,
                                                  tmp_path: Path) -> None:
    # ulimit -f: the kernel refuses the write with EFBIG mid-book.
    out = tmp_path / "priced.csv"
    out.write_bytes(OLD)

    done = run("batch", str(big_book), "--at", AT, "--out", str(out),
               env={**os.environ, "FSIZE": "100000"})
    assert done.returncode == 2
    assert one_line(done.stderr) == f"lic-desktop: --out: cannot write {out}: " \
        f"{os.strerror(errno.EFBIG)}"
    assert out.read_bytes() == OLD
    assert litter(tmp_path, out.name) == []


@pytest.mark.parametrize("option", ["--out", "--pdf"])
@pytest.mark.parametrize(("where", "reason"), [
    ("folder", "it is a folder"),
    ("missing/f", "the folder {tmp}/missing does not exist"),
])
def test_a_target_that_cannot_be_written_is_one_line_naming_the_option(
        qapp: object, small_book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        option: str, where: str, reason: str) -> None:
    (tmp_path / "folder").mkdir()
    target = tmp_path / where
    argv = (["batch", str(small_book), "--at", AT] if option == "--out" else
            ["quote", "--scenario", str(SCENARIOS / "seed-upgrade.toml")])
    assert main([*argv, option, str(target)]) == 2
    assert capsys.readouterr().err == \
        f"lic-desktop: {option}: cannot write {target}: {reason.format(tmp=tmp_path)}\n"


def test_a_read_only_disk_is_one_line_naming_out(
        small_book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    real_open = os.open

    def read_only(path: str | Path, flags: int, mode: int = 0o777) -> int:
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", read_only)  # the tests run as root: refuse by hand
    out = tmp_path / "priced.csv"
    assert main(["batch", str(small_book), "--at", AT, "--out", str(out)]) == 2
    assert capsys.readouterr().err == \
        f"lic-desktop: --out: cannot write {out}: the disk is read-only\n"


def test_ctrl_c_in_any_command_is_one_line_and_130(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # `store`, `quote`, `plan` ...: a Ctrl+C outside any write says only that.
    from lic_desktop.cli import quote  # noqa: PLC0415

    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(quote, "make_quote", interrupted)
    try:
        code = main(["quote", "--scenario", str(SCENARIOS / "seed-upgrade.toml")])
    except KeyboardInterrupt:
        pytest.fail("Ctrl+C escaped main(): Python prints its traceback")
    assert code == 130
    assert capsys.readouterr().err == "lic-desktop: interrupted\n"


def test_the_store_cache_is_written_whole_and_private(tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "store" / "client-2.json"
    write_atomically(cache, b"{}")
    assert cache.read_bytes() == b"{}"
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600  # a client's invoices
    cache.chmod(0o640)  # the user's own choice stays
    write_atomically(cache, b"[]")
    assert stat.S_IMODE(cache.stat().st_mode) == 0o640
    assert litter(cache.parent, cache.name) == []


def test_ctrl_c_while_a_store_says_nothing_is_one_line_and_130(tmp_path: Path) -> None:
    # `store products` against a store that accepts and never answers: Ctrl+C.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        silent.settimeout(TIMEOUT)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        process = subprocess.Popen(
            [sys.executable, "-c", RUN, "store", "products", "--url", url,
             "--identifier", "x"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True, env={**os.environ, "LIC_STORE_SECRET": "s"})
        try:
            connection, _ = silent.accept()  # the request is under way
            with connection:
                process.send_signal(signal.SIGINT)
                _, stderr = process.communicate(timeout=TIMEOUT)
        finally:
            process.kill()
    assert process.returncode == 130
    assert one_line(stderr) == "lic-desktop: interrupted"
