"""Which of the store's licenses can be changed, and why not. Qt-free.

WHMCS's service statuses are Pending, Active, Suspended, Terminated, Cancelled, Fraud
and Completed (developers.whmcs.com/api-reference/getclientsproducts lists them as they
are); an Active or Suspended service can be upgraded, the others are shown apart."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from lic_desktop.core.catalog import Catalog
from lic_desktop.l10n import Formatter, _, ngettext
from lic_desktop.present.store_view import STORE_STATUSES, LicenseRow, license_rows
from lic_desktop.store.convert import CHANGEABLE
from lic_desktop.store.session import Snapshot


def changeable(status: str) -> bool:
    """Whether a license of this store status can be quoted (Active or Suspended)."""
    return status in CHANGEABLE


def status_word(status: str) -> str:
    return _(STORE_STATUSES[status]) if status in STORE_STATUSES else status


def why_not(service_id: int, status: str) -> str:
    """One line saying why a license cannot be changed; "" when it can."""
    if changeable(status):
        return ""
    if status == "Pending":
        return _("License {id} is Pending in the store: its order is not accepted yet, and "
                 "only Active and Suspended licenses can be changed").format(id=service_id)
    return _("License {id} is {status} in the store: only Active and Suspended licenses "
             "can be changed").format(id=service_id, status=status_word(status) or "''")


def closed_counts(statuses: Iterable[str]) -> dict[str, int]:
    """How many licenses of each status cannot be changed, in the order first met."""
    counts: dict[str, int] = {}
    for status in statuses:
        if not changeable(status):
            counts[status] = counts.get(status, 0) + 1
    return counts


def closed_note(counts: dict[str, int], shown: bool, fmt: Formatter) -> str:
    """ "(3 licenses that cannot be changed are hidden: 1 Terminated, 1 Cancelled,
    1 Fraud)", or "… are greyed: …" once shown; "" when there are none."""
    total = sum(counts.values())
    if not total:
        return ""
    statuses = ", ".join(f"{fmt.integer(n)} {status_word(s)}" for s, n in counts.items())
    if shown:
        text = ngettext("({count} license that cannot be changed is greyed: {statuses})",
                        "({count} licenses that cannot be changed are greyed: {statuses})",
                        total)
    else:
        text = ngettext("({count} license that cannot be changed is hidden: {statuses})",
                        "({count} licenses that cannot be changed are hidden: {statuses})",
                        total)
    return text.format(count=fmt.integer(total), statuses=statuses)


def shown_rows(snapshot: Snapshot | None, catalogs: Iterable[Catalog], fmt: Formatter,
               closed: bool) -> list[LicenseRow]:
    """The table's rows: the licenses that can be changed, and with `closed` the others
    too, each with the line saying why it cannot be (`LicenseRow.why`)."""
    if snapshot is None:
        return []
    rows = []
    for row in license_rows(snapshot, catalogs, fmt):
        lic = snapshot.licenses[row.index][1]
        why = why_not(lic.service_id, lic.status)
        if closed or not why:
            rows.append(replace(row, why=why))
    # Numbered as listed: the ones that can be changed first, then the others apart.
    rows.sort(key=lambda row: bool(row.why))
    return [replace(row, texts=(str(n), *row.texts[1:]), values=(n, *row.values[1:]))
            for n, row in enumerate(rows, start=1)]
