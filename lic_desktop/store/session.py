"""One connection's work: fetch the catalog prices, a client's licenses and unpaid
invoices, cache them on disk, fall back to the cache when the store cannot be reached."""

from __future__ import annotations

import contextlib
import hashlib
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
from lic_desktop.store.address import API_PATH
from lic_desktop.store.blocking import UnpaidItem, blocking_items
from lic_desktop.store.client import StoreClient, StoreError, StoreRefusedError
from lic_desktop.store.clients import details_name
from lic_desktop.store.convert import (
    NotSoldError,
    StoreLicense,
    product_notes,
    store_catalog,
    store_licenses,
)
from lic_desktop.store.currency import (
    ClientCurrency,
    check_invoices,
    check_licenses,
    client_currency,
    fee_note,
    in_currency,
    priced_products,
)
from lic_desktop.store.fields import At, integer, need, records
from lic_desktop.store.paging import Progress, read_all
from lic_desktop.store.safe_text import host_label
from lic_desktop.store.upgrade_answer import UpgradeAnswer, options_answer, product_answer

CACHE_VERSION = 2  # 2: with the client's GetClientsDetails (its currency)
CACHE_MAX_BYTES = 64 * 1024 * 1024


@dataclass
class Snapshot:
    """What the store said, when, and whether it came from the cache."""

    fetched_at: datetime
    cached: bool
    catalogs: dict[str, Path] = field(default_factory=dict)  # catalog name -> TOML file
    licenses: list[tuple[str, StoreLicense, Decimal]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # what the cache could not rebuild
    currency: str = ""  # the client's (GetClientsDetails currency_code): every amount's
    # The unpaid invoice items blocking each license (by service id): renewals, upgrades.
    unpaid_items: dict[int, list[UnpaidItem]] = field(default_factory=dict)
    # What the store's products are to the catalogs: plans two products leave unpriced,
    # mapped pids the store lacks, products of no plan (store.products). Shown with the
    # licenses, not with a price check.
    notes: list[str] = field(default_factory=list)
    # The client's name as GetClientsDetails gives it ("Acme Hosting — Jane Doe"; "": none),
    # rebuilt from the raw answer in the cache like every other field.
    client_name: str = ""

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
        self.folder = cache_dir / cache_key(client.url, client.credentials.identifier)
        self.cache_problem = ""  # why the cached copy was discarded, if it was

    def fetch(self, client_id: int, cancelled: Callable[[], bool] = lambda: False,
              progress: Progress | None = None) -> Snapshot:
        """Everything for one client, live; when the store cannot be reached or its answer
        cannot be used, the cached copy (marked cached) if there is one, else the error.
        A store that answers with a refusal (a wrong or revoked secret, say) is not
        "offline": that error is raised. Only an answer that converted is cached. The
        client's services and invoices are read page by page, `progress` told of each."""
        try:
            raw = self._download(client_id, cancelled, progress)
            built = self._convert(raw)
        except StoreRefusedError:
            raise
        except StoreError as exc:
            cached = self.load_cached(client_id)
            if cached is None:
                if self.cache_problem:
                    raise StoreError(f"{exc} ({self.cache_problem})") from None
                raise
            cached.errors.insert(0, f"offline: {exc}")
            return cached
        snapshot = self._write(built, cached=False)
        write_atomically(self._cache_file(client_id), json.dumps(raw).encode())
        return snapshot

    def _download(self, client_id: int, cancelled: Callable[[], bool],
                  progress: Progress | None) -> dict[str, Any]:
        raw: dict[str, Any] = {"version": CACHE_VERSION, "fetched_at": self.now().isoformat(),
                               "client_id": client_id}
        if cancelled():
            raise StoreError("cancelled")
        # GetProducts has no limitstart/limitnum: it answers every product at once
        # (developers.whmcs.com/api-reference/getproducts).
        raw["GetProducts"] = self.client.call("GetProducts")
        # The client's currency (developers.whmcs.com/api-reference/getclientsdetails).
        raw["GetClientsDetails"] = self.client.call("GetClientsDetails", clientid=client_id)
        raw["GetClientsProducts"] = read_all(self.client, "GetClientsProducts",
                                             progress=progress, cancelled=cancelled,
                                             clientid=client_id)
        raw["GetInvoices"] = read_all(self.client, "GetInvoices", progress=progress,
                                      cancelled=cancelled, userid=client_id,
                                      status="Unpaid")
        raw["GetInvoice"] = []
        for at, invoice in records(raw["GetInvoices"].get("invoices"), At("GetInvoices"),
                                   "invoices", "invoice"):
            if cancelled():
                raise StoreError("cancelled")
            number = integer(need(invoice, "id", at), at.key("id"), minimum=1)
            raw["GetInvoice"].append(self.client.call("GetInvoice", invoiceid=number))
        return raw

    def _convert(self, raw: dict[str, Any]) -> _Built:
        """The answers as catalogs and licenses, nothing written yet: a StoreError naming
        the field when a value does not fit (also for a cache file that does not)."""
        try:
            return self._convert_checked(raw)
        except StoreError:
            raise
        except (ArithmeticError, ValueError, TypeError, KeyError, AttributeError,
                IndexError, RecursionError) as exc:  # a mismatch the checks did not name
            raise StoreError(f"the store's answers do not fit together "
                             f"({type(exc).__name__}: {exc})") from None

    def _convert_checked(self, raw: dict[str, Any]) -> _Built:
        fetched = _moment(raw.get("fetched_at"))
        invoices = raw.get("GetInvoice", [])
        if not isinstance(invoices, list):
            raise StoreError("the cached GetInvoice answers are not a list")
        currency, items, notes = self._client_money(raw, invoices)
        owed = {sid: sum((i.amount for i in found), Decimal(0))
                for sid, found in items.items()}
        host = host_label(self.client.url)
        built = _Built(fetched, errors=notes, currency=currency.code, unpaid_items=items)
        for base in self.bases:
            # Catalog data, kept in the cached catalog file: written in one language (as
            # the embedded catalogs' notes are), not in whichever the UI spoke then.
            note = f"Prices from {host}, fetched {fetched:%Y-%m-%d %H:%M}."
            path = self.folder / f"{base.name}.toml"
            products, unsold = priced_products(base, _answer(raw, "GetProducts"), currency)
            built.errors.extend(unsold)
            try:
                _, pids, data = store_catalog(in_currency(base, currency), products,
                                              str(path), self.currency_digits, note)
            except NotSoldError as exc:  # a store of other vendors: a note, not a fault
                built.errors.append(f"{base.title}: {exc}")
                continue
            built.catalogs[base.name] = (path, data)
            services = _answer(raw, "GetClientsProducts")
            found = store_licenses(base, pids, services, skipped=built.errors)
            check_licenses(found, services, currency)
            if any(base.cycles[lic.cycle].perpetual for lic in found):  # owned: the fee
                built.errors.extend(filter(None, [fee_note(base, currency)]))
            for lic in found:
                built.licenses.append((base.name, lic, owed.get(lic.service_id,
                                                                Decimal(0))))
        built.notes = product_notes(self.bases, _answer(raw, "GetProducts"))
        built.client_name = details_name(_answer(raw, "GetClientsDetails"))
        return built

    def _client_money(self, raw: dict[str, Any], invoices: list[Any]) \
            -> tuple[ClientCurrency, dict[int, list[UnpaidItem]], list[str]]:
        """The client's currency, its unpaid invoices checked to be in it (one in another
        is refused by its number), and the items blocking each license."""
        currency = client_currency(_answer(raw, "GetClientsDetails"), self.currency_digits)
        client = raw.get("client_id")
        check_invoices(_answer(raw, "GetInvoices"), currency,
                       client if isinstance(client, int) else 0)
        items, notes = blocking_items(invoices, _answer(raw, "GetClientsProducts"), currency)
        return currency, items, notes

    def _write(self, built: _Built, cached: bool) -> Snapshot:
        """The converted catalogs written as files; the snapshot that quotes from them."""
        snapshot = Snapshot(built.fetched_at, cached, licenses=built.licenses,
                            errors=built.errors, currency=built.currency,
                            unpaid_items=built.unpaid_items, notes=built.notes)
        snapshot.client_name = built.client_name
        for name, (path, data) in built.catalogs.items():
            write_atomically(path, tomli_w.dumps(data).encode())
            snapshot.catalogs[name] = path
        return snapshot

    def _cache_file(self, client_id: int) -> Path:
        return self.folder / f"client-{client_id}.json"

    def load_cached(self, client_id: int) -> Snapshot | None:
        """The cached copy, or None. A damaged cache file is removed (and `cache_problem`
        says so): the next good answer writes a new one."""
        self.cache_problem = ""
        path = self._cache_file(client_id)
        try:
            if not path.is_file():
                return None
            if path.stat().st_size > CACHE_MAX_BYTES:
                raise StoreError("it is too large")
            raw = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(raw, dict) or raw.get("version") != CACHE_VERSION:
                raise StoreError("it is not a cache file of this version")
            return self._write(self._convert(raw), cached=True)
        except (OSError, ValueError, RecursionError, StoreError) as exc:
            with contextlib.suppress(OSError):
                path.unlink()
            reason = str(exc) if isinstance(exc, StoreError) else type(exc).__name__
            self.cache_problem = f"the cached copy could not be read ({reason}) and was removed"
            return None

    def store_price(self, lic: StoreLicense, catalog: Catalog, *, new_pid: int | None,
                    new_cycle: str | None, new_quantity: int | None) -> UpgradeAnswer:
        """The store's own upgrade price (UpgradeProduct, calconly) and what it counted
        (store.upgrade_answer reads the answer)."""
        more_units = new_quantity is not None and new_quantity != lic.quantity
        if more_units and lic.quantity_option is not None:
            answer = self.client.call(
                "UpgradeProduct", serviceid=lic.service_id, type="configoptions",
                calconly=True, **{f"configoptions[{lic.quantity_option}]": new_quantity})
            label = in_sentence(catalog.text_in("quantity_label", language()) or _("units"),
                                language())  # the UI's language: "servers", de "Server"
            return options_answer(answer, catalog.currency, catalog.digits,
                                  f"{lic.quantity} → {new_quantity} {label}")
        answer = self.client.call(
            "UpgradeProduct", serviceid=lic.service_id, type="product", calconly=True,
            newproductid=new_pid if new_pid is not None else lic.pid,
            newproductbillingcycle=new_cycle or "monthly", paymentmethod="banktransfer")
        return product_answer(answer, catalog.currency, catalog.digits)


@dataclass
class _Built:
    """Converted answers, before anything is written."""

    fetched_at: datetime
    catalogs: dict[str, tuple[Path, dict[str, Any]]] = field(default_factory=dict)
    licenses: list[tuple[str, StoreLicense, Decimal]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    currency: str = ""
    unpaid_items: dict[int, list[UnpaidItem]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    client_name: str = ""


DEFAULT_PORTS = {"http": 80, "https": 443}


def cache_key(url: str, identifier: str) -> str:
    """The cache folder's name for one store: a readable prefix (host, port, path,
    identifier) and, always, a hash of the exact (scheme, host, port, path, identifier):
    two stores or identifiers never share a folder, whatever their characters (the
    prefix alone would: "shop_a" + "x" and "shop" + "a_x"). No password from the address."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or DEFAULT_PORTS.get(parts.scheme, 0)
    path = parts.path.removesuffix(API_PATH).strip("/")
    exact = json.dumps([parts.scheme, host, port, path, identifier])
    readable = "_".join(part for part in (host, str(port), path, identifier) if part)
    prefix = "".join(c if c.isascii() and (c.isalnum() or c in "-.") else "_"
                     for c in readable)[:80]
    return f"{prefix}-{hashlib.sha256(exact.encode()).hexdigest()[:16]}"


def _answer(raw: dict[str, Any], action: str) -> dict[str, Any]:
    value = raw.get(action)
    if not isinstance(value, dict):
        raise StoreError(f"the {action} answer is missing")
    return value


def _moment(value: Any) -> datetime:
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        raise StoreError(f"the fetch time {value!r} is not a date") from None
