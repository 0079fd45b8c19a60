"""The one entry point: a license and a change in, a quote out, by the catalog's policy."""

from __future__ import annotations

import dataclasses

from lic_desktop.core.difference import quote_difference
from lic_desktop.core.periods import InputError
from lic_desktop.core.quote import (
    ChangeKind,
    ChangeRequest,
    License,
    Quote,
    Reason,
    check_offer,
)
from lic_desktop.core.reset import quote_reset
from lic_desktop.core.text import _


def make_quote(lic: License, req: ChangeRequest) -> Quote:
    cat = lic.catalog
    check_change(lic, req)
    quote = quote_reset(lic, req) if cat.policy == "reset" else quote_difference(lic, req)
    if lic.unpaid and quote.change is not ChangeKind.NONE:
        # Any policy: an unpaid invoice must be paid before the license can change.
        quote = dataclasses.replace(
            quote, blocked=True, reasons=(Reason.PENDING_INVOICE, *quote.reasons)
        )
    return quote


def check_change(lic: License, req: ChangeRequest) -> None:
    """Raise InputError unless the change can be quoted: a plan, quantity and cycle the
    catalog sells, at a moment not before the license's period start."""
    check_offer(lic.catalog, req.plan, req.quantity, req.cycle, "to_")
    if req.at < lic.start:
        raise InputError("at", _("{moment} is before the period start {start}")
                         .format(moment=f"{req.at:%Y-%m-%d %H:%M}",
                                 start=f"{lic.start:%Y-%m-%d %H:%M}"))
