"""A read-only client for a WHMCS-style store API (POST /includes/api.php).

Safety: HTTPS with verified certificates (plain HTTP only to this machine), connect
and read timeouts and one overall deadline for each call (a store that drips a byte a
second is cut off), bounded retries with back-off on 5xx, connection errors and connect
timeouts only, a cap on the response size and on its nesting. A TLS failure is told by
the ssl exception in the chain. The secret is never put in a message or a log, nor a
password written in the address; whatever the store says is shown without its control
characters.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lic_desktop.store.address import AddressError, api_endpoint
from lic_desktop.store.answer import decode
from lic_desktop.store.errors import StoreError, StoreRefusedError
from lic_desktop.store.safe_text import clean, shown_url

# Where they have always been imported from, as well.
__all__ = ["Credentials", "Deadline", "Limits", "StoreClient", "StoreError",
           "StoreRefusedError", "decode", "endpoint"]

if TYPE_CHECKING:
    import httpx

MAX_BYTES = 8 * 1024 * 1024
# GetClients finds a client by e-mail, name or company; GetClientsDetails says the
# client's currency (developers.whmcs.com/api-reference/getclients, getclientsdetails).
READ_ONLY_ACTIONS = {"GetProducts", "GetClientsProducts", "GetInvoices", "GetInvoice",
                     "GetClients", "GetClientsDetails", "UpgradeProduct"}
# OpenSSL's reasons when the other end answers a TLS hello with something else (an HTTP
# "400 Bad Request", say): the server speaks plain HTTP.
NOT_TLS = {"WRONG_VERSION_NUMBER", "RECORD_LAYER_FAILURE", "UNKNOWN_PROTOCOL",
           "PACKET_LENGTH_TOO_LONG", "HTTP_REQUEST", "UNEXPECTED_RECORD",
           "UNEXPECTED_EOF_WHILE_READING"}


@dataclass(frozen=True, slots=True)
class Credentials:
    url: str
    identifier: str
    secret: str
    # WHMCS's API access key ($api_access_key in its configuration.php): lets a caller
    # whose IP is not on the store's allowed list through (developers.whmcs.com/api/
    # access-control). Empty: none is sent.
    access_key: str = ""

    def __repr__(self) -> str:  # never show the secret or the key, even in a traceback
        return (f"Credentials(url={shown_url(self.url)!r}, identifier={self.identifier!r}, "
                f"secret='***', access_key={'***' if self.access_key else ''!r})")


@dataclass(frozen=True, slots=True)
class Limits:
    connect_seconds: float = 5.0
    read_seconds: float = 20.0  # the longest silence within an answer
    deadline_seconds: float = 30.0  # the whole call, retries included
    attempts: int = 3  # one call and at most two retries
    backoff_seconds: float = 0.5  # doubled after each retry
    max_bytes: int = MAX_BYTES


DEFAULT_LIMITS = Limits()


def endpoint(url: str) -> str:
    """The API address for a store URL; refuses an address that cannot be used (a bad
    port, a space, plain HTTP to another machine) with one sentence saying why."""
    try:
        return api_endpoint(url)
    except AddressError as exc:
        raise StoreError(str(exc)) from None


class Deadline:
    """The end of one call: passed when its time is up or its watchdog fired."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.fired = False

    def left(self) -> float:
        return max(self.end - time.monotonic(), 0.0)

    @property
    def passed(self) -> bool:
        return self.fired or time.monotonic() >= self.end


class _Watchdog:
    """Shuts the request's sockets when the deadline passes: httpx's timeouts are per
    read, so a store that sends a byte a second (in its headers or its body) would
    otherwise hold the call for ever. The sockets are learnt from httpcore's documented
    `trace` events; each request has its own connection (no keep-alive)."""

    def __init__(self, deadline: Deadline) -> None:
        self.deadline = deadline
        self.streams: list[Any] = []
        self.lock = threading.Lock()
        self.timer = threading.Timer(deadline.left(), self._fire)
        self.timer.daemon = True
        self.timer.start()

    def trace(self, event: str, info: dict[str, Any]) -> None:
        if event in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            with self.lock:
                self.streams.append(info.get("return_value"))
                if self.deadline.fired:
                    self._shut()

    def _fire(self) -> None:
        with self.lock:
            self.deadline.fired = True
            self._shut()

    def _shut(self) -> None:
        for stream in self.streams:
            sock = stream.get_extra_info("socket") if stream is not None else None
            if isinstance(sock, socket.socket):
                # Wakes a blocked recv at once; OSError: closed already, or handed over
                # to the TLS socket.
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def stop(self) -> None:
        self.timer.cancel()


