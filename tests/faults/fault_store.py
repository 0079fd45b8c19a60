"""A store on 127.0.0.1 that misbehaves on purpose, one mode at a time.

Good answers come from the demo store (WHMCS's shapes); a mode then spoils the
transport (drip, slow headers, reset, garbage, redirect, silence, huge bodies, TLS
problems) or an answer's content (see the body helpers and `spoil`). The server speaks
HTTP/1.1 by hand on a raw socket so that every byte, and every delay, is the test's.
Pacing waits on the server's stop event, so stopping the server ends every drip at once.
"""

from __future__ import annotations

import contextlib
import json
import socket
import ssl
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import trustme

from lic_desktop.catalogs import load_all_embedded
from lic_desktop.store.demo import DemoStore

TODAY = date(2022, 11, 16)
IDENTIFIER = "fault-id"
SECRET = "s3cr3t-fault-value"

# Transport modes; "ok" serves `answer` (the demo store unless replaced).
MODES = ("ok", "drip", "drip-no-length", "drip-chunked", "cut-short", "cut-chunked",
         "cut-no-length", "slow-headers", "silent", "reset", "close", "garbage", "redirect",
         "huge-body", "huge-declared", "http-500")
Answer = Callable[[str, dict[str, str]], "tuple[int, bytes]"]


def demo_store() -> DemoStore:
    return DemoStore(load_all_embedded(), today=TODAY, identifier=IDENTIFIER, secret=SECRET)


def json_answer(store: DemoStore, spoil: Callable[[str, dict[str, Any]], None] | None = None
                ) -> Answer:
    """The demo store's answers as JSON, each first handed to `spoil(action, data)`."""
    def answer(action: str, form: dict[str, str]) -> tuple[int, bytes]:
        status, data = store.answer(form)
        if spoil is not None and status == 200 and data.get("result") == "success":
            spoil(action, data)
        return status, json.dumps(data).encode()
    return answer


def body_answer(body: bytes, status: int = 200) -> Answer:
    """The same body (not necessarily JSON) for every call."""
    return lambda action, form: (status, body)


def nested_body(depth: int) -> bytes:
    """A success answer with `depth` nested lists inside."""
    return b'{"result": "success", "products": ' + b"[" * depth + b"]" * depth + b"}"


def huge_int_body(digits: int) -> bytes:
    return b'{"result": "success", "totalresults": ' + b"9" * digits + b"}"


@dataclass
class Tls:
    """A certificate for the server: `names` it is issued for, by a CA of its own (which
    the client trusts only when a test points SSL_CERT_FILE at `ca_file`)."""

    names: tuple[str, ...] = ("127.0.0.1", "localhost")
    ca: trustme.CA = field(default_factory=trustme.CA)
    ca_file: Path | None = None
    client_certificate: bool = False  # demanded: TLS 1.3 refuses the client on its read

    def context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.ca.issue_cert(*self.names).configure_cert(context)
        if self.client_certificate:
            context.verify_mode = ssl.CERT_REQUIRED
            self.ca.configure_trust(context)
        return context

    def write_ca(self, folder: Path) -> Path:
        self.ca_file = folder / "fault-ca.pem"
        self.ca.cert_pem.write_to_path(str(self.ca_file))
        return self.ca_file


