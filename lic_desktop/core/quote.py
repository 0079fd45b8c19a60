"""The inputs and the result of a quote, and the one entry point `make_quote`."""

from __future__ import annotations

import functools
import hashlib
import ipaddress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from lic_desktop.core import numbers
from lic_desktop.core.catalog import Catalog
from lic_desktop.core.money import Money, prorate
from lic_desktop.core.periods import MINUTE, InputError, Period, add_months, bracket
from lic_desktop.core.text import _, in_sentence, language


class ChangeKind(StrEnum):
    UPGRADE = "upgrade"
    DOWNGRADE = "downgrade"
    CYCLE_CHANGE = "cycle_change"
    TO_OWNED = "to_owned"
    OWNED_UPGRADE = "owned_upgrade"
    OWNED_TO_LEASED = "owned_to_leased"
    NONE = "none"


class Reason(StrEnum):
    """Why a quote is blocked or has nothing to order; the presenters word them."""

    PENDING_INVOICE = "pending_invoice"
    OWNED_DOWNGRADE_REFUSED = "owned_downgrade_refused"
    NOTHING_CHANGES = "nothing_changes"
    NEEDS_APPROVAL = "needs_approval"


MAX_QUANTITY = numbers.MAX_QUANTITY  # a sanity bound for any per-unit plan, the parser's too
FIRST_YEAR, LAST_YEAR = 1970, 9000  # dates outside are typing mistakes, not licenses


def minute(moment: datetime) -> datetime:
    """C1: the engine works to the minute."""
    if moment.second or moment.microsecond:
        return moment.replace(second=0, microsecond=0)
    return moment


def check_moment(field: str, moment: datetime) -> datetime:
    """A wall-clock date-time to the minute (C1), within years the engine can count on."""
    if moment.tzinfo is not None:
        raise InputError(field, _("must be a wall-clock time in the store's zone, without a "
                                  "time-zone offset"))
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise InputError(field, _("year {year} is outside {first}-{last}")
                         .format(year=moment.year, first=FIRST_YEAR, last=LAST_YEAR))
    return minute(moment)


@dataclass(frozen=True, slots=True)
class License:
    """A license as it stands: what was bought, when its period started, what was paid."""

    catalog: Catalog
    plan: str
    cycle: str
    start: datetime
    quantity: int = 1
    paid: Money | None = None  # None: the catalog price of the plan and cycle
    pending: Money | None = None  # an unpaid invoice on the license
    ip: str = ""
    secondary_ip: str = ""
    auto_renew: bool = False
    # The first period's start when `start` is a renewal: renewals stay anchored on it
    # (C2: Jan 31 -> Feb 28 -> Mar 31). None: `start` is the anchor.
    anchor: datetime | None = None
    customer: str = ""  # who the quote is for: shown on the quote document
    _period: Period | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", check_moment("start", self.start))
        if self.anchor is not None:
            object.__setattr__(self, "anchor", check_moment("anchor", self.anchor))
            if self.anchor > self.start:
                raise InputError("anchor", _("{anchor} is after the period start {start}")
                                 .format(anchor=f"{self.anchor:%Y-%m-%d %H:%M}",
                                         start=f"{self.start:%Y-%m-%d %H:%M}"))
        check_offer(self.catalog, self.plan, self.quantity, self.cycle, "")
        for name in ("ip", "secondary_ip"):
            object.__setattr__(self, name, check_ip(name, getattr(self, name)))
        for name, value in (("paid", self.paid), ("pending", self.pending)):
            if value is not None:
                check_money(self.catalog, name, value)
        if self.paid is None:
            price = self.catalog.period_price(self.plan, self.quantity, self.cycle)
            object.__setattr__(self, "paid", price)
        if self.owned:
            period = None
        else:
            months = self.catalog.cycles[self.cycle].months
            if self.anchor is not None:
                check_renewal(self.anchor, months, self.start)
            period = period_of(self.start, months, self.anchor)
        object.__setattr__(self, "_period", period)

    @property
    def amount_paid(self) -> Money:
        assert self.paid is not None  # set in __post_init__
        return self.paid

    @property
    def owned(self) -> bool:
        return self.catalog.cycles[self.cycle].perpetual

    @property
    def period(self) -> Period | None:
        """The current billing period; an owned license has none."""
        return self._period

    def next_period(self, months: int) -> Period:
        """The period after the current one, `months` long, still anchored on the first
        period's day (C2: a Jan 31 license renewed on Feb 28 runs to Mar 31)."""
        period = self.period
        assert period is not None, "an owned license has no next period"
        anchor = self.anchor or self.start
        cycle_months = self.catalog.cycles[self.cycle].months
        elapsed, _, _ = bracket(anchor, cycle_months, period.end)
        return Period(period.end, add_months(anchor, elapsed * cycle_months + months))

    @property
    def unpaid(self) -> Money:
        return self.pending or Money.zero(self.catalog.currency)