class StoreClient:
    def __init__(self, credentials: Credentials, limits: Limits | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.credentials = credentials
        self.limits = limits or DEFAULT_LIMITS
        self.url = endpoint(credentials.url)
        self.where = shown_url(credentials.url)  # the address as messages show it
        self._sleep = sleep
        import httpx  # noqa: PLC0415 - loaded on connecting: a tenth of a second at start-up

        try:
            httpx.URL(self.url)
        except httpx.InvalidURL as exc:  # what urlsplit lets through and httpx does not
            raise StoreError(f"{self.where!r} is not a store address this app can use "
                             f"({_reason(exc)}): give one such as "
                             "https://store.example.com") from None
        timeout = httpx.Timeout(self.limits.read_seconds, connect=self.limits.connect_seconds)
        self._http: httpx.Client = httpx.Client(
            timeout=timeout, verify=True, follow_redirects=False,
            limits=httpx.Limits(max_keepalive_connections=0),  # one connection a call
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
        if self.credentials.access_key:
            form["accesskey"] = self.credentials.access_key
        form.update({k: _form_value(v) for k, v in params.items()})
        try:
            status, body = self._post_with_retries(form, Deadline(self.limits.deadline_seconds))
            return decode(body, action, status)
        except StoreError as exc:
            said = str(exc)
            for hidden in (self.credentials.secret, self.credentials.access_key):
                if len(hidden) >= 4 and hidden in said:  # a store echoing it back
                    said = said.replace(hidden, "***")
            if said != str(exc):
                raise type(exc)(said) from None
            raise

    def _post_with_retries(self, form: dict[str, str], deadline: Deadline) -> tuple[int, bytes]:
        import httpx  # noqa: PLC0415 - already loaded by __init__

        delay = self.limits.backoff_seconds
        for attempt in range(1, self.limits.attempts + 1):
            last = attempt == self.limits.attempts
            try:
                status, location, body = self._post(form, deadline)
            except _CutShortError as exc:
                if last:
                    raise StoreError(f"the store's answer to {form['action']} was cut short: "
                                     f"{exc.words()} before the store at {self.where} "
                                     "closed the connection") from None
            except httpx.TransportError as exc:
                failure = self._failure(exc, deadline)
                if failure is not None:
                    raise failure from None
                if last:
                    raise self._gave_up(exc) from None
            else:
                if 300 <= status < 400:
                    where = f" to {shown_url(location)}" if location else ""
                    raise StoreError(f"the store at {self.where} answered with a redirect "
                                     f"(HTTP {status}){where}: use that address instead")
                if status < 500:
                    return status, body
                if last:
                    raise StoreError(f"the store at {self.where} kept failing (HTTP {status})")
            if deadline.left() <= delay:
                raise self._late(deadline, None)
            self._sleep(delay)
            delay *= 2
        raise StoreError("unreachable")  # the loop always returns or raises

    def _gave_up(self, exc: Exception) -> StoreError:
        """The last attempt's connection failure, in words."""
        import httpx  # noqa: PLC0415 - already loaded by __init__

        if isinstance(exc, httpx.ConnectTimeout):
            return StoreError(f"could not connect to the store at {self.where} within "
                              f"{self.limits.connect_seconds:g} s")
        if isinstance(exc, httpx.ConnectError):
            return StoreError(f"cannot connect to the store at {self.where}: {_reason(exc)}")
        return StoreError(f"the connection to the store at {self.where} failed: "
                          f"{_reason(exc)}")

    def _failure(self, exc: Exception, deadline: Deadline) -> StoreError | None:
        """The error that ends the call at once (a read timeout, the deadline, a TLS
        problem); None for a failure worth another attempt: a connection refused, reset
        or cut, and a connect timeout (httpx's ConnectTimeout is not a ConnectError: a
        store busy for a moment, or a lost SYN)."""
        import httpx  # noqa: PLC0415 - already loaded by __init__

        if deadline.passed:
            return self._late(deadline, exc)
        # Told by the ssl exception in the chain, wherever httpx raised it (a TLS 1.3
        # alert, a refused client certificate say, arrives with the first read).
        problem = self._tls_problem(exc)
        if problem:
            return StoreError(problem)
        if isinstance(exc, httpx.TimeoutException) and not isinstance(exc,
                                                                       httpx.ConnectTimeout):
            return self._late(deadline, exc)
        return None

    def _post(self, form: dict[str, str], deadline: Deadline) -> tuple[int, str, bytes]:
        import httpx  # noqa: PLC0415 - already loaded by __init__

        left = deadline.left()
        timeout = httpx.Timeout(min(self.limits.read_seconds, left),
                                connect=min(self.limits.connect_seconds, left))
        watchdog = _Watchdog(deadline)
        try:
            with self._http.stream("POST", self.url, data=form, timeout=timeout,
                                   extensions={"trace": watchdog.trace}) as response:
                declared = response.headers.get("content-length")
                if declared and declared.isascii() and declared.isdigit() \
                        and len(declared) < 20 and int(declared) > self.limits.max_bytes:
                    raise StoreError(self._too_big())
                chunks, size = [], 0
                try:
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > self.limits.max_bytes:
                            raise StoreError(self._too_big())
                        if deadline.passed:
                            raise httpx.ReadTimeout("the deadline passed")
                        chunks.append(chunk)
                except httpx.TransportError as exc:
                    if isinstance(exc, httpx.TimeoutException) or deadline.passed:
                        raise
                    # The headers came, then the connection closed before the body's
                    # end (its Content-Length, its last chunk).
                    raise _CutShortError(response.num_bytes_downloaded, declared) from None
                if deadline.passed:
                    # The watchdog shut the socket: a body without a Content-Length then
                    # simply ends, cut where the deadline fell.
                    raise httpx.ReadTimeout("the deadline passed")
                received = response.num_bytes_downloaded
                if declared and declared.isdigit() and received < int(declared):
                    raise _CutShortError(received, declared)
                location = response.headers.get("location", "")
                return response.status_code, location, b"".join(chunks)
        finally:
            watchdog.stop()

    def _late(self, deadline: Deadline, exc: Exception | None) -> StoreError:
        # Else a read (or write, or pool) timeout: connect timeouts are retried.
        seconds = (deadline.seconds if deadline.passed or exc is None
                   else self.limits.read_seconds)
        return StoreError(f"the store at {self.where} did not answer within {seconds:g} s")

    def _tls_problem(self, exc: BaseException) -> str | None:
        """What went wrong in the TLS handshake, in words, if that was it."""
        cause: BaseException | None = exc
        while cause is not None and not isinstance(cause, ssl.SSLError):
            cause = cause.__cause__ or cause.__context__
        if isinstance(cause, ssl.SSLCertVerificationError):
            why = clean(cause.verify_message or cause.reason or "", 120)
            if "mismatch" in why.lower():  # "Hostname mismatch", "IP address mismatch"
                return (f"the store at {self.where}: its TLS certificate is for another "
                        f"name ({why}): connection refused")
            return (f"the store at {self.where}: its TLS certificate is not trusted "
                    f"({why or 'self-signed or for another name'}): connection refused")
        if isinstance(cause, ssl.SSLError):
            if str(cause.reason) in NOT_TLS:
                return (f"the server at {self.where} does not speak TLS (HTTPS): it may be "
                        "a plain-HTTP server, or not the store")
            return (f"the TLS handshake with the store at {self.where} failed "
                    f"({clean(cause.reason or cause, 120)})")
        return None

    def _too_big(self) -> str:
        return (f"the store at {self.where} sent more than "
                f"{self.limits.max_bytes // (1024 * 1024)} MiB: refused")


def _form_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _reason(exc: Exception) -> str:
    return clean(str(exc) or type(exc).__name__, 200)


class _CutShortError(Exception):
    """The connection closed before the end of the answer's body (worth a retry)."""

    def __init__(self, received: int, declared: str | None) -> None:
        super().__init__(received)
        self.received = received
        self.declared = int(declared) if declared and declared.isdigit() else None

    def words(self) -> str:
        if self.declared is None:
            return f"{self.received:,} bytes arrived"
        return f"{self.received:,} of its {self.declared:,} bytes arrived"
