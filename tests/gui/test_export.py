"""The quote document as a PDF: its text holds the pane lines, user text stays literal."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QFileDialog

from lic_desktop.cli import main as cli_main
from lic_desktop.gui.export import write_pdf
from lic_desktop.gui.main_window import MainWindow
from tests.conftest import SCENARIOS

CUSTOMER = "<b>Acme & Co</b> <script>alert(1)</script>"


def pdf_text(path: Path) -> tuple[int, str]:
    doc = QPdfDocument(None)
    assert doc.load(str(path)) == QPdfDocument.Error.None_
    text = "\n".join(doc.getAllText(page).text() for page in range(doc.pageCount()))
    return doc.pageCount(), text


def squash(text: str) -> str:
    return " ".join(text.split())


def test_window_exports_a_one_page_pdf(window: MainWindow, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    window.open_path(SCENARIOS / "seed-upgrade.toml")
    window.editor.set_field("customer", CUSTOMER)
    target = tmp_path / "quote.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.pdf_action.trigger()
    pages, text = pdf_text(target)
    assert pages == 1
    flat = squash(text)
    for line in ("Grand total $31.84 USD", "Deduction -$10.61 USD",
                 "First bill amount $21.23 USD", "Days remaining 16",
                 "Ezeelogin SSH jump server (ezeelogin)", "Reset policy"):
        assert line in flat
    assert squash(CUSTOMER) in flat  # shown as typed, never rendered as markup
    assert not list(tmp_path.glob(".*.part"))


def test_quote_pdf_from_the_command_line(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "cli.pdf"
    code = cli_main(["quote", "--scenario", str(SCENARIOS / "litespeed-leased-upgrade.toml"),
                     "--customer", "Jane & Sons", "--pdf", str(target)])
    assert code == 0
    assert capsys.readouterr().out.startswith("Current billing")
    pages, text = pdf_text(target)
    flat = squash(text)
    assert pages == 1
    assert "Jane & Sons" in flat
    assert "Charged now $5.33 USD" in flat
    assert "Difference policy" in flat


def test_a_failed_write_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "q.pdf"
    with pytest.raises(OSError):  # noqa: PT011 - Qt gives no finer error
        write_pdf(target, "<p>x</p>")
    assert not target.exists()
    assert not list(tmp_path.rglob("*.part"))
