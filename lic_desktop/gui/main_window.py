"""The main window: assembles the form, the three panes and the menus. It computes
nothing: every edit goes to the QuoteEditor presenter, which hands back a FormState."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QThreadPool
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lic_desktop import __version__
from lic_desktop.core.catalog import CatalogError
from lic_desktop.core.periods import InputError
from lic_desktop.core.scenario import Scenario
from lic_desktop.gui import quote_out
from lic_desktop.gui.book_tab import BookTab
from lic_desktop.gui.compare_tab import CompareTab
from lic_desktop.gui.files import RecentFiles, read_scenario, write_scenario
from lic_desktop.gui.form import FIELD_LABELS, InputForm
from lic_desktop.gui.planner_tab import PlannerTab
from lic_desktop.gui.quote_tab import QuoteTab
from lic_desktop.gui.recovery import Recovery
from lic_desktop.gui.store_tab import StoreTab
from lic_desktop.present.compare import ComparePresenter
from lic_desktop.present.editor import FormState, QuoteEditor
from lic_desktop.present.planner_view import PlannerPresenter

SCENARIO_FILTER = "Scenarios (*.toml *.json);;All files (*)"
BLOCKING_STYLE = "background: #fdecea; color: #611a15; border: 1px solid #f5c6cb; padding: 6px;"
STALE_STYLE = "background: #fff4e5; color: #663c00; border: 1px solid #ffd591; padding: 6px;"
NOTE_STYLE = "padding: 6px;"


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings, catalog: str | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.recent = RecentFiles(settings)
        self.recovery = Recovery(settings)
        self.catalog_note = QLabel()
        self.catalog_note.setObjectName("catalog_note")
        self.store_status = QLabel("Offline: embedded catalogs")
        self.store_status.setObjectName("store_status")
        self.statusBar().addPermanentWidget(self.store_status)
        self.statusBar().addPermanentWidget(self.catalog_note)
        self.setObjectName("main_window")
        self.setMinimumSize(1180, 680)
        self.form = InputForm()
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.hide()
        self.headline = QLabel()
        self.headline.setObjectName("headline")
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.headline.setFont(font)
        self.tabs = self._build_tabs()
        self._build_layout()
        self._build_menus()
        remembered = catalog or str(settings.value("last_catalog", "") or "") or None
        self.editor = QuoteEditor(self, catalog=remembered)
        self.form.edited.connect(self._on_edited)
        self.form.catalog_price_requested.connect(self.editor.use_catalog_price)
        self.form.due_date_requested.connect(self.editor.set_change_to_due_date)
        self.form.now_requested.connect(self.editor.set_change_to_now)
        self.planner_tab.day_chosen.connect(self._on_day_chosen)
        self.planner_tab.until_changed.connect(self._refresh_planner)
        geometry = settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)
        self.refresh(self.editor.state)

    # --- building ---------------------------------------------------------------------

    def _build_tabs(self) -> QTabWidget:
        self.quote_tab = QuoteTab()
        self.panes = self.quote_tab.panes
        self.planner = PlannerPresenter()
        self.planner_tab = PlannerTab(self.planner)
        self.compare = ComparePresenter()
        self.compare_tab = CompareTab(self.compare)
        tabs = QTabWidget()
        tabs.setObjectName("tabs")
        tabs.addTab(self.quote_tab, "Quote")
        tabs.addTab(self.planner_tab, "Planner")
        tabs.addTab(self.compare_tab, "Compare")
        self.book_tab = BookTab()
        tabs.addTab(self.book_tab, "Book")
        self.store_tab = StoreTab(self.settings, lambda: None if self.editor.state.stale
                                  else self.editor.state.quote)
        self.store_tab.picked.connect(self._on_store_license)
        self.store_tab.status_changed.connect(self.store_status.setText)
        tabs.addTab(self.store_tab, "Licenses")
        tabs.currentChanged.connect(self._on_tab_changed)
        return tabs

    def _build_layout(self) -> None:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.form)
        scroll.setMinimumWidth(self.form.minimumSizeHint().width() + 24)
        # The portal's two panes side by side; the license after the change under the
        # license before it, so the two "Current billing" panes read as before/after.
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(6, 0, 0, 0)
        column.addWidget(self.headline)
        column.addWidget(self.banner)
        column.addWidget(self.tabs, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([scroll.minimumWidth(), 1280 - scroll.minimumWidth()])
        self.setCentralWidget(splitter)

    def _action(self, text: str, slot: Callable[[], object],
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self._action("&New", self._on_new, QKeySequence.StandardKey.New))
        file_menu.addAction(self._action("&Open…", self._on_open, QKeySequence.StandardKey.Open))
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addAction(self._action("Open &Catalog…", self._on_open_catalog))
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Save", self.save, QKeySequence.StandardKey.Save))
        file_menu.addAction(self._action("Save &As…", self.save_as,
                                         QKeySequence.StandardKey.SaveAs))
        file_menu.addSeparator()
        self.pdf_action = self._action("&Export PDF…", self.export_pdf, "Ctrl+Shift+E")
        self.print_action = self._action("&Print…", self.print_quote,
                                         QKeySequence.StandardKey.Print)
        file_menu.addAction(self.pdf_action)
        file_menu.addAction(self.print_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", self.close, QKeySequence.StandardKey.Quit))
        edit_menu = bar.addMenu("&Edit")
        self.undo_action = self._action("&Undo", self._on_undo, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action("&Redo", self._on_redo, QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.copy_action = self._action("&Copy Quote", self.copy_quote, "Ctrl+Shift+C")
        edit_menu.addAction(self.copy_action)
        self.pin_action = self._action("&Pin Quote to Compare", self.pin_quote, "Ctrl+Shift+P")
        edit_menu.addAction(self.pin_action)
        view_menu = bar.addMenu("Vie&w")
        view_menu.addAction(self._action("&Quote", lambda: self.tabs.setCurrentIndex(0),
                                         "Ctrl+1"))
        view_menu.addAction(self._action("&Planner", lambda: self.tabs.setCurrentIndex(1),
                                         "Ctrl+2"))
        view_menu.addAction(self._action("&Compare", lambda: self.tabs.setCurrentIndex(2),
                                         "Ctrl+3"))
        view_menu.addAction(self._action("&Book", lambda: self.tabs.setCurrentIndex(3),
                                         "Ctrl+4"))
        store_menu = bar.addMenu("Store")  # every Alt letter of "Store" is taken
        store_menu.addAction(self._action("&Connect…", self.connect_store))
        store_menu.addAction(self._action("&Refresh", self.store_tab_refresh, "F5"))
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self._action("&About lic-desktop", self._on_about))

    # --- the view the presenter paints ----------------------------------------------------

    def refresh(self, state: FormState) -> None:
        self.form.show_state(state)
        self.quote_tab.show_state(state)
        self.book_tab.at = state.inputs.at
        self._refresh_planner()
        self._show_banner(state)
        self.headline.setText(state.headline)
        self.headline.setEnabled(not state.stale)
        self.undo_action.setEnabled(state.can_undo)
        self.redo_action.setEnabled(state.can_redo)
        for action in (self.copy_action, self.pdf_action, self.print_action, self.pin_action):
            action.setEnabled(not state.stale)
        name = state.path.name if state.path else "Untitled"
        self.setWindowTitle(f"{name}[*] — lic-desktop")
        self.setWindowModified(state.modified)
        self.catalog_note.setText(state.catalog.note)
        self.catalog_note.setToolTip(state.catalog.source)
        self._keep_for_recovery(state)

    def _keep_for_recovery(self, state: FormState) -> None:
        if not state.modified:
            self.recovery.keep(None)
        elif not state.stale:
            self.recovery.keep(self.editor.scenario())

    def offer_recovery(self) -> None:
        """At start: bring back what a crashed session left unsaved, if the user wants it."""
        scenario = self.recovery.saved()
        if scenario is None:
            return
        answer = QMessageBox.question(
            self, "Restore unsaved changes",
            "lic-desktop was closed with unsaved changes. Restore them?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes)
        if answer == QMessageBox.StandardButton.Yes:
            try:
                self.editor.load(scenario, None, unsaved=True)
            except (InputError, CatalogError) as exc:
                QMessageBox.warning(self, "Restore unsaved changes", str(exc))
        else:
            self.recovery.discard()

    def _show_banner(self, state: FormState) -> None:
        if state.stale:
            problems = "; ".join(f"{FIELD_LABELS.get(k, k)}: {v}" for k, v in state.errors.items())
            shown = "the last valid quote is shown, greyed out" if state.quote \
                else "no quote yet"
            text, style = f"Stale: {problems}. Until this is fixed, {shown}.", STALE_STYLE
        elif state.notices:
            text = "\n".join(n.text for n in state.notices)
            blocking = any(n.blocking for n in state.notices)
            style = BLOCKING_STYLE if blocking else NOTE_STYLE
        else:
            self.banner.hide()
            return
        self.banner.setText(text)
        self.banner.setStyleSheet(style)
        self.banner.show()

    # --- slots ------------------------------------------------------------------------

    def _refresh_planner(self) -> None:
        """Plan only while the planner is showing: no work per keystroke on a hidden tab."""
        if self.tabs.currentWidget() is self.planner_tab:
            self.planner_tab.show_state(self.planner.update(self.editor.state))

    def connect_store(self) -> None:
        if self.store_tab.ask_and_connect(self):
            self.tabs.setCurrentWidget(self.store_tab)

    def store_tab_refresh(self) -> None:
        self.store_tab.refresh()

    def _on_store_license(self, scenario: Scenario) -> None:
        if not self._may_discard():
            return
        try:
            self.editor.load(scenario, None, unsaved=True)
        except (InputError, CatalogError) as exc:
            QMessageBox.warning(self, "Store license", f"This license cannot be quoted.\n\n{exc}")
            return
        self.tabs.setCurrentWidget(self.quote_tab)

    def _on_tab_changed(self, _index: int) -> None:
        self._refresh_planner()

    def _on_day_chosen(self, moment: datetime, period_start: datetime | None) -> None:
        self.editor.change_on(moment, period_start)

    def _on_edited(self, name: str, value: object) -> None:
        try:
            self.editor.set_field(name, value)
        except CatalogError as exc:
            QMessageBox.warning(self, "Catalog", str(exc))

    def _on_undo(self) -> None:
        self.editor.undo()

    def _on_redo(self) -> None:
        self.editor.redo()

    def _on_new(self) -> None:
        if self._may_discard():
            self.editor.new()

    def _on_open(self) -> None:
        if not self._may_discard():
            return
        name, _ = QFileDialog.getOpenFileName(self, "Open scenario", "", SCENARIO_FILTER)
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> bool:
        try:
            self.editor.load(read_scenario(path), path)
        except (InputError, CatalogError) as exc:
            QMessageBox.warning(self, "Open scenario", f"{path.name} was not opened.\n\n{exc}")
            return False
        self.recent.add(path)
        return True

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.recent.paths():
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _=False, p=path: self._open_recent(p))
        self.recent_menu.setEnabled(True)
        if not self.recent.paths():
            self.recent_menu.addAction("(none)").setEnabled(False)

    def _open_recent(self, path: Path) -> None:
        if self._may_discard() and not self.open_path(path):
            self.recent.remove(path)

    def _on_open_catalog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open catalog", "", "Catalogs (*.toml)")
        if name:
            self._on_edited("catalog", name)

    def save(self) -> bool:
        if self.editor.path is None:
            return self.save_as()
        return self._write(self.editor.path)

    def save_as(self) -> bool:
        name, _ = QFileDialog.getSaveFileName(self, "Save scenario", "scenario.toml",
                                              SCENARIO_FILTER)
        return bool(name) and self._write(Path(name))

    def _write(self, path: Path) -> bool:
        try:
            write_scenario(path, self.editor.scenario())
        except (InputError, OSError) as exc:
            QMessageBox.warning(self, "Save scenario", f"{path.name} was not saved.\n\n{exc}")
            return False
        self.editor.mark_saved(path)
        self.recent.add(path)
        return True

    def copy_quote(self) -> None:
        if quote_out.copy_quote(self.editor):
            self.statusBar().showMessage("Quote copied", 3000)

    def pin_quote(self) -> None:
        quote = self.editor.state.quote
        if quote is None or self.editor.state.stale:
            return
        if not self.compare.pin(quote):
            self.statusBar().showMessage("Four quotes are pinned: remove one first", 5000)
            return
        self.compare_tab.refresh()
        self.tabs.setCurrentWidget(self.compare_tab)

    def export_pdf(self) -> None:
        written = quote_out.export_pdf(self, self.editor)
        if written is not None:
            self.statusBar().showMessage(f"Quote written to {written}", 5000)

    def print_quote(self) -> None:
        quote_out.print_quote(self, self.editor)

    def _on_about(self) -> None:
        QMessageBox.about(self, "About lic-desktop",
                          f"lic-desktop {__version__}\nLicense change quotes, to the cent.")

    # --- closing ----------------------------------------------------------------------

    def _may_discard(self) -> bool:
        """Ask before unsaved changes are lost; True when it is fine to go on."""
        if not self.editor.state.modified:
            return True
        answer = QMessageBox.question(
            self, "Unsaved changes", "Save the changes to this scenario first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_discard():
            event.ignore()
            return
        self.book_tab.cancel()
        self.store_tab.cancel()
        QThreadPool.globalInstance().waitForDone(2000)
        if self.recovery.owns_file:
            self.recovery.discard()
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("last_catalog", self.editor.inputs.catalog)
        event.accept()
