"""The main window's presenter: holds the inputs, recomputes the quote on every edit,
keeps undo history, and hands the view one FormState to paint. Qt-free.

Invalid input never produces a number: the field is named with what is wrong, and the
last valid quote stays on screen marked stale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from lic_desktop.catalogs import catalog_ref, embedded_catalogs, load_catalog
from lic_desktop.core.catalog import Catalog, CatalogError
from lic_desktop.core.engine import make_quote
from lic_desktop.core.periods import InputError
from lic_desktop.core.quote import MAX_QUANTITY, Quote, period_of
from lic_desktop.core.scenario import Scenario
from lic_desktop.l10n import Formatter
from lic_desktop.present import catalog_words as words
from lic_desktop.present.inputs import (
    COUNT_FIELDS,
    Inputs,
    Option,
    cycle_options,
    default_inputs,
    plan_options,
    read_typed_count,
    target_plan_options,
)
from lic_desktop.present.panes import Notice, Pane, headline, quote_panes
from lic_desktop.present.quote_document import DocumentInfo, document_info, quote_document
from lic_desktop.present.quote_text import quote_text
from lic_desktop.present.seller import Seller, logo_data_url
from lic_desktop.present.window_notes import paid_follows_catalog, window_notices


@dataclass(frozen=True, slots=True)
class FormState:
    inputs: Inputs
    catalog: Catalog
    catalogs: list[Option]
    plans: list[Option]
    cycles: list[Option]
    to_plans: list[Option]
    to_cycles: list[Option]
    quantity_label: str  # in the UI's language: "Servers", de "Server"
    new_quantity_label: str  # "New servers", de "Neue Server"
    catalog_note: str
    per_unit: bool
    to_per_unit: bool
    quantity_range: tuple[int, int]
    to_quantity_range: tuple[int, int]
    paid_text: str
    paid_follows_catalog: bool
    due_date: datetime | None
    errors: dict[str, str]
    quote: Quote | None  # the last valid quote
    panes: tuple[Pane, Pane, Pane] | None
    stale: bool
    notices: tuple[Notice, ...]
    headline: str
    path: Path | None
    modified: bool
    can_undo: bool
    can_redo: bool


class EditorView(Protocol):
    def refresh(self, state: FormState) -> None: ...


# What a catalog switch sets afresh.
CATALOG_FIELDS = {"plan", "cycle", "quantity", "to_plan", "to_cycle", "to_quantity", "paid"}
_MERGEABLE = {"customer", "paid", "pending", "ip", "secondary_ip", "quantity", "to_quantity",
              "start", "at"}


@dataclass
class _History:
    """Undo history of whole input snapshots; keystrokes in one field merge into one step."""

    items: list[Inputs]
    index: int = 0
    last_field: str | None = None
    saved: Inputs | None = None

    def push(self, inputs: Inputs, field_name: str | None) -> None:
        if inputs == self.items[self.index]:
            return
        merge = field_name is not None and field_name == self.last_field \
            and field_name in _MERGEABLE and self.index == len(self.items) - 1 \
            and self.index > 0
        del self.items[self.index + 1:]
        if merge and inputs == self.items[self.index - 1]:
            # Typing went back to what it was: that step undoes nothing, so drop it.
            self.items.pop()
            self.index -= 1
            self.last_field = None
            return
        if merge:
            self.items[self.index] = inputs
        else:
            self.items.append(inputs)
            self.index += 1
        self.last_field = field_name

    @property
    def current(self) -> Inputs:
        return self.items[self.index]


class QuoteEditor:
    def __init__(self, view: EditorView, now: Callable[[], datetime] = datetime.now,
                 formatter: Formatter | None = None, catalog: str | None = None) -> None:
        self.view = view
        self.now = now
        self.fmt = formatter or Formatter()
        self._catalogs: dict[str, Catalog] = {}
        self._last_quote: Quote | None = None
        self.path: Path | None = None
        ref = self._first_catalog(catalog)
        inputs = default_inputs(self.catalog(ref), now(), ref)
        self._history = _History([inputs], saved=inputs)
        self.state = self._compute()

    # --- catalogs ---------------------------------------------------------------------

    def catalog(self, ref: str) -> Catalog:
        """Load a catalog once; embedded ones by name, others by path."""
        if ref not in self._catalogs:
            self._catalogs[ref] = load_catalog(ref)
        return self._catalogs[ref]

    def _first_catalog(self, ref: str | None) -> str:
        """The catalog to start on: `ref` (a name or a path) if it loads, else the first
        embedded one; the caller checks a catalog the user named explicitly."""
        if ref:
            ref = catalog_ref(ref)
            try:
                self.catalog(ref)
                return ref
            except CatalogError:
                pass  # a remembered file that is gone or broken: start on the default
        return next(iter(embedded_catalogs()))

    def catalog_options(self) -> list[Option]:
        refs = list(dict.fromkeys([*embedded_catalogs(), *self._catalogs]))
        return [Option(ref, words.title(self.catalog(ref), self.fmt)) for ref in refs]

    # --- edits ------------------------------------------------------------------------

    @property
    def inputs(self) -> Inputs:
        return self._history.current

    def set_field(self, name: str, value: object) -> None:
        """One edit from the form: the quote is recomputed at once."""
        before = self.inputs
        if name != "paid" and before.paid is not None and self.state.paid_follows_catalog:
            # The amount typed was the catalog price: it follows the catalog from now on.
            before = before.with_(paid=None)
        if name in COUNT_FIELDS and isinstance(value, str):  # a count as typed
            try:
                changed = before.with_typed(name, read_typed_count(
                    self.catalog(before.catalog), before, name, value))
            except InputError as exc:
                changed = before.with_unreadable(name, value, exc.message)
        else:
            changed = before.with_typed(name, value)
        if name == "start" and (changed.start != self.inputs.start
                                or changed.unreadable_text("anchor") is not None):
            # A typed start is a period of its own: no first period (from a file) before it.
            changed = changed.with_(anchor=None, unreadable=tuple(
                bad for bad in changed.unreadable if bad.field != "anchor"))
        if name == "catalog":
            changed = self._switch_catalog(catalog_ref(str(value)))
        self._apply(self._normalise(changed, name), name)

    def use_catalog_price(self) -> None:
        self._apply(self.inputs.with_(paid=None), None)

    def set_change_to_due_date(self) -> None:
        if self.state.due_date is not None:
            self._apply(self.inputs.with_(at=self.state.due_date), None)

    def set_change_to_now(self) -> None:
        self._apply(self.inputs.with_(at=self.now().replace(second=0, microsecond=0)), None)

    def change_on(self, moment: datetime, period_start: datetime | None) -> None:
        """Move the change moment to a planned day. Past the due date the license has
        renewed: its period start moves too (anchored, C2) and it was paid at the
        catalog price."""
        inputs = self.inputs.with_(at=moment)
        if period_start is not None and period_start != inputs.start:
            inputs = inputs.with_(start=period_start, paid=None,
                                  anchor=inputs.anchor or inputs.start)
        self._apply(inputs, None)

    def republish(self) -> None:
        """Work the state out again and repaint (after the language changed)."""
        self._publish()

    def undo(self) -> None:
        if self._history.index > 0:
            self._history.index -= 1
            self._history.last_field = None
            self._publish()

    def redo(self) -> None:
        if self._history.index < len(self._history.items) - 1:
            self._history.index += 1
            self._history.last_field = None
            self._publish()

    # --- files ------------------------------------------------------------------------

    def new(self) -> None:
        inputs = default_inputs(self.catalog(self.inputs.catalog), self.now(),
                                self.inputs.catalog)
        self._reset(inputs, None)

    def load(self, scenario: Scenario, path: Path | None, *, unsaved: bool = False) -> None:
        """Open a scenario; raises InputError or CatalogError and changes nothing if bad.

        `unsaved` marks it as not yet saved anywhere (a recovered session)."""
        catalog = self.catalog(scenario.catalog)
        make_quote(scenario.license(catalog), scenario.request())  # reject it whole if bad
        self._reset(Inputs.from_scenario(scenario), path)
        if unsaved:
            self._history.saved = None
            self._publish()

    def load_inputs(self, inputs: Inputs, path: Path | None) -> None:
        """Open inputs read from a file as they are: a field that cannot be read stays
        marked (Inputs.unreadable), and so does one the engine refuses; the quote is stale
        until it is fixed. Raises CatalogError if the catalog does not load."""
        self.catalog(inputs.catalog)
        self._reset(inputs, path)

    def scenario(self) -> Scenario:
        return self.inputs.to_scenario()

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self._history.saved = self.inputs
        self._publish()

    def quote_text(self) -> str | None:
        return None if self.state.stale or self.state.quote is None \
            else quote_text(self.state.quote, self.fmt)

    def quote_document(self, created: datetime, seller: Seller | None = None,
                       **layout: Any) -> str | None:
        """The quote document (quote_document's `columns`, `size`, `logo_src` in
        `layout`), or None while the quote is stale."""
        if self.state.stale or self.state.quote is None:
            return None
        return quote_document(self.state.quote, self.fmt,
                              created.replace(second=0, microsecond=0), seller, **layout)

    def document_info(self, seller: Seller | None) -> DocumentInfo | None:
        return None if self.state.quote is None else document_info(self.state.quote, seller)

    def quote_html(self, seller: Seller | None = None,
                   created: datetime | None = None) -> str | None:
        """The HTML that Copy Quote puts on the clipboard for an e-mail: the document's
        content in its order, inline styles only, the logo inside it as a data URL."""
        logo = logo_data_url(seller.logo) if seller is not None else ""
        return self.quote_document(created or self.now(), seller, logo_src=logo)

    # --- internals --------------------------------------------------------------------

    def _reset(self, inputs: Inputs, path: Path | None) -> None:
        self.path = path
        self._history = _History([inputs], saved=inputs)
        self._last_quote = None
        self._publish()

    def _apply(self, inputs: Inputs, field_name: str | None) -> None:
        self._history.push(inputs, field_name)
        self._publish()

    def _publish(self) -> None:
        self.state = self._compute()
        self.view.refresh(self.state)

    def _switch_catalog(self, ref: str) -> Inputs:
        cat = self.catalog(ref)
        fresh = default_inputs(cat, self.inputs.at)
        # The catalog's own fields start afresh: a bad plan read from a file goes too.
        kept = tuple(bad for bad in self.inputs.unreadable if bad.field not in CATALOG_FIELDS)
        return self.inputs.with_(catalog=ref, plan=fresh.plan, cycle=fresh.cycle,
                                 quantity=fresh.quantity, to_plan=fresh.plan,
                                 to_cycle=fresh.cycle, to_quantity=fresh.quantity, paid=None,
                                 unreadable=kept)

    def _normalise(self, inputs: Inputs, edited: str) -> Inputs:
        """Keep the selectors consistent: a cycle the plan is sold in, a quantity in range."""
        cat = self.catalog(inputs.catalog)
        cycle = inputs.cycle if cat.sells(inputs.plan, inputs.cycle) \
            else cat.cycles_for(inputs.plan)[0]
        before = self.inputs
        if edited in ("plan", "quantity", "cycle") and (before.to_plan, before.to_quantity,
                                                        before.to_cycle) \
                == (before.plan, before.quantity, before.cycle):
            # The change still mirrors the license: it follows the new current values.
            inputs = inputs.with_(to_plan=inputs.plan, to_quantity=inputs.quantity,
                                  to_cycle=cycle)
        to_plan = inputs.to_plan if inputs.to_plan in cat.plans else inputs.plan
        to_cycle = inputs.to_cycle if cat.sells(to_plan, inputs.to_cycle) \
            else (cycle if cat.sells(to_plan, cycle) else cat.cycles_for(to_plan)[0])
        return inputs.with_(
            cycle=cycle, to_plan=to_plan, to_cycle=to_cycle,
            quantity=self._clamp(cat, inputs.plan, inputs.quantity),
            to_quantity=self._clamp(cat, to_plan, inputs.to_quantity),
        )

    @staticmethod
    def _due_date(cat: Catalog, inputs: Inputs) -> datetime | None:
        """The current period's end, for the Due date button, even while the quote is stale."""
        cycle = cat.cycles[inputs.cycle]
        if cycle.perpetual:
            return None
        try:
            return period_of(inputs.start, cycle.months, inputs.anchor).end
        except InputError:
            return None

    @staticmethod
    def _clamp(cat: Catalog, plan: str, quantity: int) -> int:
        p = cat.plans[plan]
        if not p.per_unit:
            return 1
        return max(p.min_quantity, min(quantity, p.max_quantity or MAX_QUANTITY))

    def _compute(self) -> FormState:
        inputs = self.inputs
        cat = self.catalog(inputs.catalog)
        errors = inputs.field_errors()
        quote = None
        try:
            if not errors:
                scenario = inputs.to_scenario()
                quote = make_quote(scenario.license(cat), scenario.request())
        except InputError as exc:
            errors[exc.field] = exc.message
        if quote is not None:
            self._last_quote = quote
        shown = quote or self._last_quote
        plan = cat.plans[inputs.plan]
        to_plan = cat.plans[inputs.to_plan]
        due = self._due_date(cat, inputs)
        panes = None if shown is None else quote_panes(shown, self.fmt)
        language = self.fmt.language
        return FormState(
            inputs=inputs,
            catalog=cat,
            catalogs=self.catalog_options(),
            plans=plan_options(cat, language),
            cycles=cycle_options(cat, inputs.plan, language),
            to_plans=target_plan_options(cat, inputs, language),
            to_cycles=cycle_options(cat, inputs.to_plan, language),
            quantity_label=words.quantity_label(cat, self.fmt),
            new_quantity_label=words.new_quantity_label(cat, self.fmt),
            catalog_note=words.note(cat, self.fmt),
            per_unit=plan.per_unit,
            to_per_unit=to_plan.per_unit,
            quantity_range=(plan.min_quantity, plan.max_quantity or MAX_QUANTITY),
            to_quantity_range=(to_plan.min_quantity, to_plan.max_quantity or MAX_QUANTITY),
            # The catalog price as the UI's language writes it ("19,90" in German), which
            # the field reads back as readily as "19.90".
            paid_text=inputs.paid if inputs.paid is not None else self.fmt.number(
                cat.period_price(inputs.plan, inputs.quantity, inputs.cycle).amount,
                cat.digits),
            paid_follows_catalog=paid_follows_catalog(cat, inputs),
            due_date=due,
            errors=errors,
            quote=shown,
            panes=panes,
            stale=quote is None,
            notices=() if quote is None or panes is None
            else window_notices(quote, panes, self.fmt),
            headline="" if shown is None else headline(shown, self.fmt),
            path=self.path,
            modified=inputs != self._history.saved,
            can_undo=self._history.index > 0,
            can_redo=self._history.index < len(self._history.items) - 1,
        )
