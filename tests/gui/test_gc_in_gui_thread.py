"""Cyclic garbage is collected on the GUI thread's timer, never automatically elsewhere."""

from __future__ import annotations

import gc
import threading
import weakref

from pytestqt.qtbot import QtBot

from lic_desktop.gui.app import application
from lic_desktop.gui.gc_in_gui_thread import GuiThreadCollector, collect_on_gui_thread


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it


def test_the_app_switches_automatic_collection_off() -> None:
    app = application()
    assert not gc.isenabled()
    assert collect_on_gui_thread(app) is app.findChild(GuiThreadCollector)  # installed once


def test_a_cycle_made_on_another_thread_is_freed_by_the_gui_thread(qtbot: QtBot) -> None:
    collector = collect_on_gui_thread(application())
    gc.collect()
    refs: list[weakref.ref[Node]] = []
    freed_on: list[str] = []

    def make_garbage() -> None:  # far past the young generation's threshold
        for _ in range(collector.thresholds[0] * 3):
            node = Node()
            refs.append(weakref.ref(node, lambda _r: freed_on.append(
                threading.current_thread().name)))

    worker = threading.Thread(target=make_garbage, name="worker")
    worker.start()
    worker.join()
    assert freed_on == []  # no collection ran on the worker
    qtbot.waitUntil(lambda: all(r() is None for r in refs), timeout=5000)
    assert set(freed_on) == {threading.main_thread().name}
