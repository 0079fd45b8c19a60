"""What a store says, made safe to show: no terminal escapes, no line breaks, no
invisible characters, a bounded length; and a store address with its password hidden."""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

# ESC [ ... final (CSI), ESC ] ... BEL or ESC \ (OSC), and any other ESC + one character.
ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?|"
                     r"\x9b[0-?]*[ -/]*[@-~]?|\x9d[^\x07\x1b\x9c]*[\x07\x9c]?")
SPACES = re.compile(r"\s+")
LIMIT = 300


def clean(text: object, limit: int = LIMIT) -> str:
    """One line of visible text: escape sequences removed, control and format characters
    (C0, C1, DEL, bidi overrides, zero-width marks) dropped, line breaks and tabs made
    single spaces, at most `limit` characters (an ellipsis marks a cut)."""
    value = ESCAPES.sub("", str(text))
    kept = [" " if c.isspace() else c for c in value
            if c.isspace() or unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co", "Cn")]
    one_line = SPACES.sub(" ", "".join(kept)).strip()
    return one_line if len(one_line) <= limit else one_line[:limit - 1].rstrip() + "…"


def sample(value: Any, limit: int = 40) -> str:
    """A store value quoted for a message: "'abc'", "'99999…' (5000 characters)"."""
    text = value if isinstance(value, str) else _json_like(value)
    shown = clean(text, limit)
    quoted = repr(shown) if isinstance(value, str) else shown
    return quoted if len(text) <= limit else f"{quoted} ({len(text):,} characters)"


def _json_like(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    try:
        return str(value)
    except ValueError:  # an int of more digits than Python converts
        return "a number too long to show"


def redact(url: str) -> str:
    """The address with a password in it hidden: http://user:pw@host -> http://user:***@host.
    Also without a scheme (user:pw@host)."""
    text = str(url)
    try:
        netloc = urlsplit(text if "://" in text else f"//{text}").netloc
    except ValueError:  # an address urlsplit cannot take apart (a bad IPv6 bracket)
        netloc = text.split("/")[2] if text.count("/") >= 2 else text
    userinfo, at, hostport = netloc.rpartition("@")
    if not at:
        return text
    user, colon, _ = userinfo.partition(":")
    hidden = f"{user}:***@{hostport}" if colon else netloc
    return text.replace(netloc, hidden, 1)


def shown_url(url: str) -> str:
    """A store address as messages show it: password hidden, one clean line."""
    return clean(redact(url.strip().rstrip("/")), 200)


def host_label(url: str) -> str:
    """host[:port] of an address, without any user name or password."""
    try:
        netloc = urlsplit(url).netloc
    except ValueError:
        return ""
    return clean(netloc.rpartition("@")[2], 200)
