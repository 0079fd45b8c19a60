"""The seller's details and the paper in the window's settings (QSettings group
"seller", the keys of a seller file: present/seller.py), and the seller's logo kept in
the app's data folder so that the document still finds it when the original moves."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QSettings

from lic_desktop import user_dirs
from lic_desktop.present.quote_identity import PAPERS, paper_for_locale
from lic_desktop.present.seller import KEYS, Seller, SellerError, seller_from_mapping

GROUP = "seller"
PAPER_KEY = "export/paper"  # "a4", "letter", or "" for the locale's


def stored_values(settings: QSettings) -> dict[str, str]:
    """The seller's values as the settings hold them (address: one line a line)."""
    return {key: str(settings.value(f"{GROUP}/{key}", "") or "") for key in KEYS}


def load_seller(settings: QSettings) -> Seller | None:
    """The seller's details from the settings, None when none are set (or when they no
    longer read, such as a logo removed from the data folder)."""
    values: dict[str, object] = {k: v for k, v in stored_values(settings).items() if v}
    if not values:
        return None
    try:
        seller = seller_from_mapping(values)
    except SellerError:
        values.pop("logo", None)  # the one value that can go bad behind our back
        try:
            seller = seller_from_mapping(values)
        except SellerError:
            return None
    return seller if seller.given else None


def save_seller(settings: QSettings, values: dict[str, str]) -> None:
    """Store the dialog's values (already checked), the logo copied into the data
    folder first; an empty value removes its key."""
    logo = values.get("logo", "")
    if logo and Path(logo).parent != user_dirs.data_dir():
        values = {**values, "logo": str(keep_logo(Path(logo)))}
    for key in KEYS:
        value = values.get(key, "")
        if value:
            settings.setValue(f"{GROUP}/{key}", value)
        else:
            settings.remove(f"{GROUP}/{key}")
    settings.sync()


def keep_logo(source: Path) -> Path:
    """A copy of the logo in the app's data folder ("seller-logo.png" or ".svg")."""
    folder = user_dirs.data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"seller-logo{source.suffix.lower()}"
    for old in folder.glob("seller-logo.*"):
        if old != target:
            old.unlink(missing_ok=True)
    shutil.copyfile(source, target)
    return target


def paper_choice(settings: QSettings) -> str:
    value = str(settings.value(PAPER_KEY, "") or "")
    return value if value in PAPERS else ""


def paper_for(settings: QSettings, locale: str) -> str:
    """The paper the export uses: the one chosen, else the locale's."""
    return paper_choice(settings) or paper_for_locale(locale)