class FaultStore:
    """Listens on 127.0.0.1; `mode`, `answer` and `interval` may change between calls."""

    def __init__(self, mode: str = "ok", answer: Answer | None = None,
                 tls: Tls | None = None, interval: float = 0.05) -> None:
        assert mode in MODES, mode
        self.mode, self.interval = mode, interval
        self.store = demo_store()
        self.answer: Answer = answer or json_answer(self.store)
        self.redirect_to = "https://admin:hunter2@elsewhere.example/includes/api.php"
        self.context = tls.context() if tls is not None else None
        self.requests: list[str] = []  # the action of each request read
        self.stopped = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.threads: list[threading.Thread] = []
        self._accepting = threading.Thread(target=self._accept, daemon=True)
        self._accepting.start()

    def url(self, scheme: str | None = None, userinfo: str = "", path: str = "") -> str:
        scheme = scheme or ("https" if self.context else "http")
        return f"{scheme}://{userinfo}127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        self.stopped.set()
        self._accepting.join(timeout=5)
        for thread in self.threads:
            thread.join(timeout=5)
        self.listener.close()

    # --- serving ----------------------------------------------------------------------

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self.threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(5)
            if self.context is not None:
                conn = self.context.wrap_socket(conn, server_side=True)
            form = self._read_request(conn)
            self.requests.append(form.get("action", ""))
            self._respond(conn, form)
        except (OSError, ssl.SSLError, ValueError):
            pass  # the client gave up or refused the certificate: as it should
        finally:
            with contextlib.suppress(OSError):
                conn.close()

    def _read_request(self, conn: socket.socket) -> dict[str, str]:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                raise ValueError("closed before the request's end")
            if not data and chunk[:1] == b"\x16" and self.context is None:
                # A TLS hello to this plain-HTTP server: answer as web servers do.
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                raise ValueError("a TLS hello")
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                       if line.lower().startswith(b"content-length:")), 0)
        while len(body) < length:
            chunk = conn.recv(65536)
            if not chunk:
                break
            body += chunk
        fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
        return {k: v[-1] for k, v in fields.items()}

    def _respond(self, conn: socket.socket, form: dict[str, str]) -> None:  # noqa: PLR0911
        mode = self.mode
        if mode == "silent":
            self.stopped.wait()
            return
        if mode == "reset":  # an RST instead of an answer
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return
        if mode == "close":
            return
        if mode == "garbage":
            conn.sendall(b"\x00\xff\x1b[2J not HTTP at all \r\n\r\n")
            return
        if mode == "slow-headers":
            self._drip(conn, b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 100_000)
            return
        if mode == "redirect":
            conn.sendall(b"HTTP/1.1 302 Found\r\nLocation: " + self.redirect_to.encode()
                         + b"\r\nContent-Length: 0\r\n\r\n")
            return
        if mode == "huge-declared":
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 9999999999\r\n\r\n{")
            return
        if mode == "huge-body":  # no length, never ends: only the client's cap stops it
            conn.sendall(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n")
            block = b'{"result": "success", "x": "' + b"x" * 65536
            while not self.stopped.is_set():
                conn.sendall(block)
            return
        status, body = (500, b"oops") if mode == "http-500" else \
            self.answer(form.get("action", ""), form)
        self._send(conn, mode, status, body)

    def _send(self, conn: socket.socket, mode: str, status: int, body: bytes) -> None:
        """The answer: whole, dripped or cut, with or without its Content-Length."""
        framing = {"drip-no-length": "", "cut-no-length": "",
                   "drip-chunked": "Transfer-Encoding: chunked\r\n",
                   "cut-chunked": "Transfer-Encoding: chunked\r\n"}
        length = framing.get(mode, f"Content-Length: {len(body)}\r\n")
        head = (f"HTTP/1.1 {status} {'OK' if status == 200 else 'Status'}\r\n"
                f"Content-Type: application/json\r\n{length}Connection: close\r\n\r\n"
                ).encode()
        conn.sendall(head)
        half = body[:len(body) // 2]
        if mode in ("drip", "drip-no-length"):  # the body one byte at a time
            self._drip(conn, body)
        elif mode == "drip-chunked":  # a chunk of one byte at a time, then the last one
            self._drip(conn, body, chunked=True)
            conn.sendall(b"0\r\n\r\n")
        elif mode in ("cut-short", "cut-no-length"):  # half the body, then closed
            conn.sendall(half)
        elif mode == "cut-chunked":  # half the body as a chunk, never the last chunk
            conn.sendall(b"%x\r\n%s\r\n" % (len(half), half))
        else:
            conn.sendall(body)

    def _drip(self, conn: socket.socket, data: bytes, chunked: bool = False) -> None:
        for index in range(len(data)):
            if self.stopped.wait(self.interval):
                return
            byte = data[index:index + 1]
            conn.sendall(b"1\r\n" + byte + b"\r\n" if chunked else byte)
