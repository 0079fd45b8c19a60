"""The store in the window: the license table rows and the status line. Qt-free."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lic_desktop.l10n import N_, _
from lic_desktop.store.session import Snapshot

LICENSE_HEADERS = ("#", N_("IP"), N_("Secondary IP"), N_("Servers"), N_("Expiry"),
                   N_("Status"), N_("Order ID"), N_("Created"), N_("Modified"),
                   N_("Product"), N_("Unpaid"))


@dataclass(frozen=True, slots=True)
class LicenseRow:
    index: int  # into the snapshot's licenses
    texts: tuple[str, ...]
    blocked: bool  # an unpaid invoice is on it


def license_rows(snapshot: Snapshot | None) -> list[LicenseRow]:
    if snapshot is None:
        return []
    rows = []
    for i, (name, lic, unpaid) in enumerate(snapshot.licenses):
        rows.append(LicenseRow(i, (
            str(i + 1), lic.ip, lic.secondary_ip, str(lic.quantity),
            lic.expiry.isoformat() if lic.expiry else _("never"), lic.status, lic.order_id,
            lic.created[:10], lic.modified[:10],
            f"{name} {lic.plan}", f"{unpaid:.2f}" if unpaid else ""), bool(unpaid)))
    return rows


def status_text(host: str | None, snapshot: Snapshot | None, busy: bool,
                now: datetime) -> str:
    """Online or offline, and how old the prices are."""
    if busy:
        return _("Connecting to {host}…").format(host=host)
    if host is None or snapshot is None:
        return _("Offline: embedded catalogs")
    age = now - snapshot.fetched_at
    minutes = int(age.total_seconds() // 60)
    when = f"{snapshot.fetched_at:%Y-%m-%d %H:%M}" + (
        " " + _("({minutes} min ago)").format(minutes=minutes) if 0 <= minutes < 120 else "")
    if snapshot.cached:
        return _("Offline: cached store data from {when}").format(when=when)
    return _("Online: {host} · prices fetched {when}").format(host=host, when=when)