@dataclass(frozen=True, slots=True)
class ChangeRequest:
    plan: str
    cycle: str
    at: datetime
    quantity: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", check_moment("at", self.at))


def check_renewal(anchor: datetime, months: int, start: datetime) -> None:
    """`start` must be the anchor or one of its renewals (anchor + k cycles, C2's month
    ends kept): any other start would build a period of the wrong length (Mar 30 is no
    renewal of Jan 31: that license renews Feb 29, then Mar 31)."""
    _count, before, after = bracket(anchor, months, start + MINUTE)
    if before != start:
        raise InputError("anchor", _(
            "{start} is not a renewal of the first period start {anchor}: that license "
            "renews on {before}, then {after}; give one of those as the period start, or "
            "leave the first period start empty").format(
                start=f"{start:%Y-%m-%d %H:%M}", anchor=f"{anchor:%Y-%m-%d %H:%M}",
                before=f"{before:%Y-%m-%d %H:%M}", after=f"{after:%Y-%m-%d %H:%M}"))


def period_of(start: datetime, months: int, anchor: datetime | None = None) -> Period:
    """The billing period from `start`; with an earlier `anchor` (the first period's start)
    it ends on the first anchored renewal date after `start` (C2)."""
    if anchor is None or anchor == start:
        return Period.of_months(start, months)
    _, _, end = bracket(anchor, months, start + MINUTE)
    return Period(start, end)


def check_offer(catalog: Catalog, plan: str, quantity: int, cycle: str, prefix: str) -> None:
    """Raise InputError unless the catalog sells this plan, quantity and cycle."""
    if plan not in catalog.plans:
        raise InputError(f"{prefix}plan", _("{plan!r} is not a plan of {catalog} (plans: "
                                            "{plans})")
                         .format(plan=plan, catalog=catalog.name,
                                 plans=", ".join(catalog.plans)))
    if cycle not in catalog.cycles:
        raise InputError(f"{prefix}cycle", _("{cycle!r} is not a billing cycle of {catalog} "
                                             "(cycles: {cycles})")
                         .format(cycle=cycle, catalog=catalog.name,
                                 cycles=", ".join(catalog.cycles)))
    if not catalog.sells(plan, cycle):
        raise InputError(f"{prefix}cycle", _("{plan} is not sold {cycle} (sold: {sold})")
                         .format(plan=catalog.plans[plan].label_in(language()), cycle=cycle,
                                 sold=", ".join(catalog.cycles_for(plan))))
    p = catalog.plans[plan]
    label = in_sentence(catalog.text_in("quantity_label", language()) or _("quantity"),
                        language())
    # Field names are the scenario's keys ("to_plan"), so each front end can point at its own
    # control or option.
    if not p.per_unit and quantity != 1:
        raise InputError(f"{prefix}quantity", _("{plan} is one license; quantity must be 1")
                         .format(plan=p.label_in(language())))
    if quantity < p.min_quantity:
        raise InputError(f"{prefix}quantity", _("{label} must be at least {least}")
                         .format(label=label, least=p.min_quantity))
    most = min(p.max_quantity or MAX_QUANTITY, MAX_QUANTITY)
    if quantity > most:
        raise InputError(f"{prefix}quantity", _("{label} must be at most {most}")
                         .format(label=label, most=f"{most:,}"))


