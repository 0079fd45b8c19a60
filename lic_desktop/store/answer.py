"""A store's answer body decoded: a JSON object of bounded nesting and number sizes, a
refusal (`result: error`) raised with the store's message made safe, and a body that
stops mid-way said to be cut short, never "not JSON"."""

from __future__ import annotations

import json
import re
from typing import Any

from lic_desktop.store.errors import StoreError, StoreRefusedError
from lic_desktop.store.safe_text import clean, sample

MAX_DEPTH = 64  # WHMCS answers nest a handful of levels
MAX_INT_DIGITS = 40


class _LongNumberError(Exception):
    def __init__(self, digits: int) -> None:
        super().__init__(digits)
        self.digits = digits


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _LongNumberError(len(text.lstrip("-")))
    return int(text)


def decode(body: bytes, action: str, status: int = 200) -> dict[str, Any]:
    """The store's answer as a JSON object, or a StoreError saying what it is instead."""
    answer = f"the store's answer to {action}" + ("" if status == 200 else f" (HTTP {status})")
    if not body.strip():
        raise StoreError(f"{answer} is empty")
    try:
        data = json.loads(body.decode("utf-8-sig"), parse_int=_json_int)
    except _LongNumberError as exc:
        raise StoreError(f"{answer} has a number of {exc.digits:,} digits: refused") from None
    except RecursionError:
        raise StoreError(f"{answer} nests too deeply (more than {MAX_DEPTH} levels): "
                         "refused") from None
    except json.JSONDecodeError as exc:
        if _ends_early(exc):  # a body without a Content-Length, its connection cut
            raise StoreError(f"{answer} was cut short: its JSON stops after "
                             f"{len(body):,} byte{'' if len(body) == 1 else 's'}") from None
        raise StoreError(f"{answer} is not JSON (it starts "
                         f"{sample(body[:60].decode('utf-8', 'replace'), 60)})") from None
    except ValueError:  # not UTF-8
        start = body[:60].decode("utf-8", "replace")
        raise StoreError(f"{answer} is not JSON (it starts {sample(start, 60)})") from None
    if not isinstance(data, dict):
        raise StoreError(f"{answer} is not a JSON object")
    if depth(data) > MAX_DEPTH:
        raise StoreError(f"{answer} nests too deeply (more than {MAX_DEPTH} levels): refused")
    if data.get("result") != "success":
        message = clean(data.get("message") or "no reason given", 300)
        raise StoreRefusedError(f"the store refused {action}: {message}{fix(message)}")
    return data


PARTIAL_NUMBER = re.compile(r"-?\d*(?:\.\d*)?(?:[eE][+-]?\d*)?")


def _ends_early(exc: json.JSONDecodeError) -> bool:
    """Whether JSON failed only because the text ended: an object or list left open, a
    string unterminated, a word or number cut ('tru', '-')."""
    text = exc.doc.rstrip()
    if not text.lstrip().startswith(("{", "[")):
        return False
    rest = exc.doc[exc.pos:].strip()
    return (exc.msg.startswith("Unterminated string") or not rest
            or any(word.startswith(rest) for word in ("true", "false", "null"))
            or PARTIAL_NUMBER.fullmatch(rest) is not None)


def depth(data: Any) -> int:
    """How deeply lists and objects nest in `data` (without recursing)."""
    deepest, todo = 0, [(data, 1)]
    while todo:
        value, level = todo.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            deepest = max(deepest, level)
            if level > MAX_DEPTH:
                return level
            todo.extend((item, level + 1) for item in value)
    return deepest


def fix(message: str) -> str:
    """What to do about a refusal WHMCS words in its own way: "Invalid IP 203.0.113.7"
    is its API answering only its allowed IPs (developers.whmcs.com/api/access-control)."""
    if message.startswith("Invalid IP"):
        return (" (the store allows only some IPs: give its API access key with "
                "--access-key, LIC_STORE_ACCESS_KEY or Store → Connect…, or ask its "
                "administrator to allow this IP)")
    return ""
