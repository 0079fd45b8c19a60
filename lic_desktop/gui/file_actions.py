"""File → Open, Open Recent and Save for the main window: scenario files in and out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from lic_desktop.core.catalog import CatalogError
from lic_desktop.core.periods import InputError
from lic_desktop.gui.files import read_file_text, write_scenario
from lic_desktop.gui.form import field_label
from lic_desktop.l10n import N_, _
from lic_desktop.present.scenario_file import read_scenario_file, refusal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from lic_desktop.gui.files import RecentFiles
    from lic_desktop.gui.form import InputForm
    from lic_desktop.present.editor import QuoteEditor

SCENARIO_FILTER = N_("Scenarios (*.toml *.json);;All files (*)")


class ScenarioFiles:
    """Mixed into MainWindow, which provides the editor, the recent list and the menu."""

    editor: QuoteEditor
    form: InputForm
    recent: RecentFiles
    recent_menu: QMenu

    def _widget(self) -> QWidget:
        """The window itself, as the parent of its dialogs."""
        return cast("QWidget", self)

    def _may_discard(self) -> bool:
        raise NotImplementedError

    def _on_edited(self, name: str, value: object) -> None:
        raise NotImplementedError

    def open_scenario(self) -> None:
        if not self._may_discard():
            return
        name, _kind = QFileDialog.getOpenFileName(self._widget(), _("Open scenario"), "",
                                                  _(SCENARIO_FILTER))
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path, refused: Callable[[str], None] | None = None) -> bool:
        """Open a scenario file in the window. A bad value opens marked on its field, as if
        typed; a file that is no scenario at all is refused: `refused` is told why (a
        dialog by default) and the window keeps what it had."""
        editor = self.editor
        try:
            inputs = read_scenario_file(read_file_text(path), path.name, editor.catalog,
                                        editor.now())
            editor.load_inputs(inputs, path)
        except (InputError, CatalogError) as exc:
            message = refusal(str(path), exc)
            if refused is None:
                QMessageBox.warning(self._widget(), _("Open scenario"), message)
            else:
                refused(message)
            return False
        self.recent.add(path)
        self._focus_first_error()
        return True

    def _focus_first_error(self) -> None:
        """A file opened with a bad value: the cursor goes to the marked field, to fix it."""
        errors = self.editor.state.errors
        widget = next((w for name, w in self.form.fields.items() if name in errors), None)
        if widget is not None and widget.isVisibleTo(self.form):  # shown, or once shown
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.recent.paths():
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _=False, p=path: self._open_recent(p))
        self.recent_menu.setEnabled(True)
        if not self.recent.paths():
            self.recent_menu.addAction(_("(none)")).setEnabled(False)

    def _open_recent(self, path: Path) -> None:
        if self._may_discard() and not self.open_path(path):
            self.recent.remove(path)

    def open_catalog(self) -> None:
        name, _kind = QFileDialog.getOpenFileName(self._widget(), _("Open catalog"), "",
                                                  _("Catalogs (*.toml)"))
        if name:
            self._on_edited("catalog", name)

    def save(self) -> bool:
        if self.editor.path is None:
            return self.save_as()
        return self._write(self.editor.path)

    def save_as(self) -> bool:
        name, _kind = QFileDialog.getSaveFileName(self._widget(), _("Save scenario"),
                                                  "scenario.toml", _(SCENARIO_FILTER))
        return bool(name) and self._write(Path(name))

    def _write(self, path: Path) -> bool:
        try:
            write_scenario(path, self.editor.scenario())
        except InputError as exc:  # a field that cannot be read: named as the form names it
            QMessageBox.warning(self._widget(), _("Save scenario"),
                                _("{name} was not saved.").format(name=path.name)
                                + "\n\n" + _("{field}: {problem}").format(
                                    field=field_label(exc.field, self.editor.state),
                                    problem=exc.message))
            return False
        except OSError as exc:
            QMessageBox.warning(self._widget(), _("Save scenario"),
                                _("{name} was not saved.").format(name=path.name)
                                + f"\n\n{exc}")
            return False
        self.editor.mark_saved(path)
        self.recent.add(path)
        return True

