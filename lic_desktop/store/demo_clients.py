"""The demo store's GetClients, as developers.whmcs.com/api-reference/getclients
describes it: `search` at the start of email, firstname, lastname, fullname or
companyname; `status` (Active, Inactive or Closed); `orderby` (id, firstname, lastname,
companyname, email, groupid, datecreated, status) and `sorting` (ASC, the default, or
DESC); the page (`limitstart`, `limitnum`) is cut by the caller.

WHMCS runs the search as MySQL's `LIKE 'term%'` on a case- and accent-insensitive
(`utf8mb4_unicode_ci`) table: "JANE" finds Jane, "muller" finds Müller, and `%` and `_`
in the term are LIKE's wildcards. With no `orderby` the clients come by first name, as
the documentation's example answer lists them (Angelica before Price)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from typing import Any, Protocol

ORDER_BY = ("id", "firstname", "lastname", "companyname", "email", "groupid",
            "datecreated", "status")


class ClientRow(Protocol):
    """A demo client (demo.Client) as this module reads it."""

    id: int
    firstname: str
    lastname: str
    companyname: str
    email: str
    status: str
    datecreated: date
    groupid: int

    @property
    def fullname(self) -> str: ...


def folded(value: str) -> str:
    """A text as a *_unicode_ci collation compares it: case and accents ignored."""
    plain = unicodedata.normalize("NFKD", value.casefold())
    return "".join(c for c in plain if not unicodedata.combining(c))


def like_start(term: str) -> re.Pattern[str]:
    """MySQL's `LIKE 'term%'`: `%` any run of characters, `_` any one."""
    parts = (".*" if c == "%" else "." if c == "_" else re.escape(c) for c in folded(term))
    return re.compile("".join(parts), re.DOTALL)


def matching(clients: Iterable[ClientRow], form: dict[str, str]) -> list[ClientRow]:
    """The clients the request asks for, in the order it asks."""
    rows = list(clients)
    if form.get("search"):
        pattern = like_start(form["search"])
        rows = [c for c in rows if any(pattern.match(folded(value)) for value in (
            c.email, c.firstname, c.lastname, c.fullname, c.companyname))]
    if form.get("status"):
        rows = [c for c in rows if c.status.casefold() == form["status"].casefold()]
    column = form.get("orderby") if form.get("orderby") in ORDER_BY else "firstname"

    def key(c: ClientRow) -> tuple[Any, ...]:
        value = getattr(c, str(column))
        return (folded(value) if isinstance(value, str) else value, folded(c.lastname), c.id)

    return sorted(rows, key=key, reverse=form.get("sorting", "").upper() == "DESC")


def client_json(c: ClientRow) -> dict[str, Any]:
    """One client as the documentation's example answer shows it (ids as numbers)."""
    return {"id": c.id, "firstname": c.firstname, "lastname": c.lastname,
            "companyname": c.companyname, "email": c.email,
            "datecreated": c.datecreated.isoformat(), "groupid": c.groupid,
            "status": c.status}
