"""Turn a Quote into the rows of the portal's panes (SPEC.md, "The panes"). Qt-free.

Labels, their order and the value shapes are the portal's; the GUI's table models, the
CLI's text output and the quote document all read these rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from lic_desktop.core.money import Money
from lic_desktop.core.quote import Billing, ChangeKind, Quote, Reason
from lic_desktop.l10n import N_, Formatter, _
from lic_desktop.present import catalog_words as words

LSWS_COMMANDS = ("/usr/local/lsws/bin/lshttpd -r", "/usr/local/lsws/bin/lswsctrl restart")


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    value: str
    key: str  # a stable id for tests, styling and the JSON output
    raw: object = None  # the unformatted value, for sorting and charts


@dataclass(frozen=True, slots=True)
class Notice:
    text: str
    blocking: bool = False  # the change cannot be made as quoted


@dataclass(frozen=True, slots=True)
class Pane:
    title: str
    rows: tuple[Row, ...]
    notices: tuple[Notice, ...] = field(default=())
    placeholder: str = ""  # shown instead of rows when there are none

    def text(self) -> str:
        """The title, then "Label<TAB>Value" lines (or the placeholder)."""
        lines = [f"{r.label}\t{r.value}" for r in self.rows] or \
            ([self.placeholder] if self.placeholder else [])
        return "\n".join([self.title, *lines])


CURRENT_BILLING = N_("Current billing")
ORDER_DETAILS = N_("Order details")
AFTER_CHANGE = N_("Current billing after the change")


def billing_rows(billing: Billing, fmt: Formatter, digits: int) -> tuple[Row, ...]:
    rows = [
        Row(_("Amount"), fmt.money(billing.amount), "amount", billing.amount),
        Row(_("Start date"), fmt.date(billing.start), "start_date", billing.start),
    ]
    if billing.end is None:
        rows.append(Row(_("End date"), _("never (owned license)"), "end_date", None))
        return tuple(rows)
    assert billing.amount_remaining is not None
    formula = (f"{fmt.number(billing.amount.amount, digits)} * "
               f"({billing.days_remaining} / {billing.days_total}) = "
               f"{fmt.money(billing.amount_remaining)}")
    rows += [
        Row(_("End date"), fmt.date(billing.end), "end_date", billing.end),
        Row(_("Days total"), str(billing.days_total), "days_total", billing.days_total),
        Row(_("Days used"), str(billing.days_used), "days_used", billing.days_used),
        Row(_("Days remaining"), str(billing.days_remaining), "days_remaining",
            billing.days_remaining),
        Row(_("Amount remaining"), formula, "amount_remaining", billing.amount_remaining),
    ]
    return tuple(rows)


def reason_text(quote: Quote, reason: Reason, fmt: Formatter) -> str:
    cat, lic = quote.catalog, quote.license
    if reason is Reason.PENDING_INVOICE:
        return _("Blocked: an unpaid invoice of {unpaid} must be paid before the license "
                 "can change. Total due: {total}.").format(unpaid=fmt.money(lic.unpaid),
                                                          total=fmt.money(quote.total_due))
    if reason is Reason.OWNED_DOWNGRADE_REFUSED:
        return _("Refused: owned licenses can only be upgraded, and {new} is cheaper than "
                 "{old}.").format(new=words.plan_label(cat, quote.request.plan, fmt),
                                  old=words.plan_label(cat, lic.plan, fmt))
    if reason is Reason.NOTHING_CHANGES:
        return _("Nothing changes: the new plan and billing cycle are the current ones.")
    return _("Owned to leased goes through the vendor's license department: the refund is "
             "an estimate, subject to approval.")


BLOCKING = frozenset({Reason.PENDING_INVOICE, Reason.OWNED_DOWNGRADE_REFUSED})


def notices(quote: Quote, fmt: Formatter) -> tuple[Notice, ...]:
    texts = [Notice(reason_text(quote, r, fmt), r in BLOCKING) for r in quote.reasons]
    period = quote.license.period
    if quote.change is ChangeKind.TO_OWNED and period is not None:
        texts.append(Notice(_("The leased license is cancelled at the end of its period "
                              "({end}), with no refund; the owned license has a new "
                              "serial.").format(end=fmt.date(period.end))))
    return tuple(texts)


# The portal's order types, which en_US shows as the portal writes them.
ORDER_TYPES = {"update": N_("update"), "upgrade": N_("upgrade"), "downgrade": N_("downgrade"),
               "cycle change": N_("cycle change"), "new": N_("new"),
               "refund request": N_("refund request"), "none": N_("none")}


def order_type(kind: str, fmt: Formatter) -> str:
    """The order's Type: "update" in en_US, as the portal writes it; translated elsewhere
    (de "Aktualisierung")."""
    return kind if fmt.portal or kind not in ORDER_TYPES else _(ORDER_TYPES[kind])


def no_order_text(quote: Quote, fmt: Formatter) -> str:
    """Why nothing can be ordered ("No order: ..."); "" when there is an order, or when
    nothing changes (the pane's notice says so)."""
    if quote.order.type != "none":
        return ""
    cat, lic = quote.catalog, quote.license
    if Reason.OWNED_DOWNGRADE_REFUSED in quote.reasons:
        return _("No order: owned licenses can only be upgraded, and {new} is cheaper than "
                 "{old}.").format(new=words.plan_label(cat, quote.request.plan, fmt),
                                  old=words.plan_label(cat, lic.plan, fmt))
    return ""  # nothing changes: the order pane's notice says so


def order_rows(quote: Quote, fmt: Formatter) -> tuple[Row, ...]:
    """The order's lines; none when nothing can be ordered (see no_order_text)."""
    cat, lic, order = quote.catalog, quote.license, quote.order
    if order.type == "none":  # no order, but what is still due stays on the pane
        return (*_next_invoice_rows(quote, fmt), *_unpaid_rows(quote, fmt))
    digits = cat.digits
    rows = [
        Row(_("ID"), quote.order_id, "id", quote.order_id),
        Row(_("Created"), fmt.created(order.created), "created", order.created),
        Row(_("IP"), lic.ip, "ip", lic.ip),
    ]
    if lic.secondary_ip:
        rows.append(Row(_("Secondary IP"), lic.secondary_ip, "secondary_ip", lic.secondary_ip))
    rows.append(Row(_("Type"), order_type(order.type, fmt), "type", order.type))
    if cat.plans[order.plan].per_unit:
        rows.append(Row(words.quantity_label(cat, fmt), str(order.quantity), "quantity",
                        order.quantity))
    else:
        rows.append(Row(_("Plan"), words.plan_label(cat, order.plan, fmt), "plan", order.plan))
    cycle = cat.cycles[order.cycle]
    # The portal writes "1 months"; en_US copies it to the letter, other languages need
    # their own singular.
    if cycle.perpetual:
        cycle_text = _("owned")
    elif cycle.months == 1 and not fmt.portal:
        cycle_text = _("1 month")
    else:
        cycle_text = _("{months} months").format(months=cycle.months)
    rows += [
        Row(_("Billing cycle"), cycle_text, "billing_cycle", cycle.months),
        Row(_("Amount"), fmt.money_plain(order.amount, digits), "amount", order.amount),
    ]
    rows += (_reset_money_rows if cat.policy == "reset" else _difference_rows)(quote, fmt)
    rows += [
        Row(_("Auto renew"), _("enabled") if lic.auto_renew else _("disabled"), "auto_renew",
            lic.auto_renew),
        Row(_("Status"), _("blocked") if quote.blocked else _("active"), "status",
            not quote.blocked),
    ]
    rows += _unpaid_rows(quote, fmt)
    return tuple(rows)


def _unpaid_rows(quote: Quote, fmt: Formatter) -> list[Row]:
    unpaid = quote.license.unpaid
    if not unpaid:
        return []
    return [Row(_("Unpaid invoice"), fmt.money(unpaid), "pending", unpaid),
            Row(_("Total due"), fmt.money(quote.total_due), "total_due", quote.total_due)]


def _next_invoice_rows(quote: Quote, fmt: Formatter) -> list[Row]:
    inv = quote.next_invoice
    if inv is None:
        return []
    return [Row(_("Next invoice"), f"{fmt.date(inv.date)}: {fmt.money(inv.amount)}",
                "next_invoice", inv.amount)]


def _money_row(label: str, value: Money, key: str, fmt: Formatter) -> Row:
    return Row(label, fmt.money(value), key, value)


def _reset_money_rows(quote: Quote, fmt: Formatter) -> list[Row]:
    order = quote.order
    rows = [
        _money_row(_("Grand total"), order.grand_total, "grand_total", fmt),
        _money_row(_("Deduction"), -order.deduction, "deduction", fmt),
        _money_row(_("First bill amount"), order.first_bill_amount, "first_bill_amount", fmt),
    ]
    if order.account_credit:
        rows.append(_money_row(_("Account credit"), order.account_credit, "account_credit", fmt))
    return rows


def _difference_rows(quote: Quote, fmt: Formatter) -> list[Row]:
    order = quote.order
    rows = []
    if order.deduction and not order.account_credit:
        # An owned upgrade: the old owned price is deducted from the new one.
        rows.append(_money_row(_("Deduction"), -order.deduction, "deduction", fmt))
    rows.append(_money_row(_("Charged now"), order.due_now, "due_now", fmt))
    if order.account_credit:
        rows.append(_money_row(_("Account credit"), order.account_credit, "account_credit", fmt))
    if order.refund_estimate is not None:
        rows.append(Row(_("Refund estimate"), _("{amount} (subject to approval)").format(
            amount=fmt.money(order.refund_estimate)), "refund_estimate", order.refund_estimate))
    rows.append(Row(_("Effective date"), fmt.date(order.effective), "effective_date",
                    order.effective))
    rows += _next_invoice_rows(quote, fmt)
    if quote.new_serial:
        rows.append(Row(_("Serial"), _("new"), "serial", "new"))
    if quote.processes is not None and order.type != "none":
        rows.append(Row(_("lshttpd processes"), str(quote.processes), "processes",
                        quote.processes))
        if order.effective == order.created:  # the key changes now, not at the renewal
            rows += [
                Row(_("Fetch the new key now"), LSWS_COMMANDS[0], "command_refresh", None),
                Row(_("Then restart"), LSWS_COMMANDS[1], "command_restart", None),
                Row(_("Otherwise"), _("the license key updates by itself within one day"),
                    "key_update", None),
            ]
    return rows


def quote_panes(quote: Quote, fmt: Formatter) -> tuple[Pane, Pane, Pane]:
    digits = quote.catalog.digits
    before = Pane(_(CURRENT_BILLING), billing_rows(quote.current_billing, fmt, digits))
    order = Pane(_(ORDER_DETAILS), order_rows(quote, fmt), notices(quote, fmt),
                 no_order_text(quote, fmt))
    after_rows = () if quote.new_billing is None else billing_rows(quote.new_billing, fmt, digits)
    after = Pane(_(AFTER_CHANGE), after_rows, placeholder=_("(no change)"))
    return before, order, after


def _unbroken(text: str) -> str:
    """Keep a date or an amount on one line when the headline wraps."""
    return text.replace(" ", "\u00a0")


def headline(quote: Quote, fmt: Formatter) -> str:
    """The answer in one line, above the panes: what is due now and when the new period
    ends (and from when, if not at once); for a blocked change, what must be paid first
    and the total; for a refused one, that it is refused. Short, the most telling part
    first: a narrow window elides the end."""
    order, lic = quote.order, quote.license

    def money(value: Money) -> str:
        return _unbroken(fmt.money(value))

    def date(value: datetime) -> str:
        return _unbroken(fmt.date(value))

    unpaid = [_("due now {amount}: the unpaid invoice").format(amount=money(lic.unpaid))] \
        if lic.unpaid else [_("nothing to pay")]
    if Reason.OWNED_DOWNGRADE_REFUSED in quote.reasons:
        return " · ".join([_("Refused: owned licenses can only be upgraded"), *unpaid])
    if order.type == "none":
        if quote.total_due:  # nothing is ordered, but an unpaid invoice is still owed
            return _("Due now {amount}: the unpaid invoice; no change is ordered").format(
                amount=money(quote.total_due))
        return _("Nothing to pay: no change is ordered")

    if Reason.PENDING_INVOICE in quote.reasons:  # the panes show what follows the payment
        return " · ".join([_("Blocked: unpaid invoice {amount}").format(
            amount=money(lic.unpaid)),
            _("total due {amount}").format(amount=money(quote.total_due))])
    parts = [_("Due now {amount}").format(amount=money(quote.total_due))]
    if order.account_credit:
        parts.append(_("account credit {amount}").format(amount=money(order.account_credit)))
    if order.refund_estimate is not None:
        parts.append(_("refund estimate {amount}").format(
            amount=money(order.refund_estimate)))
    if order.effective != order.created:  # not at the change moment: at the renewal
        parts.append(_("effective {date}").format(date=date(order.effective)))
    after = quote.new_billing
    if after is not None and after.end is not None:
        if after.start == quote.current_billing.start:
            parts.append(_("expires {date}").format(date=date(after.end)))
        else:
            parts.append(_("new period ends {date}").format(date=date(after.end)))
    return " · ".join(parts)
