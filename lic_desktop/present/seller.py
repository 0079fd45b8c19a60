"""Who sends the quote: the seller's details, from a TOML file (`quote --seller FILE`) or
from the window's settings (Edit → Seller details…), with the same keys. Qt-free.

    name = "Example Hosting GmbH"
    address = ["Hauptstraße 1", "10115 Berlin", "Germany"]
    email = "sales@example.com"
    phone = "+49 30 1234567"
    website = "https://example.com"
    vat_number = "DE123456789"
    logo = "logo.png"            # PNG or SVG, relative to the file
    validity_days = 30           # the quote holds this many days from its issue date
    terms = "Prices exclude VAT. Payment within 14 days."

Every key is optional; a file with an unknown key or a value of the wrong kind is
refused whole, naming the key.
"""

from __future__ import annotations

import base64
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from lic_desktop.core.periods import InputError
from lic_desktop.user_files import UnreadableFileError, read_bytes, read_text

DEFAULT_VALIDITY_DAYS = 30
MAX_VALIDITY_DAYS = 3650
LOGO_SUFFIXES = (".png", ".svg")
MAX_SELLER_BYTES = 64 * 1024
MAX_LOGO_BYTES = 2 * 1024 * 1024
TEXT_KEYS = ("name", "email", "phone", "website", "vat_number", "logo", "terms")


@dataclass(frozen=True, slots=True)
class Seller:
    name: str = ""
    address: tuple[str, ...] = ()
    email: str = ""
    phone: str = ""
    website: str = ""
    vat_number: str = ""
    logo: str = ""  # an absolute path to a PNG or SVG file, or ""
    validity_days: int = DEFAULT_VALIDITY_DAYS
    terms: str = ""
    given: bool = field(default=False, compare=False)  # False: no details were set

    @property
    def contact(self) -> tuple[str, ...]:
        """The contact lines under the name, those that are set."""
        return tuple(t for t in (*self.address, self.email, self.phone, self.website) if t)


KEYS = tuple(f.name for f in fields(Seller) if f.name != "given")


class SellerError(ValueError):
    """A bad seller value: `key` names it, str() says what is wrong."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key


def seller_from_mapping(data: dict[str, object], base: Path | None = None) -> Seller:
    """A Seller from the TOML file's table (or the settings' values); SellerError naming
    the first bad key. A relative logo path is taken from `base` (the file's folder)."""
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise SellerError(unknown[0], f"is not a seller key (keys: {', '.join(KEYS)})")
    values: dict[str, object] = {}
    for key in TEXT_KEYS:
        if key in data:
            text = data[key]
            if not isinstance(text, str):
                raise SellerError(key, "must be a text in quotes")
            values[key] = text.strip()
    if "address" in data:
        lines = data["address"]
        if isinstance(lines, str):
            lines = lines.splitlines()
        if not isinstance(lines, list) or not all(isinstance(x, str) for x in lines):
            raise SellerError("address", 'must be a list of lines, e.g. ["Main St 1", "Town"]')
        values["address"] = tuple(x.strip() for x in lines if x.strip())
    if "validity_days" in data:
        days = data["validity_days"]
        if isinstance(days, str) and days.strip().isdigit():
            days = int(days)  # as QSettings gives it back
        if not isinstance(days, int) or isinstance(days, bool) \
                or not 1 <= days <= MAX_VALIDITY_DAYS:
            raise SellerError("validity_days",
                              f"must be a whole number of days from 1 to {MAX_VALIDITY_DAYS}")
        values["validity_days"] = days
    if values.get("logo"):
        values["logo"] = _logo_path(str(values["logo"]), base)
    given = any(values.get(k) for k in KEYS if k != "validity_days")
    return Seller(**values, given=given)  # type: ignore[arg-type]


def _logo_path(logo: str, base: Path | None) -> str:
    path = Path(logo).expanduser()
    if not path.is_absolute() and base is not None:
        path = base / path
    if path.suffix.lower() not in LOGO_SUFFIXES:
        raise SellerError("logo", f"{logo} must be a PNG or SVG image (.png, .svg)")
    if not path.is_file():
        raise SellerError("logo", f"{path} is not a file")
    return str(path.resolve())


def read_seller_file(path: Path) -> Seller:
    """The seller file, or InputError("seller", "FILE: key: what is wrong") as one line."""
    try:
        text = read_text(path, "it is larger than a seller file can be ({size} bytes)",
                         MAX_SELLER_BYTES)
    except UnreadableFileError as exc:
        raise InputError("seller", str(exc)) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError("seller", f"{path}: not TOML: {exc}") from None
    try:
        return seller_from_mapping(data, path.parent)
    except SellerError as exc:
        raise InputError("seller", f"{path}: {exc}") from None


def logo_data_url(path: str) -> str:
    """The logo inside the HTML for an e-mail (a data URL: a file path means nothing to
    the customer's mail program); "" when there is none or it cannot be read."""
    if not path:
        return ""
    kind = "image/svg+xml" if path.lower().endswith(".svg") else "image/png"
    try:
        data = read_bytes(path, "it is larger than a logo can be ({size} bytes)", MAX_LOGO_BYTES)
    except UnreadableFileError:
        return ""
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
