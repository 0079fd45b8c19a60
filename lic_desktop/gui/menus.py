"""The main window's menu bar, built again whenever the language changes."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Protocol

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QLabel, QMenu, QMenuBar, QTabWidget

from lic_desktop.gui.form import TAB_BUTTON_TEXTS, mnemonic
from lic_desktop.l10n import LANGUAGES, N_, _

Shortcut = QKeySequence | QKeySequence.StandardKey | str | None


class MenuHost(Protocol):
    """What the menus need of the main window (named here so that this module does not
    import the window that imports it)."""

    recent_menu: QMenu
    pdf_action: QAction
    print_action: QAction
    undo_action: QAction
    redo_action: QAction
    copy_action: QAction
    pin_action: QAction
    tabs: QTabWidget
    language: str

    def menuBar(self) -> QMenuBar: ...
    def close(self) -> bool: ...
    def new_scenario(self) -> object: ...
    def open_scenario(self) -> object: ...
    def fill_recent(self) -> object: ...
    def open_catalog(self) -> object: ...
    def save(self) -> object: ...
    def save_as(self) -> object: ...
    def export_pdf(self) -> object: ...
    def print_quote(self) -> object: ...
    def editor_undo(self) -> object: ...
    def editor_redo(self) -> object: ...
    def copy_quote(self) -> object: ...
    def pin_quote(self) -> object: ...
    def set_language(self, locale: str) -> object: ...
    def connect_store(self) -> object: ...
    def store_tab_refresh(self) -> object: ...
    def show_about(self) -> object: ...
    def edit_seller(self) -> object: ...


def action(window: MenuHost, text: str, slot: Callable[[], object],
           shortcut: Shortcut = None) -> QAction:
    made = QAction(text, window.menuBar())  # the bar: a QObject of the window's
    if isinstance(shortcut, QKeySequence.StandardKey):
        made.setShortcuts(shortcut)  # every key the platform binds (Redo: Ctrl+Y, Ctrl+Shift+Z)
    elif shortcut is not None:
        made.setShortcut(QKeySequence(shortcut))
    made.triggered.connect(slot)
    return made


def build_menus(w: MenuHost) -> None:
    """File, Edit, View (tabs and Language), Store, Help; the actions the window enables
    and disables are kept on it."""
    bar = w.menuBar()
    bar.clear()
    keys = QKeySequence.StandardKey
    file_menu = bar.addMenu(_("&File"))
    file_menu.addAction(action(w, _("&New"), w.new_scenario, keys.New))
    file_menu.addAction(action(w, _("&Open…"), w.open_scenario, keys.Open))
    w.recent_menu = file_menu.addMenu(_("Open &Recent"))
    w.recent_menu.aboutToShow.connect(w.fill_recent)
    file_menu.addAction(action(w, _("Open &Catalog…"), w.open_catalog))
    file_menu.addSeparator()
    file_menu.addAction(action(w, _("&Save"), w.save, keys.Save))
    file_menu.addAction(action(w, _("Save &As…"), w.save_as, keys.SaveAs))
    file_menu.addSeparator()
    w.pdf_action = action(w, _("&Export PDF…"), w.export_pdf, "Ctrl+Shift+E")
    w.print_action = action(w, _("&Print…"), w.print_quote, keys.Print)
    file_menu.addAction(w.pdf_action)
    file_menu.addAction(w.print_action)
    file_menu.addSeparator()
    file_menu.addAction(action(w, _("&Quit"), w.close, keys.Quit))

    edit_menu = bar.addMenu(_("&Edit"))
    w.undo_action = action(w, _("&Undo"), w.editor_undo, keys.Undo)
    w.redo_action = action(w, _("&Redo"), w.editor_redo, keys.Redo)
    edit_menu.addAction(w.undo_action)
    edit_menu.addAction(w.redo_action)
    edit_menu.addSeparator()
    w.copy_action = action(w, _("&Copy Quote"), w.copy_quote, "Ctrl+Shift+C")
    edit_menu.addAction(w.copy_action)
    w.pin_action = action(w, _("&Pin Quote to Compare"), w.pin_quote, "Ctrl+Shift+P")
    edit_menu.addAction(w.pin_action)
    edit_menu.addSeparator()
    # The preferences: where Linux desktops keep them (Edit), the app menu on macOS. Not
    # a menu of its own: the bar has no Alt letter left that every language can spare.
    seller = action(w, _("&Seller details…"), w.edit_seller)
    seller.setMenuRole(QAction.MenuRole.PreferencesRole)
    edit_menu.addAction(seller)

    view_menu = bar.addMenu(_("Vie&w"))
    for number, name in enumerate((_("&Quote"), _("&Planner"), _("&Compare"), _("&Book"),
                                   _("&Licenses"))):
        view_menu.addAction(action(w, name, partial(w.tabs.setCurrentIndex, number),
                                   f"Ctrl+{number + 1}"))
    view_menu.addSeparator()
    languages = view_menu.addMenu(_("La&nguage"))  # L is Licenses'
    group = QActionGroup(w.menuBar())
    for locale, name in LANGUAGES.items():
        choice = action(w, name, partial(w.set_language, locale))
        choice.setCheckable(True)
        choice.setChecked(locale == w.language)
        group.addAction(choice)
        languages.addAction(choice)

    store_menu = bar.addMenu(store_title(w, _("Store")))
    store_menu.addAction(action(w, _("&Connect…"), w.connect_store))
    store_menu.addAction(action(w, _("&Refresh"), w.store_tab_refresh, "F5"))
    help_menu = bar.addMenu(_("&Help"))
    help_menu.addAction(action(w, _("&About lic-desktop"), w.show_about))


# The form's quantity labels take their spares in the order "kzjwq1...": this one takes
# its own from the other end, so that both rarely need a digit.
SPARE_LETTERS = "qwjzkx" + "abcdefghilmnoprstuvy" + "0123456789"


def store_title(w: MenuHost, title: str) -> str:
    """ "Store" with an Alt letter: its first letter that no menu, form label (the
    catalog's quantity labels too: "&Servers" keeps its S) or button uses in this
    language, else a spare one after it ("Store (&J)")."""
    texts = [a.text() for a in w.menuBar().actions()] + [_("&Help")]  # Help comes after
    window = w.menuBar().window()
    texts += [label.text() for label in window.findChildren(QLabel)]
    texts += [button.text() for button in window.findChildren(QAbstractButton)]
    # The tabs' buttons, and the start label's other wording (an owned license's).
    texts += [_(text) for text in (*TAB_BUTTON_TEXTS, N_("Purchase da&te:"),
                                   N_("Period s&tart:"))]
    taken = {letter for letter in map(mnemonic, texts) if letter}
    for i, letter in enumerate(title):
        if letter.isalpha() and letter.lower() not in taken:
            return f"{title[:i]}&{title[i:]}"
    spare = next(c for c in SPARE_LETTERS if c not in taken)
    return f"{title} (&{spare.upper()})"
