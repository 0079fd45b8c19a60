"""One connection's work: fetch the catalog prices, a client's licenses and unpaid
invoices, cache them on disk, fall back to the cache when the store cannot be reached."""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import tomli_w

from lic_desktop import atomic_write
from lic_desktop.core.catalog import Catalog, CurrencyDigits
from lic_desktop.core.scenario import Scenario
from lic_desktop.core.text import _, in_sentence, language
from lic_desktop.store.client import StoreClient, StoreError, StoreRefusedError
from lic_desktop.store.convert import (
    StoreLicense,
    parse_price,
    rows,
    store_catalog,
    store_licenses,
    unpaid_by_license,
)

CACHE_VERSION = 1


@dataclass
class Snapshot:
    """What the store said, when, and whether it came from the cache."""

    fetched_at: datetime
    cached: bool
    catalogs: dict[str, Path] = field(default_factory=dict)  # catalog name -> TOML file
    licenses: list[tuple[str, StoreLicense, Decimal]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # what the cache could not rebuild

    def scenario(self, index: int, at: datetime) -> Scenario:
        """A license as the inputs of a quote at `at` (its unpaid amount included)."""
        name, lic, unpaid = self.licenses[index]
        return Scenario(catalog=str(self.catalogs[name]), plan=lic.plan, cycle=lic.cycle,
                        start=lic.start, at=max(at, lic.start), quantity=lic.quantity,
                        paid=lic.paid, pending=unpaid or None, ip=lic.ip,
                        secondary_ip=lic.secondary_ip, anchor=lic.anchor,
                        to_plan=lic.plan, to_quantity=lic.quantity, to_cycle=lic.cycle)


def write_atomically(path: Path, data: bytes) -> None:
    """The cache file replaced whole (atomic_write), its folder made if need be; a
    failure is an atomic_write.WriteError naming the file. A client's licenses and
    invoices are for the user's eyes only: a new cache file is 0600."""
    with suppress(OSError):  # else atomic_write names the folder that is missing
        path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write.write_bytes(path, data, new_mode=0o600)


class StoreSession:
    def __init__(self, client: StoreClient, bases: list[Catalog], cache_dir: Path,
                 currency_digits: CurrencyDigits,
                 now: Callable[[], datetime] = datetime.now) -> None:
        self.client, self.bases, self.now = client, bases, now
        self.currency_digits = currency_digits
        parts = urlsplit(client.url)
        key = f"{parts.hostname}_{parts.port or ''}_{client.credentials.identifier}"
        self.folder = cache_dir / "".join(c if c.isalnum() or c in "-_." else "_" for c in key)

    def fetch(self, client_id: int, cancelled: Callable[[], bool] = lambda: False) -> Snapshot:
        """Everything for one client, live; when the store cannot be reached, the cached
        copy (marked cached) if there is one, else the error. A store that answers with a
        refusal (a wrong or revoked secret, say) is not "offline": that error is raised."""
        try:
            raw = self._download(client_id, cancelled)
        except StoreRefusedError:
            raise
        except StoreError as exc:
            cached = self.load_cached(client_id)
            if cached is None:
                raise
            cached.errors.insert(0, f"offline: {exc}")
            return cached
        snapshot = self._build(raw, cached=False)  # a bad answer is refused before caching
        write_atomically(self._cache_file(client_id), json.dumps(raw).encode())
        return snapshot

    def _download(self, client_id: int, cancelled: Callable[[], bool]) -> dict[str, Any]:
        steps: list[tuple[str, dict[str, Any]]] = [
            ("GetProducts", {}),
            ("GetClientsProducts", {"clientid": client_id, "limitnum": 1000}),
            ("GetInvoices", {"userid": client_id, "status": "Unpaid", "limitnum": 1000}),
        ]
        raw: dict[str, Any] = {"version": CACHE_VERSION, "fetched_at": self.now().isoformat(),
                               "client_id": client_id}
        for action, params in steps:
            if cancelled():
                raise StoreError("cancelled")
            raw[action] = self.client.call(action, **params)
        raw["GetInvoice"] = []
        for invoice in rows(raw["GetInvoices"].get("invoices"), "invoice"):
            if cancelled():
                raise StoreError("cancelled")
            raw["GetInvoice"].append(self.client.call("GetInvoice", invoiceid=invoice["id"]))
        return raw

    def _build(self, raw: dict[str, Any], cached: bool) -> Snapshot:
        fetched = datetime.fromisoformat(str(raw["fetched_at"]))
        snapshot = Snapshot(fetched, cached)
        owed = unpaid_by_license(raw.get("GetInvoice", []))
        host = urlsplit(self.client.url).netloc
        for base in self.bases:
            # Catalog data, kept in the cached catalog file: written in one language (as
            # the embedded catalogs' notes are), not in whichever the UI spoke then.
            note = f"Prices from {host}, fetched {fetched:%Y-%m-%d %H:%M}."
            path = self.folder / f"{base.name}.toml"
            try:
                catalog, pids, data = store_catalog(base, raw["GetProducts"], str(path),
                                                    self.currency_digits, note)
            except StoreError as exc:
                snapshot.errors.append(f"{base.title}: {exc}")
                continue
            del catalog
            write_atomically(path, tomli_w.dumps(data).encode())
            snapshot.catalogs[base.name] = path
            for lic in store_licenses(base, pids, raw["GetClientsProducts"]):
                snapshot.licenses.append((base.name, lic, owed.get(lic.service_id,
                                                                   Decimal(0))))
        return snapshot

    def _cache_file(self, client_id: int) -> Path:
        return self.folder / f"client-{client_id}.json"

    def load_cached(self, client_id: int) -> Snapshot | None:
        path = self._cache_file(client_id)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(raw, dict) or raw.get("version") != CACHE_VERSION:
            return None
        try:
            return self._build(raw, cached=True)
        except (StoreError, KeyError, ValueError):
            return None

    def store_price(self, lic: StoreLicense, catalog: Catalog, *, new_pid: int | None,
                    new_cycle: str | None, new_quantity: int | None) -> tuple[Decimal, str]:
        """The store's own upgrade price (UpgradeProduct, calconly) and what it counted."""
        more_units = new_quantity is not None and new_quantity != lic.quantity
        if more_units and lic.quantity_option is not None:
            answer = self.client.call(
                "UpgradeProduct", serviceid=lic.service_id, type="configoptions",
                calconly=True, **{f"configoptions[{lic.quantity_option}]": new_quantity})
            price = parse_price(answer.get("total"), catalog.currency, catalog.digits)
            label = in_sentence(catalog.text_in("quantity_label", language()) or _("units"),
                                language())  # the UI's language: "servers", de "Server"
            return price, f"{lic.quantity} → {new_quantity} {label}"
        answer = self.client.call(
            "UpgradeProduct", serviceid=lic.service_id, type="product", calconly=True,
            newproductid=new_pid if new_pid is not None else lic.pid,
            newproductbillingcycle=new_cycle or "monthly", paymentmethod="banktransfer")
        if "price" not in answer:
            raise StoreError("the store's upgrade answer has no 'price' field")
        price = parse_price(answer["price"], catalog.currency, catalog.digits)
        days = answer.get("daysuntilrenewal")
        total = answer.get("totaldays")
        if days is None:
            return price, ""
        return price, _("{days} of {total} days until the renewal").format(days=days,
                                                                            total=total)
