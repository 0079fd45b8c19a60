"""lic_desktop.user_files: what the user names is opened without blocking, and refused at
once when it is no regular file of a sane size (issue #12, point 7)."""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

import pytest

from lic_desktop.user_files import (
    MAX_TEXT_BYTES,
    UnreadableFileError,
    open_regular,
    read_text,
    scenario_too_large,
)


def test_a_file_of_the_largest_size_reads_and_one_byte_more_is_refused(
        tmp_path: Path) -> None:
    path = tmp_path / "scenario.toml"
    path.write_bytes(b"#" * MAX_TEXT_BYTES)
    assert len(read_text(path, scenario_too_large())) == MAX_TEXT_BYTES
    path.write_bytes(b"#" * (MAX_TEXT_BYTES + 1))
    with pytest.raises(UnreadableFileError) as info:
        read_text(path, scenario_too_large())
    assert info.value.reason == f"it is larger than a scenario can be ({MAX_TEXT_BYTES + 1} " \
        "bytes)"


def test_a_fifo_without_a_writer_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "book.csv"
    os.mkfifo(fifo)
    said: list[BaseException] = []

    def open_it() -> None:
        try:
            open_regular(fifo).close()
        except UnreadableFileError as exc:
            said.append(exc)

    opener = threading.Thread(target=open_it, daemon=True)
    opener.start()
    opener.join(timeout=10)
    if opener.is_alive():  # blocked: a writer that comes and goes frees it
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert not opener.is_alive()
    assert [str(e) for e in said] == [f"cannot read {fifo}: it is not a regular file"]


def test_a_utf8_file_with_a_byte_order_mark_reads_without_it(tmp_path: Path) -> None:
    path = tmp_path / "scenario.toml"
    path.write_bytes("\ufeffplan = \"vps\"\n".encode())
    assert read_text(path, scenario_too_large()) == 'plan = "vps"\n'


def test_a_file_that_is_not_utf8_says_where(tmp_path: Path) -> None:
    path = tmp_path / "scenario.toml"
    path.write_bytes(b'plan = "\xff"\n')
    with pytest.raises(UnreadableFileError) as info:
        read_text(path, scenario_too_large())
    assert info.value.reason == "it is not UTF-8 text (byte 9)"
