"""Edit → Seller details… (the preferences; on macOS in the app menu): who sends the
quote (the PDF's header, its validity and terms) and the PDF's paper. Stored in the
settings (gui/seller_settings.py); File → Export PDF uses them. Every field is reached
with Tab or its Alt letter."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from lic_desktop.gui import seller_settings as stored
from lic_desktop.l10n import _
from lic_desktop.present.seller import (
    DEFAULT_VALIDITY_DAYS,
    LOGO_SUFFIXES,
    MAX_VALIDITY_DAYS,
    SellerError,
    seller_from_mapping,
)

LINE_KEYS = ("name", "email", "phone", "website", "vat_number")


class SellerDialog(QDialog):
    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(_("Seller details"))
        values = stored.stored_values(settings)
        self.lines = {key: QLineEdit(values[key]) for key in LINE_KEYS}
        self.address = QPlainTextEdit(values["address"])
        self.terms = QPlainTextEdit(values["terms"])
        for box in (self.address, self.terms):
            box.setTabChangesFocus(True)  # Tab leaves the box, as in every other field
            box.setFixedHeight(box.fontMetrics().lineSpacing() * 4 + 12)
        self.logo = QLineEdit(values["logo"])
        self.logo.setReadOnly(True)
        self.logo.setPlaceholderText(_("none (PNG or SVG)"))
        self.choose_logo = QPushButton(_("C&hoose…"))
        self.choose_logo.clicked.connect(self._on_choose_logo)
        self.remove_logo = QPushButton(_("Re&move"))
        self.remove_logo.clicked.connect(self.logo.clear)
        self.validity = QSpinBox()
        self.validity.setRange(1, MAX_VALIDITY_DAYS)
        days = values["validity_days"]
        self.validity.setValue(int(days) if days.isdigit() else DEFAULT_VALIDITY_DAYS)
        self.validity.setSuffix(_(" days"))
        self.paper = QComboBox()
        for text, value in ((_("From the language (en_US: Letter, else A4)"), ""),
                            ("A4", "a4"), (_("US Letter"), "letter")):
            self.paper.addItem(text, value)
        self.paper.setCurrentIndex(max(0, self.paper.findData(stored.paper_choice(settings))))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(self.choose_logo)
        logo_row.addWidget(self.remove_logo)
        form = QFormLayout(self)
        rows: list[tuple[str, QWidget, str]] = [
            (_("Company &name:"), self.lines["name"], _("Company name")),
            (_("A&ddress:"), self.address, _("Address")),
            (_("&E-mail:"), self.lines["email"], _("E-mail")),
            (_("&Phone:"), self.lines["phone"], _("Phone")),
            (_("&Website:"), self.lines["website"], _("Website")),
            (_("&VAT/company number:"), self.lines["vat_number"], _("VAT/company number")),
        ]
        for label, widget, name in rows:
            self._add(form, label, widget, name)
        caption = QLabel(_("&Logo:"))
        caption.setBuddy(self.logo)
        self.logo.setAccessibleName(_("Logo"))
        form.addRow(caption, logo_row)
        for label, widget, name in ((_("Valid &for:"), self.validity, _("Valid for")),
                                    (_("&Terms:"), self.terms, _("Terms")),
                                    (_("Paper si&ze:"), self.paper, _("Paper size"))):
            self._add(form, label, widget, name)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 70)

    @staticmethod
    def _add(form: QFormLayout, label: str, widget: QWidget, name: str) -> None:
        widget.setAccessibleName(name)
        caption = QLabel(label)
        caption.setBuddy(widget)
        form.addRow(caption, widget)

    def values(self) -> dict[str, str]:
        """What the dialog holds, by the seller file's keys."""
        found = {key: edit.text().strip() for key, edit in self.lines.items()}
        found["address"] = self.address.toPlainText().strip()
        found["terms"] = self.terms.toPlainText().strip()
        found["logo"] = self.logo.text().strip()
        found["validity_days"] = str(self.validity.value())
        return found

    def _on_choose_logo(self) -> None:
        patterns = " ".join(f"*{s}" for s in LOGO_SUFFIXES)
        name, _kind = QFileDialog.getOpenFileName(self, _("Choose a logo"), "",
                                                  _("Images ({patterns})").format(
                                                      patterns=patterns))
        if name:
            self.logo.setText(name)

    def accept(self) -> None:
        values = self.values()
        try:
            seller_from_mapping({k: v for k, v in values.items() if v})
        except SellerError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        stored.save_seller(self.settings, values)
        self.settings.setValue(stored.PAPER_KEY, self.paper.currentData())
        self.settings.sync()
        super().accept()


def edit_seller(settings: QSettings, parent: QWidget | None = None) -> bool:
    """Show the dialog; True when the details were saved."""
    return SellerDialog(settings, parent).exec() == QDialog.DialogCode.Accepted
