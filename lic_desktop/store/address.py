"""A store's address checked once, where a connection is made: https (plain http only to
this machine), a host, a port from 1 to 65535 if any, no spaces or control characters.
Each refusal is one sentence showing the address with its password hidden and saying
what to type instead; the command line and the window show the same one."""

from __future__ import annotations

import unicodedata
from urllib.parse import SplitResult, urlsplit

from lic_desktop.store.safe_text import shown_url

API_PATH = "/includes/api.php"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
EXAMPLE = "https://store.example.com"


class AddressError(ValueError):
    """The address cannot be used: the message says why and what to give instead."""


def api_endpoint(url: str) -> str:
    """The API address for a store URL ("store.example.com" means https)."""
    text = url.strip().rstrip("/")
    shown = shown_url(url)
    if any(c.isspace() or unicodedata.category(c) in ("Cc", "Cf") for c in text):
        raise AddressError(f"the store address {shown!r} has a space or a control character "
                           f"in it: type the address alone, such as {EXAMPLE}")
    try:
        parts = urlsplit(text if "://" in text else f"https://{text}")
        host = parts.hostname
    except ValueError:  # a bad IPv6 bracket
        host = None
    if host is None or parts.scheme not in ("https", "http"):
        raise AddressError(f"{shown!r} is not a store address such as {EXAMPLE}")
    if not _port_fits(parts):
        raise AddressError(f"the store address {shown!r} has a port that is not a number "
                           f"from 1 to 65535: give one such as {EXAMPLE}:8443, or none")
    if parts.scheme == "http" and host not in LOCAL_HOSTS:
        raise AddressError("the store must be reached over HTTPS (plain HTTP only to "
                           "127.0.0.1 or localhost)")
    base = f"{parts.scheme}://{parts.netloc}{parts.path}"
    return base if base.endswith(API_PATH) else base + API_PATH


def _port_fits(parts: SplitResult) -> bool:
    """No port, or ASCII digits from 1 to 65535 (urlsplit takes "+80" and 0)."""
    hostport = parts.netloc.rpartition("@")[2]
    if hostport.startswith("["):  # [::1]:8765
        hostport = hostport.partition("]")[2]
    _, colon, port = hostport.partition(":")
    if not colon or not port:
        return True
    return port.isascii() and port.isdigit() and len(port) <= 5 and 1 <= int(port) <= 65535
