"""The main window: assembles the form, the three panes and the menus. It computes
nothing: every edit goes to the QuoteEditor presenter, which hands back a FormState."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QThreadPool, QTimer
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from lic_desktop import __version__, l10n
from lic_desktop.core.catalog import CatalogError
from lic_desktop.core.periods import InputError
from lic_desktop.core.scenario import Scenario
from lic_desktop.gui import focus_ring
from lic_desktop.gui.answer import AnswerBar, ElidedLabel
from lic_desktop.gui.file_actions import ScenarioFiles
from lic_desktop.gui.files import RecentFiles
from lic_desktop.gui.form import InputForm
from lic_desktop.gui.lazy_pages import LazyPages
from lic_desktop.gui.menus import build_menus
from lic_desktop.gui.qt_words import use_qt_words
from lic_desktop.gui.quote_tab import QuoteTab
from lic_desktop.gui.recovery import Recovery
from lic_desktop.gui.undo_keys import HistoryKeys
from lic_desktop.gui.window_fit import place_first
from lic_desktop.gui.window_layout import fit_form_column, form_column, split_window
from lic_desktop.l10n import N_, Formatter, _
from lic_desktop.present.compare import ComparePresenter
from lic_desktop.present.editor import FormState, QuoteEditor

if TYPE_CHECKING:  # imported when first shown: see _make_planner_tab and the others
    from lic_desktop.gui.book_tab import BookTab
    from lic_desktop.gui.compare_tab import CompareTab
    from lic_desktop.gui.planner_tab import PlannerTab
    from lic_desktop.gui.store_tab import StoreTab

TABS_MINIMUM = QSize(560, 400)
TAB_TITLES = (N_("Quote"), N_("Planner"), N_("Compare"), N_("Book"), N_("Licenses"))


class MainWindow(QMainWindow, ScenarioFiles):
    # Set by gui.menus.build_menus, again on each language change.
    recent_menu: QMenu
    pdf_action: QAction
    print_action: QAction
    undo_action: QAction
    redo_action: QAction
    copy_action: QAction
    pin_action: QAction
    def __init__(self, settings: QSettings, catalog: str | None = None,
                 language: str | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.language = self._first_language(language)
        l10n.set_language(self.language)
        self.fmt = Formatter(self.language)
        self.recent = RecentFiles(settings)
        self.recovery = Recovery(settings)
        self.catalog_note = ElidedLabel()  # a long note must not widen the window
        self.catalog_note.setObjectName("catalog_note")
        self.catalog_note.setAlignment(Qt.AlignmentFlag.AlignRight
                                       | Qt.AlignmentFlag.AlignVCenter)
        self.store_status = QLabel(_("Offline: embedded catalogs"))
        self.store_status.setObjectName("store_status")
        self.statusBar().addPermanentWidget(self.store_status)
        self.statusBar().addPermanentWidget(self.catalog_note, 1)
        self.setObjectName("main_window")
        # Qt's file dialogs and menus in the same language; "&Save", "&Discard", ... in
        # the dialogs with Alt letters.
        use_qt_words(self.language)
        self.form = InputForm()
        self.answer = AnswerBar()
        self.headline, self.banner = self.answer.headline, self.answer.banner
        self.tabs = self._build_tabs()
        self._build_layout()
        build_menus(self)
        self.history_keys = HistoryKeys(self, self)  # Ctrl+Z in a field: the app's undo
        remembered = catalog or str(settings.value("last_catalog", "") or "") or None
        self.editor = QuoteEditor(self, catalog=remembered, formatter=self.fmt)
        self.form.edited.connect(self._on_edited)
        self.form.catalog_price_requested.connect(self.editor.use_catalog_price)
        self.form.due_date_requested.connect(self.editor.set_change_to_due_date)
        self.form.now_requested.connect(self.editor.set_change_to_now)
        self.form.typing_finished.connect(lambda: self.refresh(self.editor.state))
        geometry = settings.value("geometry")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            place_first(self)  # fits the screen, a 1366×768 laptop's too
        self.refresh(self.editor.state)

    # --- building ---------------------------------------------------------------------

    def _build_tabs(self) -> QTabWidget:
        self.quote_tab = QuoteTab()
        self.panes = self.quote_tab.panes
        self.compare = ComparePresenter(self.fmt)
        tabs = QTabWidget()
        tabs.setObjectName("tabs")
        # At least what the widest page needs in every shipped language (the planner's,
        # in French), so the splitter does not jump when a tab is first built.
        tabs.setMinimumSize(TABS_MINIMUM)
        tabs.addTab(self.quote_tab, "")
        self.pages = LazyPages(tabs)
        self.pages.add("planner", self._make_planner_tab)
        self.pages.add("compare", self._make_compare_tab)
        self.pages.add("book", self._make_book_tab)
        self.pages.add("store", self._make_store_tab)
        for index, title in enumerate(TAB_TITLES):
            tabs.setTabText(index, _(title))
        tabs.currentChanged.connect(self._on_tab_changed)
        return tabs

    # The other tabs are built when first shown or used (gui.lazy_pages); their modules
    # load then too, which is what keeps them out of the window's start.

    def _make_planner_tab(self) -> QWidget:
        from lic_desktop.gui.planner_tab import PlannerTab  # noqa: PLC0415 - lazy
        from lic_desktop.present.planner_view import PlannerPresenter  # noqa: PLC0415

        tab = PlannerTab(PlannerPresenter(self.fmt))
        tab.day_chosen.connect(self._on_day_chosen)
        tab.until_changed.connect(self._refresh_planner)
        return tab

    def _make_compare_tab(self) -> QWidget:
        from lic_desktop.gui.compare_tab import CompareTab  # noqa: PLC0415 - lazy

        return CompareTab(self.compare)

    def _make_book_tab(self) -> QWidget:
        from lic_desktop.gui.book_tab import BookTab  # noqa: PLC0415 - lazy

        tab = BookTab(self.fmt, self.settings)
        tab.at = self.editor.state.inputs.at
        tab.picked.connect(self._on_license_picked)  # a license at its best day
        return tab

    def _make_store_tab(self) -> QWidget:
        from lic_desktop.gui.store_tab import StoreTab  # noqa: PLC0415 - lazy

        tab = StoreTab(self.settings, lambda: None if self.editor.state.stale
                       else self.editor.state.quote)
        tab.fmt = self.fmt
        tab.catalog_ref = lambda: self.editor.inputs.catalog
        tab.picked.connect(self._on_license_picked)
        tab.status_changed.connect(self._on_store_status)
        return tab

    @property
    def planner_tab(self) -> PlannerTab:
        return cast("PlannerTab", self.pages.page("planner"))

    @property
    def compare_tab(self) -> CompareTab:
        return cast("CompareTab", self.pages.page("compare"))

    @property
    def book_tab(self) -> BookTab:
        return cast("BookTab", self.pages.page("book"))

    @property
    def store_tab(self) -> StoreTab:
        return cast("StoreTab", self.pages.page("store"))

    def _first_language(self, asked: str | None) -> str:
        """The language asked for, else the remembered one, else the system's."""
        for name in (asked, str(self.settings.value("language", "") or "")):
            if name:
                try:
                    return l10n.check_locale(name)
                except ValueError:
                    continue
        return l10n.system_locale()

    def set_language(self, locale: str) -> None:
        """Switch every label, menu, pane and number format now, and remember it. Tabs not
        built yet will be built in the new language."""
        self.language = l10n.check_locale(locale)
        l10n.set_language(self.language)
        self.settings.setValue("language", self.language)
        use_qt_words(self.language)
        self.fmt = Formatter(self.language)
        planner = cast("PlannerTab | None", self.pages.built("planner"))
        compare = cast("CompareTab | None", self.pages.built("compare"))
        book = cast("BookTab | None", self.pages.built("book"))
        store = cast("StoreTab | None", self.pages.built("store"))
        presenter = None if planner is None else planner.presenter
        for holder in (self.editor, presenter, self.compare, book, store):
            if holder is not None:
                holder.fmt = self.fmt
        for index, title in enumerate(TAB_TITLES):
            self.tabs.setTabText(index, _(title))
        for widget in (self.form, self.quote_tab, planner, compare, book, store):
            if widget is not None:
                widget.retranslate()
        build_menus(self)  # after the labels: the Store menu takes a letter they leave
        for tab in (planner, book, store):
            if tab is not None:
                tab.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                                 max(tab.model.columnCount() - 1, 0))
        if compare is not None:
            compare.refresh()
        self.store_status.setText(_("Offline: embedded catalogs") if store is None
                                  else store.status())
        self.editor.republish()  # and so the form's column fits the longer labels

    def _build_layout(self) -> None:
        self.form_scroll = form_column(self.form)
        self.setCentralWidget(split_window(self.form_scroll, self.answer, self.tabs))

    def _fit_form_column(self) -> None:
        fit_form_column(self.form_scroll, self.form)

    # --- the view the presenter paints ----------------------------------------------------

    def refresh(self, state: FormState) -> None:
        self.form.show_state(state)
        # Once the form's layout has taken the new texts (a catalog's own labels, an
        # error line) in: its width hint is only right then.
        QTimer.singleShot(0, self._fit_form_column)
        self.quote_tab.show_state(state)
        book = self.pages.built("book")
        if book is not None:
            cast("BookTab", book).at = state.inputs.at
        self._refresh_planner()
        self.answer.show_state(state, frozenset(self.form.quiet_fields()))
        self.undo_action.setEnabled(state.can_undo)
        self.redo_action.setEnabled(state.can_redo)
        for action in (self.copy_action, self.pdf_action, self.print_action, self.pin_action):
            action.setEnabled(not state.stale)
        name = state.path.name if state.path else _("Untitled")
        self.setWindowTitle(f"{name}[*] — lic-desktop")
        self.setWindowModified(state.modified)
        self._show_catalog_note(state)
        self._keep_for_recovery(state)

    def _show_catalog_note(self, state: FormState) -> None:
        """The catalog's note beside the store status, unless it would say the same: a
        store catalog's note is where and when its prices were fetched."""
        catalog = state.catalog
        store = cast("StoreTab | None", self.pages.built("store"))
        said = store is not None and store.priced_here(catalog.source)
        self.catalog_note.setText("" if said else state.catalog_note)
        self.catalog_note.setVisible(not said)
        self.catalog_note.set_note(catalog.source)

    def _on_store_status(self, text: str) -> None:
        self.store_status.setText(text)
        self._show_catalog_note(self.editor.state)

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
            self, _("Restore unsaved changes"),
            _("lic-desktop was closed with unsaved changes. Restore them?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes)
        if answer == QMessageBox.StandardButton.Yes:
            try:
                self.editor.load(scenario, None, unsaved=True)
            except (InputError, CatalogError) as exc:
                QMessageBox.warning(self, _("Restore unsaved changes"), str(exc))
        else:
            self.recovery.discard()

    # --- slots ------------------------------------------------------------------------

    def _refresh_planner(self) -> None:
        """Plan only while the planner is showing: no work per keystroke on a hidden tab."""
        if self.pages.is_current("planner"):
            tab = self.planner_tab
            tab.show_state(tab.presenter.update(self.editor.state))

    def connect_store(self) -> None:
        if self.store_tab.ask_and_connect(self):
            self.pages.show("store")

    def store_tab_refresh(self) -> None:
        self.store_tab.refresh()

    def _on_license_picked(self, scenario: Scenario) -> None:
        if not self._may_discard():
            return
        try:
            self.editor.load(scenario, None, unsaved=True)
        except (InputError, CatalogError) as exc:
            QMessageBox.warning(self, _("Open license"),
                                _("This license cannot be quoted.") + f"\n\n{exc}")
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
            QMessageBox.warning(self, _("Catalog"), str(exc))

    def editor_undo(self) -> None:
        self.editor.undo()

    def editor_redo(self) -> None:
        self.editor.redo()

    def new_scenario(self) -> None:
        if self._may_discard():
            self.editor.new()

    def copy_quote(self) -> None:
        from lic_desktop.gui import quote_out  # noqa: PLC0415 - print support loads on use

        if quote_out.copy_quote(self.editor, self.settings):
            self.statusBar().showMessage(_("Quote copied"), 3000)

    def pin_quote(self) -> None:
        quote = self.editor.state.quote
        if quote is None or self.editor.state.stale:
            return
        if not self.compare.pin(quote):
            self.statusBar().showMessage(_("Four quotes are pinned: remove one first"), 5000)
            return
        self.compare_tab.refresh()
        self.pages.show("compare")

    def export_pdf(self) -> None:
        from lic_desktop.gui import quote_out  # noqa: PLC0415 - print support loads on use

        written = quote_out.export_pdf(self, self.editor, self.settings)
        if written is not None:
            self.statusBar().showMessage(_("Quote written to {name}").format(name=written),
                                         5000)

    def print_quote(self) -> None:
        from lic_desktop.gui import quote_out  # noqa: PLC0415 - print support loads on use

        quote_out.print_quote(self, self.editor, self.settings)

    def edit_seller(self) -> None:
        from lic_desktop.gui.seller_dialog import edit_seller  # noqa: PLC0415

        edit_seller(self.settings, self)

    def show_about(self) -> None:
        QMessageBox.about(self, _("About lic-desktop"),
                          f"lic-desktop {__version__}\n"
                          + _("License change quotes, to the cent."))

    # --- closing ----------------------------------------------------------------------

    def _may_discard(self) -> bool:
        """Ask before unsaved changes are lost; True when it is fine to go on."""
        if not self.editor.state.modified:
            return True
        answer = QMessageBox.question(
            self, _("Unsaved changes"), _("Save the changes to this scenario first?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab: form, change, the page, the tab bar (gui.focus_ring)."""
        return focus_ring.step(self, self.tabs, next) or super().focusNextPrevChild(next)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_discard():
            event.ignore()
            return
        for job_tab in (self.pages.built("book"), self.pages.built("store")):
            if job_tab is not None:  # their jobs run on other threads
                cast("BookTab | StoreTab", job_tab).cancel()
        QThreadPool.globalInstance().waitForDone(2000)
        self.history_keys.uninstall()
        if self.recovery.owns_file:
            self.recovery.discard()
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("last_catalog", self.editor.inputs.catalog)
        event.accept()
