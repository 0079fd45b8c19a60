"""A read-only client for a WHMCS-style store API (POST /includes/api.php).

Safety: HTTPS with verified certificates (plain HTTP only to this machine), connect
and read timeouts, bounded retries with back-off on 5xx and connection errors only, a
cap on the response size. The secret is never put in a message or a log.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import httpx

API_PATH = "/includes/api.php"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
MAX_BYTES = 8 * 1024 * 1024
READ_ONLY_ACTIONS = {"GetProducts", "GetClientsProducts", "GetInvoices", "GetInvoice",
                     "UpgradeProduct"}


class StoreError(Exception):
    """Anything that stops a store call, worded for the user."""


class StoreRefusedError(StoreError):
    """The store answered `result: error` (wrong credentials, unknown service, ...)."""


@dataclass(frozen=True, slots=True)
class Credentials:
    url: str
    identifier: str
    secret: str

    def __repr__(self) -> str:  # never show the secret, even in a traceback
        return f"Credentials(url={self.url!r}, identifier={self.identifier!r}, secret='***')"


@dataclass(frozen=True, slots=True)
class Limits:
    connect_seconds: float = 5.0
    read_seconds: float = 20.0
    attempts: int = 3  # one call and at most two retries
    backoff_seconds: float = 0.5  # doubled after each retry
    max_bytes: int = MAX_BYTES


def endpoint(url: str) -> str:
    """The API address for a store URL; refuses plain HTTP to another machine."""
    text = url.strip().rstrip("/")
    parts = urlsplit(text if "://" in text else f"https://{text}")
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise StoreError(f"{url!r} is not a store address such as https://store.example.com")
    if parts.scheme == "http" and parts.hostname not in LOCAL_HOSTS:
        raise StoreError("the store must be reached over HTTPS (plain HTTP only to "
                         "127.0.0.1 or localhost)")
    base = f"{parts.scheme}://{parts.netloc}{parts.path}"
    return base if base.endswith(API_PATH) else base + API_PATH


class StoreClient:
    def __init__(self, credentials: Credentials, limits: Limits | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.credentials = credentials
        self.limits = limits or Limits()
        self.url = endpoint(credentials.url)
        self._sleep = sleep
        import httpx  # noqa: PLC0415 - loaded on connecting: a tenth of a second at start-up

        timeout = httpx.Timeout(self.limits.read_seconds, connect=self.limits.connect_seconds)
        self._http: httpx.Client = httpx.Client(timeout=timeout, verify=True,
                                                follow_redirects=False,
                                                headers={"User-Agent": "lic-desktop"})

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> StoreClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def call(self, action: str, **params: Any) -> dict[str, Any]:
        """One API action; the decoded JSON object when `result` is success."""
        if action not in READ_ONLY_ACTIONS:
            raise StoreError(f"{action} is not one of the read-only calls this app makes")
        if action == "UpgradeProduct" and params.get("calconly") not in (True, "true", 1):
            raise StoreError("UpgradeProduct is only ever asked to calculate (calconly)")
        form = {"action": action, "responsetype": "json",
                "identifier": self.credentials.identifier,
                "secret": self.credentials.secret}
        form.update({k: _form_value(v) for k, v in params.items()})
        body = self._post_with_retries(form)
        return _decode(body, action)

    def _post_with_retries(self, form: dict[str, str]) -> bytes:
        import httpx  # noqa: PLC0415 - already loaded by __init__

        delay = self.limits.backoff_seconds
        for attempt in range(1, self.limits.attempts + 1):
            last = attempt == self.limits.attempts
            try:
                status, body = self._post(form)
            except httpx.ConnectError as exc:
                if "CERTIFICATE_VERIFY_FAILED" in str(exc) or "SSL" in str(exc):
                    raise StoreError("the store's TLS certificate is not trusted (self-signed "
                                     "or for another name): connection refused") from None
                if last:
                    raise StoreError(f"cannot connect to {self._host()}: "
                                     f"{_reason(exc)}") from None
            except httpx.TimeoutException:
                raise StoreError(f"{self._host()} did not answer within "
                                 f"{self.limits.read_seconds:g} s") from None
            except httpx.TransportError as exc:
                if last:
                    raise StoreError(f"the connection to {self._host()} failed: "
                                     f"{_reason(exc)}") from None
            else:
                if status < 500:
                    return body
                if last:
                    raise StoreError(f"{self._host()} kept failing (HTTP {status})")
            self._sleep(delay)
            delay *= 2
        raise StoreError("unreachable")  # the loop always returns or raises

    def _post(self, form: dict[str, str]) -> tuple[int, bytes]:
        with self._http.stream("POST", self.url, data=form) as response:
            declared = response.headers.get("content-length")
            if declared and declared.isascii() and declared.isdigit() \
                    and int(declared) > self.limits.max_bytes:
                raise StoreError(self._too_big())
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.limits.max_bytes:
                    raise StoreError(self._too_big())
                chunks.append(chunk)
            return response.status_code, b"".join(chunks)

    def _too_big(self) -> str:
        return (f"{self._host()} sent more than {self.limits.max_bytes // (1024 * 1024)} MiB: "
                "refused")

    def _host(self) -> str:
        return urlsplit(self.url).netloc


def _form_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:200]


def _decode(body: bytes, action: str) -> dict[str, Any]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        start = body[:60].decode("utf-8", "replace").strip()
        raise StoreError(f"the store's answer to {action} is not JSON (it starts "
                         f"{start!r})") from None
    if not isinstance(data, dict):
        raise StoreError(f"the store's answer to {action} is not a JSON object")
    if data.get("result") != "success":
        message = data.get("message") or "no reason given"
        raise StoreRefusedError(f"the store refused {action}: {message}")
    return data
