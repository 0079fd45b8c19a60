"""A WHMCS list read whole, page after page.

WHMCS's list calls (GetClientsProducts, GetInvoices, GetClients) answer one page:
`limitnum` records (25 unless asked) from `limitstart`, with `totalresults` (all there
are), `startnumber` and `numreturned` (developers.whmcs.com/api-reference/
getclientsproducts, getinvoices). A single call with a large `limitnum` silently stops
at whatever the store's cap is, so the pages are asked for until `totalresults` are read.
A store that does not say how many there are, stops answering records before the total,
or never ends is a StoreError naming the field, never a short list. Offset paging reads
a list that changes meanwhile (a service ordered or an invoice paid between two pages)
wrongly: a record is skipped or comes twice. Such a read is refused, to be tried again:
the total changed from one page to the next, or a record's id came twice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from lic_desktop.store.errors import StoreError
from lic_desktop.store.fields import At, integer, records

PAGE_SIZE = 250  # records asked for per call: 1,500 services are 6 calls
MAX_PAGES = 1000  # a store that never reaches its total is cut off here
# What has been read so far of which list: (action, records read, totalresults).
Progress = Callable[[str, int, int], None]
# The lists the app pages through: action -> (plural, singular) of its nesting.
LISTS = {"GetClientsProducts": ("products", "product"),
         "GetInvoices": ("invoices", "invoice"),
         "GetClients": ("clients", "client")}


class Caller(Protocol):
    def call(self, action: str, **params: Any) -> dict[str, Any]: ...


def read_all(client: Caller, action: str, *, progress: Progress | None = None,
             cancelled: Callable[[], bool] = lambda: False,
             page_size: int = PAGE_SIZE, max_pages: int = MAX_PAGES,
             **params: Any) -> dict[str, Any]:
    """Every record of a list call, as one answer of the store's own shape (the first
    page's fields, its list holding all the records, `numreturned` their number)."""
    plural, singular = LISTS[action]
    at = At(action)
    items: list[dict[str, Any]] = []
    seen: set[str] = set()
    first: dict[str, Any] | None = None
    first_total = 0
    for _page in range(max_pages):
        if cancelled():
            raise StoreError("cancelled")
        answer = client.call(action, **params, limitstart=len(items), limitnum=page_size)
        if answer.get("totalresults") in (None, ""):
            raise at.fail("has no 'totalresults' field: the app cannot tell whether the "
                          "list is complete")
        total = integer(answer["totalresults"], at.key("totalresults"), minimum=0)
        page = [item for _, item in records(answer.get(plural), at, plural, singular)]
        returned = answer.get("numreturned")
        if returned not in (None, "") and integer(returned, at.key("numreturned"),
                                                  minimum=0) != len(page):
            raise at.fail(f"numreturned is {returned} but the page holds {len(page):,} "
                          "records")
        if first is not None and total != first_total:
            raise _changed(at, f"its totalresults went from {first_total:,} to {total:,}")
        for item in page:
            key = str(item.get("id", ""))
            if key in seen:
                raise _changed(at, f"the record with id {key} came twice")
            if key:
                seen.add(key)
        if first is None:
            first, first_total = answer, total
        if not page and len(items) < total:
            raise at.fail(f"numreturned is 0 after {len(items):,} of the totalresults "
                          f"{total:,} records: the store stopped before the list's end")
        items.extend(page)
        if progress is not None:
            progress(action, min(len(items), total), total)
        if len(items) >= total:
            whole = dict(first)
            whole.update({"totalresults": total, "startnumber": 0,
                          "numreturned": len(items),
                          plural: {singular: items} if items else ""})
            return whole
    raise at.fail(f"totalresults was not reached in {max_pages:,} pages of {page_size:,} "
                  "records: refused")


def _changed(at: At, how: str) -> StoreError:
    return at.fail(f"the list changed while it was read ({how}): try again")
