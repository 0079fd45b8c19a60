"""Finding a client by what a salesperson knows: the start of an e-mail, a name or a
company (WHMCS's GetClients `search`: "the search term to look for at the start of
email, firstname, lastname, fullname or companyname", developers.whmcs.com/
api-reference/getclients), or the client id itself.

The matches are read whole, page after page (lic_desktop.store.paging), each shown field
checked (lic_desktop.store.fields): a store answer that does not fit is a StoreError
naming the field. A search that does not name exactly one client is a ClientSearchError,
one line the user can act on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from lic_desktop.store.errors import StoreError
from lic_desktop.store.fields import (
    MAX_ID_DIGITS,
    At,
    day,
    integer,
    need,
    records,
    table,
    text,
)
from lic_desktop.store.paging import Caller, Progress, read_all
from lic_desktop.store.safe_text import clean

SHOWN_IN_ERRORS = 3  # matches an ambiguous search names before "and N more"
NAME_LIMIT = 80  # characters of a client's name shown beside its id (an ellipsis cuts)


class ClientSearchError(StoreError):
    """The search names no client, several, or was empty: the user's input, not the
    store's fault (the command line reports it on the option, exit status 2)."""


@dataclass(frozen=True, slots=True)
class ClientMatch:
    """One client a search found, as GetClients lists it."""

    id: int
    firstname: str
    lastname: str
    companyname: str
    email: str
    status: str  # WHMCS: Active, Inactive or Closed
    datecreated: date | None = None
    groupid: int = 0

    @property
    def fullname(self) -> str:
        return f"{self.firstname} {self.lastname}".strip()

    @property
    def who(self) -> str:
        """Company and person, as a salesperson names the client: "Acme Hosting — Jane
        Doe", "Bernd Müller" (no company), the e-mail when the store has no name."""
        return " — ".join(part for part in (self.companyname, self.fullname) if part) \
            or self.email

    @property
    def label(self) -> str:
        """English, for messages: "Acme Hosting — Jane Doe <jane.doe@acme.example> (id 1)",
        "... (id 12, Closed)" for a client that is not Active."""
        email = f" <{self.email}>" if self.email and self.email != self.who else ""
        status = "" if self.status in ("", "Active") else f", {self.status}"
        return f"{self.who}{email} (id {self.id}{status})"


def details_name(details: dict[str, Any]) -> str:
    """The client's name from a GetClientsDetails answer, worded as a search match's
    `who` ("Acme Hosting — Jane Doe", "Bernd Müller"): `client.companyname` and
    `firstname` `lastname` (else `fullname`), developers.whmcs.com/api-reference/
    getclientsdetails; the deprecated top-level copy when there is no `client` object.
    "" when the store has no name (never the e-mail: the id then names the client alone);
    a company named as its person is said once.
    One clean line of at most NAME_LIMIT characters; a field that is not a text is a
    StoreError naming it."""
    at = At("GetClientsDetails")
    if "client" in details:
        record, at = table(details["client"], at.key("client")), at.key("client")
    else:
        record = details
    first, last, full, company = (text(record.get(key), at.key(key)) for key in
                                  ("firstname", "lastname", "fullname", "companyname"))
    person = " ".join(part for part in (first, last) if part) or full
    if person.casefold() == company.casefold():  # a sole trader's company: named once
        person = ""
    return clean(" — ".join(part for part in (company, person) if part), NAME_LIMIT)


def search_text(search: str) -> str:
    """The search as sent: one clean line; blank is refused (WHMCS would then list
    every client of the store)."""
    cleaned = clean(search, 200)
    if not cleaned:
        raise ClientSearchError("give the start of the client's e-mail, name or company "
                                "(an empty search would list every client)")
    return cleaned


def find_clients(client: Caller, search: str, *, progress: Progress | None = None,
                 cancelled: Callable[[], bool] = lambda: False) -> list[ClientMatch]:
    """Every client whose e-mail, first, last or full name or company starts with
    `search`, in the store's order."""
    answer = read_all(client, "GetClients", progress=progress, cancelled=cancelled,
                      search=search_text(search))
    return matches(answer)


def matches(answer: dict[str, Any]) -> list[ClientMatch]:
    """The clients of a GetClients answer, each shown field checked."""
    found = []
    for at, item in records(answer.get("clients"), At("GetClients"), "clients", "client"):
        found.append(ClientMatch(
            id=integer(need(item, "id", at.key("id")), at.key("id"), minimum=1),
            firstname=text(item.get("firstname"), at.key("firstname")),
            lastname=text(item.get("lastname"), at.key("lastname")),
            companyname=text(item.get("companyname"), at.key("companyname")),
            email=text(item.get("email"), at.key("email")),
            status=text(item.get("status"), at.key("status"), limit=40),
            datecreated=day(item.get("datecreated"), at.key("datecreated")),
            groupid=integer(item.get("groupid") or 0, at.key("groupid"), minimum=0)))
    return found


def typed_id(typed: str) -> int | None:
    """A client id typed as digits ("12"), else None (a search). "0" is refused."""
    value = typed.strip()
    if not (value.isascii() and value.isdigit()):
        return None
    if len(value) > MAX_ID_DIGITS or int(value) < 1:
        raise ClientSearchError(f"{clean(value, 30)!r} is not a client id (a whole number "
                                "from 1)")
    return int(value)


def exact(found: list[ClientMatch], search: str) -> list[ClientMatch]:
    """The matches that are the search itself, not only start with it (the whole e-mail,
    full name or company, any case): "jane@acme.example" names its client even when
    "jane@acme.example.org" is another one's."""
    wanted = search.casefold()
    return [m for m in found
            if wanted in (m.email.casefold(), m.fullname.casefold(), m.companyname.casefold())]


def one_client(found: list[ClientMatch], search: str) -> ClientMatch:
    """The one client a search names; else a ClientSearchError saying what was found."""
    shown = clean(search, 60)
    if not found:
        raise ClientSearchError(f"no client's e-mail, name or company starts with "
                                f"{shown!r}")
    if len(found) == 1:
        return found[0]
    whole = exact(found, search)
    if len(whole) == 1:
        return whole[0]
    named = ", ".join(m.label for m in found[:SHOWN_IN_ERRORS])
    more = len(found) - SHOWN_IN_ERRORS
    rest = f" and {more:,} more" if more > 0 else ""
    raise ClientSearchError(f"{shown!r} matches {len(found):,} clients: {named}{rest}; "
                            "give the client's id")


def resolve_client(client: Caller, typed: str, *, progress: Progress | None = None,
                   cancelled: Callable[[], bool] = lambda: False) -> int:
    """The client id a salesperson means: digits are the id itself; anything else is a
    search that must name exactly one client."""
    number = typed_id(typed)
    if number is not None:
        return number
    search = search_text(typed)
    found = find_clients(client, search, progress=progress, cancelled=cancelled)
    return one_client(found, search).id
