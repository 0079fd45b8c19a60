"""The "Edit license" form: plan selectors, date fields and amounts.

It only reports edits (`edited(name, value)`) and paints a FormState; the presenter
decides everything else.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lic_desktop.gui.count_field import CountField
from lic_desktop.gui.moment_field import MomentField
from lic_desktop.gui.translatable import Translatable
from lic_desktop.l10n import N_, _
from lic_desktop.present.editor import FormState
from lic_desktop.present.inputs import Option

FIELD_LABELS = {
    "customer": N_("Quote for"), "anchor": N_("First period start"),
    "catalog": N_("Product"), "plan": N_("Plan"), "quantity": N_("Servers"),
    "cycle": N_("Billing cycle"), "start": N_("Period start"), "paid": N_("Amount paid"),
    "pending": N_("Unpaid invoice"), "ip": N_("IP address"), "secondary_ip": N_("Secondary IP"),
    "to_plan": N_("New plan"), "to_quantity": N_("New servers"),
    "to_cycle": N_("New billing cycle"), "at": N_("Change moment"),
    "auto_renew": N_("Auto renew"),
}



def field_label(name: str, state: FormState) -> str:
    """A field's name as the form shows it: the catalog's own word for the quantity
    ("Seats", "New seats"), the translated label otherwise."""
    if name == "quantity":
        return state.quantity_label
    if name == "to_quantity":
        return state.new_quantity_label
    return _(FIELD_LABELS.get(name, name))

# Alt+letter keys the window already uses: labels, buttons and the menu bar.
TAKEN_MNEMONICS = set("qplbtagucdirnymofehw")
# The buttons of the other tabs, which stand beside the form once shown but may not be
# built yet (gui.lazy_pages): their letters, in the current language, are taken too.
TAB_BUTTON_TEXTS = (N_("E&xport CSV…"), N_("Open license boo&k…"), N_("Chec&k store price"),
                    N_("Ad&just columns…"), N_("Show licenses that cannot be changed (&X)"))


def _with_mnemonic(text: str, taken: set[str] = TAKEN_MNEMONICS) -> str:
    """ "Servers:" as "&Servers:", on a letter no other control uses; the word comes from
    the catalog ("Servers", "Quantity", ...)."""
    for i, letter in enumerate(text):
        if letter.isalpha() and letter.lower() not in taken:
            return _label(f"{text[:i]}&{text[i:]}")
    # Every letter of the word is taken: a spare key in brackets ("Nouveaux serveurs (z)").
    spare = next(c for c in "kzjwqx123456789" if c not in taken)
    return _label(f"{text} (&{spare})")


def _label(text: str) -> str:
    """A field label with the language's colon ("Servers:", "Serveurs :")."""
    return _("{label}:").format(label=text)


def _new_label(text: str, own: str, taken: set[str] = TAKEN_MNEMONICS) -> str:
    """The changed quantity's label ("New servers:", "Neue Server:", as the presenter
    words it) on a letter that neither other controls nor the current quantity's own
    label (`own`, already marked) use."""
    mark = mnemonic(own)
    return _with_mnemonic(text, taken | ({mark} if mark else set()))


def mnemonic(text: str) -> str | None:
    """The Alt letter of a label or button text ("De&vis pour :" -> "v")."""
    plain = text.replace("&&", "")
    i = plain.find("&")
    return plain[i + 1].lower() if 0 <= i < len(plain) - 1 else None


def fill_combo(combo: QComboBox, options: list[Option], current: str) -> None:
    """Replace a combo's items; a disabled option stays visible, short ("2-CPU"), with its
    reason in full as its tooltip (the window's notice says it in full too when chosen)."""
    model = combo.model()
    assert isinstance(model, QStandardItemModel)
    shown = [(combo.itemData(i), combo.itemText(i), model.item(i).isEnabled(),
              model.item(i).toolTip()) for i in range(combo.count())]
    if shown != [(o.key, o.label, o.enabled, o.why) for o in options]:
        combo.clear()
        for option in options:
            combo.addItem(option.label, option.key)
            item = model.item(combo.count() - 1)
            item.setToolTip(option.why)
            if not option.enabled:
                item.setEnabled(False)
    index = combo.findData(current)
    combo.setCurrentIndex(max(index, 0))