def check_ip(field: str, text: str) -> str:
    """An IPv4 or IPv6 address, or nothing."""
    address = text.strip()
    if address and not _is_ip(address):
        raise InputError(field, _("{text!r} is not an IP address such as 172.23.44.240")
                         .format(text=text))
    return address


@functools.lru_cache(maxsize=4096)  # a license book repeats its servers' addresses
def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def check_money(catalog: Catalog, name: str, value: Money) -> None:
    if value.currency != catalog.currency:
        raise InputError(name, _("must be in {currency}, the catalog's currency")
                         .format(currency=catalog.currency))
    if value.is_negative():
        raise InputError(name, _("must not be negative"))
    if value != catalog.rounded(value):
        raise InputError(name, _("has more than {digits} decimals for {currency}")
                         .format(digits=catalog.digits, currency=catalog.currency))


@dataclass(frozen=True, slots=True)
class Billing:
    """A "Current billing" pane: the amount of one period and how much of it is left.

    An owned license has no period: end and the day counts are None.
    """

    amount: Money
    start: datetime
    end: datetime | None
    days_total: int | None
    days_used: int | None
    days_remaining: int | None
    amount_remaining: Money | None

    @classmethod
    def at(cls, amount: Money, period: Period, moment: datetime, digits: int) -> Billing:
        """The billing of `period` as it stands at `moment` (C4, C6)."""
        used, total = period.days_used(moment), period.days_total
        remaining = total - used
        amount_remaining = prorate(amount, remaining, total, digits)
        return cls(amount, period.start, period.end, total, used, remaining, amount_remaining)

    @classmethod
    def owned(cls, amount: Money, start: datetime) -> Billing:
        return cls(amount, start, None, None, None, None, None)


@dataclass(frozen=True, slots=True)
class Order:
    type: str
    plan: str
    quantity: int
    cycle: str
    amount: Money  # the price of what is ordered, one period
    grand_total: Money
    deduction: Money  # deducted, as a positive amount; the pane shows it negative
    first_bill_amount: Money
    account_credit: Money
    due_now: Money
    effective: datetime
    created: datetime
    refund_estimate: Money | None = None


@dataclass(frozen=True, slots=True)
class Invoice:
    date: datetime
    amount: Money


@dataclass(frozen=True, slots=True)
class Quote:
    license: License
    request: ChangeRequest
    change: ChangeKind
    current_billing: Billing
    order: Order
    new_billing: Billing | None
    next_invoice: Invoice | None
    processes: int | None
    reasons: tuple[Reason, ...] = ()
    blocked: bool = False
    new_serial: bool = False
    total_due: Money = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "total_due", self.order.due_now + self.license.unpaid)

    @property
    def catalog(self) -> Catalog:
        return self.license.catalog

    @property
    def policy(self) -> str:
        return self.catalog.policy

    @property
    def order_id(self) -> str:
        """The order's id, worked out when shown (a batch of thousands never needs it)."""
        lic, req = self.license, self.request
        return order_id(req.at, lic.catalog.name, lic.plan, lic.quantity, lic.cycle,
                        lic.start, lic.amount_paid.amount.normalize(), req.plan, req.quantity,
                        req.cycle, lic.ip)


def order_id(created: datetime, *parts: object) -> str:
    """24 hex digits, the first 8 the creation time in seconds (as the portal's ids are).

    The rest is a digest of the inputs, so the same quote always gets the same id.
    """
    seconds = max(0, int(created.replace(tzinfo=UTC).timestamp()))
    digest = hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()
    return f"{seconds:08x}"[-8:] + digest[:16]
