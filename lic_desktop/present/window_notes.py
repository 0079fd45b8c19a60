"""What the window says beside the quote, worked out from the inputs and the quote: the
banner's notices and whether the amount paid is the catalog price. Qt-free."""

from __future__ import annotations

from lic_desktop.core.catalog import Catalog
from lic_desktop.core.periods import InputError
from lic_desktop.core.quote import ChangeKind, Quote
from lic_desktop.core.scenario import parse_amount
from lic_desktop.l10n import Formatter, _
from lic_desktop.present import catalog_words as words
from lic_desktop.present.inputs import Inputs
from lic_desktop.present.panes import Notice, Pane


def paid_follows_catalog(cat: Catalog, inputs: Inputs) -> bool:
    """Whether the amount paid is the catalog price: left to it, or typed as the same
    amount ("19.9", "19,90" and "19.90" are all 19.90)."""
    if inputs.paid is None:
        return True
    if inputs.unreadable_text("paid") is not None or not cat.sells(inputs.plan, inputs.cycle):
        return False
    try:
        typed = parse_amount("paid", inputs.paid, comma=True)
    except InputError:
        return False
    return typed == cat.period_price(inputs.plan, inputs.quantity, inputs.cycle).amount


def window_notices(quote: Quote, panes: tuple[Pane, ...],
                   fmt: Formatter | None = None) -> tuple[Notice, ...]:
    """The order pane's notices, and what only the window needs: that the change moment is
    past the period's end (the license has renewed since: an old scenario with the change
    set to now), and with nothing to change (as the window first opens) where to pick it."""
    found = (*panes[1].notices, *renewed_since(quote, fmt or Formatter()))
    if quote.change is not ChangeKind.NONE:
        return found
    cat = quote.catalog
    if cat.plans[quote.license.plan].per_unit:
        hint = _("To quote a change, pick a new plan, number of {units} or billing cycle "
                 "under Change.").format(units=words.units(cat, fmt or Formatter()))
    else:
        hint = _("To quote a change, pick a new plan or billing cycle under Change.")
    return (*found, Notice(hint))


def renewed_since(quote: Quote, fmt: Formatter) -> tuple[Notice, ...]:
    """A notice when the change moment is after the current period ended. The portal would
    have renewed the license at its due date (a renewal at the catalog price, a period of
    its own): the quote against the old period is not what the customer would be charged.
    Any time past the end counts: the day after is already another period."""
    period = quote.license.period
    at = quote.request.at
    if period is None or at <= period.end:
        return ()
    return (Notice(_("The change moment is {time} after this period ended ({end}): the "
                     "license has renewed since; check the period start.").format(
                         time=fmt.duration(at - period.end), end=fmt.date(period.end))),)