class InputForm(QWidget, Translatable):
    edited = Signal(str, object)
    catalog_price_requested = Signal()
    due_date_requested = Signal()
    now_requested = Signal()
    typing_finished = Signal()  # a date field left: an error held back may show now

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._marked: dict[str, QWidget] = {}  # the widget outlined for each error label
        self.labels: dict[str, QLabel] = {}
        self._last_errors: dict[str, str] = {}
        license_box = QGroupBox()
        self.tr_text(license_box.setTitle, N_("Edit license"))
        self.license_form = QFormLayout(license_box)
        change_box = QGroupBox()
        self.tr_text(change_box.setTitle, N_("Change"))
        self.change_form = QFormLayout(change_box)
        for form in (self.license_form, self.change_form):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            # Long labels (German, French) go above their field instead of widening the form.
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

        self.customer = self._text("customer", N_("&Quote for:"), self.license_form)
        self.tr_text(self.customer.setPlaceholderText, N_("customer (optional)"))
        self.catalog = self._combo("catalog", N_("&Product:"), self.license_form)
        self.plan = self._combo("plan", N_("P&lan:"), self.license_form)
        self.quantity = self._spin("quantity", N_("&Servers:"), self.license_form)
        self.cycle = self._combo("cycle", N_("&Billing cycle:"), self.license_form)
        self.start = self._moment("start", N_("Period s&tart:"), self.license_form)
        self.paid = QLineEdit()
        self.paid_reset = QPushButton()
        self.tr_text(self.paid_reset.setText, N_("Catalo&g price"))
        self.tr_text(self.paid_reset.setToolTip,
                     N_("Use the catalog price of the current plan and cycle"))
        self.paid_reset.clicked.connect(self.catalog_price_requested)
        self._text("paid", N_("&Amount paid:"), self.license_form, self.paid, self.paid_reset)
        self.pending = self._text("pending", N_("&Unpaid invoice:"), self.license_form)
        self.tr_text(self.pending.setPlaceholderText, N_("none"))
        self.ip = self._text("ip", N_("&IP address:"), self.license_form)
        self.secondary_ip = self._text("secondary_ip", N_("Se&condary IP:"), self.license_form)
        self.tr_text(self.secondary_ip.setPlaceholderText, N_("optional"))
        self.auto_renew = QCheckBox()
        self.tr_text(self.auto_renew.setText, N_("Auto &renew"))
        self.tr_text(self.auto_renew.setAccessibleName, N_("Auto renew"))
        self.auto_renew.toggled.connect(lambda on: self.edited.emit("auto_renew", on))
        self.license_form.addRow("", self.auto_renew)
        self._error_row("auto_renew", self.auto_renew, self.license_form)

        self._build_change()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(license_box)
        layout.addWidget(change_box)
        layout.addStretch(1)

    # --- building ---------------------------------------------------------------------

    def _build_change(self) -> None:
        self.to_plan = self._combo("to_plan", N_("&New plan:"), self.change_form)
        self.to_quantity = self._spin("to_quantity", N_("New ser&vers:"), self.change_form)
        self.to_cycle = self._combo("to_cycle", N_("New billing c&ycle:"), self.change_form)
        due = QPushButton()
        self.tr_text(due.setText, N_("&Due date"))
        self.tr_text(due.setToolTip,
                     N_("Change at the end of the current period: nothing is deducted"))
        due.clicked.connect(self.due_date_requested)
        now = QPushButton()
        self.tr_text(now.setText, N_("N&ow"))
        now.clicked.connect(self.now_requested)
        self.due_button = due
        self.at = self._moment("at", N_("Change &moment:"), self.change_form, due, now)


    def _add(self, name: str, label: str, form: QFormLayout, widget: QWidget,
             *extras: QWidget) -> None:
        widget.setObjectName(name)
        self.tr_text(widget.setAccessibleName, FIELD_LABELS[name])
        self.fields[name] = widget
        row: QWidget = widget
        if extras:
            row = QWidget()
            box = QHBoxLayout(row)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(widget, 1)
            for extra in extras:
                box.addWidget(extra)
        caption = QLabel()
        self.tr_text(caption.setText, label)
        caption.setBuddy(widget)
        self.labels[name] = caption
        form.addRow(caption, row)
        self._error_row(name, widget, form)

    def _error_row(self, name: str, widget: QWidget, form: QFormLayout) -> None:
        """The row under a field that says what is wrong with it; `widget` is outlined."""
        error = QLabel()
        error.setObjectName(f"{name}_error")
        error.setWordWrap(True)
        error.setStyleSheet("color: #c0392b;")
        error.hide()
        self.errors[name] = error
        self._marked[name] = widget
        form.addRow("", error)

    def _combo(self, name: str, label: str, form: QFormLayout) -> QComboBox:
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(14)
        combo.activated.connect(lambda i: self.edited.emit(name, combo.itemData(i)))
        self._add(name, label, form, combo)
        return combo

    def _spin(self, name: str, label: str, form: QFormLayout) -> CountField:
        """A count: its text as typed goes to the presenter, which reads it; a step of
        the arrows is the new value."""
        spin = CountField()
        spin.setKeyboardTracking(True)
        spin.typed.connect(lambda text: self.edited.emit(name, text))
        spin.valueChanged.connect(lambda v: self.edited.emit(name, v))
        self._add(name, label, form, spin)
        return spin

    def _moment(self, name: str, label: str, form: QFormLayout, *extras: QWidget) \
            -> MomentField:
        """A date field: its text as typed goes to the presenter, which reads it."""
        field = MomentField(name, self.tr_text)
        field.typed.connect(lambda text: self.edited.emit(name, text))
        field.editingFinished.connect(self._on_typing_finished)
        self._add(name, label, form, field, field.calendar_button, *extras)
        return field

    def _text(self, name: str, label: str, form: QFormLayout, edit: QLineEdit | None = None,
              *extras: QWidget) -> QLineEdit:
        edit = edit or QLineEdit()
        edit.textEdited.connect(lambda text: self.edited.emit(name, text))
        self._add(name, label, form, edit, *extras)
        return edit

    # --- painting ---------------------------------------------------------------------

    def _used_mnemonics(self) -> set[str]:
        """Alt letters of the form's other labels and buttons and of the window's menus,
        as they read now (a translation moves them)."""
        texts = [label.text() for name, label in self.labels.items()
                 if name not in ("quantity", "to_quantity")]
        texts += [button.text() for button in self.findChildren(QAbstractButton)]
        window = self.window()
        if isinstance(window, QMainWindow):
            texts += [action.text() for action in window.menuBar().actions()]
        texts += [_(text) for text in TAB_BUTTON_TEXTS]
        return {letter for letter in map(mnemonic, texts) if letter}

    def show_state(self, state: FormState) -> None:
        inputs = state.inputs
        blockers = [QSignalBlocker(w) for w in self.fields.values()]
        blockers.append(QSignalBlocker(self.auto_renew))
        fill_combo(self.catalog, state.catalogs, inputs.catalog)
        fill_combo(self.plan, state.plans, inputs.plan)
        fill_combo(self.cycle, state.cycles, inputs.cycle)
        fill_combo(self.to_plan, state.to_plans, inputs.to_plan)
        fill_combo(self.to_cycle, state.to_cycles, inputs.to_cycle)
        for spin, (low, high), value, on, name in (
                (self.quantity, state.quantity_range, inputs.quantity, state.per_unit,
                 "quantity"),
                (self.to_quantity, state.to_quantity_range, inputs.to_quantity,
                 state.to_per_unit, "to_quantity")):
            spin.setRange(low, high)
            spin.show_count(value, inputs.unreadable_text(name))
            # A plan priced per license has no quantity to choose: hide the row.
            form = self.license_form if spin is self.quantity else self.change_form
            form.setRowVisible(spin, on)
        # The letters the English texts use, and those the translated ones use instead.
        taken = TAKEN_MNEMONICS | self._used_mnemonics()
        own = _with_mnemonic(state.quantity_label, taken)
        self.labels["quantity"].setText(own)
        owned = state.catalog.cycles[inputs.cycle].perpetual
        self.labels["start"].setText(_("Purchase da&te:") if owned else _("Period s&tart:"))
        self.labels["to_quantity"].setText(_new_label(state.new_quantity_label, own, taken))
        for field, moment in ((self.start, inputs.start), (self.at, inputs.at)):
            field.show_moment(moment, inputs.unreadable_text(field.name))
        self._set_text(self.paid, state.paid_text)
        self.paid_reset.setEnabled(not state.paid_follows_catalog)
        for edit, text in ((self.pending, inputs.pending), (self.ip, inputs.ip),
                           (self.secondary_ip, inputs.secondary_ip),
                           (self.customer, inputs.customer)):
            self._set_text(edit, text)
        self.auto_renew.setChecked(inputs.auto_renew)
        self.due_button.setEnabled(state.due_date is not None)
        del blockers
        self._show_errors(state.errors)
        if "paid" not in state.errors:  # else the tooltip says what is wrong
            self.paid.setToolTip(_("The catalog price") if state.paid_follows_catalog
                                 else _("Edited: press Catalog price to go back"))

    @staticmethod
    def _set_text(edit: QLineEdit, text: str) -> None:
        if edit.text() != text:  # keep the cursor where the user is typing
            edit.setText(text)

    def quiet_fields(self) -> set[str]:
        """Date fields whose text is still being typed: their error waits (MomentField)."""
        return {name for name in ("start", "at")
                if isinstance(field := self.fields[name], MomentField) and field.half_typed()}

    def _on_typing_finished(self) -> None:
        self._show_errors(self._last_errors)
        self.typing_finished.emit()

    def _show_errors(self, errors: dict[str, str]) -> None:
        self._last_errors = errors
        quiet = self.quiet_fields()
        for name, label in self.errors.items():
            message = "" if name in quiet else errors.get(name, "")
            label.setText(message)
            label.setVisible(bool(message))
            widget = self._marked[name]
            if bool(widget.property("invalid")) != bool(message):
                widget.setProperty("invalid", bool(message))
                widget.setStyleSheet("border: 2px solid #c0392b;" if message else "")
                widget.setToolTip(message)
