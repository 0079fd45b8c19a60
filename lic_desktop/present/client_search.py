"""Store → Connect…'s client search worded for the window: the list's rows, the chosen
client and what the search found, in the UI's language. Qt-free."""

from __future__ import annotations

from lic_desktop.l10n import N_, Formatter, _
from lic_desktop.store.clients import ClientMatch

# WHMCS's client statuses (developers.whmcs.com/api-reference/getclients); another one
# shows as the store says it.
CLIENT_STATUSES = {"Active": N_("Active"), "Inactive": N_("Inactive"),
                   "Closed": N_("Closed")}


def status_word(status: str) -> str:
    return _(CLIENT_STATUSES[status]) if status in CLIENT_STATUSES else status


def who_and_email(match: ClientMatch) -> str:
    """ "Acme Hosting — Jane Doe <jane.doe@acme.example>"."""
    email = f" <{match.email}>" if match.email and match.email != match.who else ""
    return f"{match.who}{email}"


def active(match: ClientMatch) -> bool:
    return match.status in ("", "Active")


def client_row(match: ClientMatch) -> str:
    """ "Acme Hosting — Jane Doe <jane.doe@acme.example> (id 1)"; a client that is not
    Active says so: "… (id 12, Closed)"."""
    if active(match):
        tail = _("(id {id})").format(id=match.id)
    else:
        tail = _("(id {id}, {status})").format(id=match.id, status=status_word(match.status))
    return f"{who_and_email(match)} {tail}"


def chosen_text(match: ClientMatch) -> str:
    """Under the field once a client is picked: who OK connects to."""
    client = who_and_email(match)
    if not active(match):
        client = f"{client} ({status_word(match.status)})"
    return _("OK connects to client {id}: {client}").format(id=match.id, client=client)


def found_text(count: int, search: str, fmt: Formatter) -> str:
    """What a search found, one line (one client is picked at once: chosen_text)."""
    if count == 0:
        return _("No client's e-mail, name or company starts with “{search}”.").format(
            search=search)
    return _("{count} clients found: pick one (Enter or double-click).").format(
        count=fmt.integer(count))
