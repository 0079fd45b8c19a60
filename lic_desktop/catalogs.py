"""Finding and loading catalogs: the embedded ones by name, any other by path."""

from __future__ import annotations

import functools
from pathlib import Path

from lic_desktop import l10n
from lic_desktop.core.catalog import Catalog, CatalogError, load_catalog_file
from lic_desktop.resources_path import resources_dir


def embedded_catalogs() -> dict[str, Path]:
    """The catalogs shipped in resources/catalogs, by file stem."""
    return dict(_shipped())


@functools.cache
def _shipped() -> tuple[tuple[str, Path], ...]:
    # Listed once: the window asks on every keystroke, and the shipped folder does not
    # change while the app runs.
    folder = resources_dir() / "catalogs"
    return tuple((p.stem, p) for p in sorted(folder.glob("*.toml")))


def load_catalog(name_or_path: str) -> Catalog:
    """An embedded catalog's name ("ezeelogin") or a path to a reseller's TOML file."""
    embedded = embedded_catalogs()
    if not name_or_path.strip():
        raise CatalogError("", "catalog", "is empty: give an embedded catalog's name "
                           f"({', '.join(embedded)}) or a .toml file")
    if name_or_path in embedded:
        return load_catalog_file(embedded[name_or_path], l10n.currency_digits)
    path = Path(name_or_path).expanduser()
    if path.suffix.lower() == ".toml" or path.exists():
        return load_catalog_file(path, l10n.currency_digits)
    names = ", ".join(embedded) or "none"
    raise CatalogError(name_or_path, "catalog",
                       f"is neither an embedded catalog ({names}) nor a .toml file")


def catalog_ref(name_or_path: str) -> str:
    """How the window keeps a catalog's name: an embedded one by its name, a file by its
    absolute path, so a saved scenario, the recent files and the remembered catalog
    still find it when the app starts from another folder."""
    path = Path(name_or_path).expanduser()
    if name_or_path in embedded_catalogs() or not name_or_path.strip() \
            or not (path.suffix.lower() == ".toml" or path.exists()):
        return name_or_path  # a name, even a mistyped one, stays a name
    return str(path.absolute())


def load_all_embedded() -> list[Catalog]:
    return [load_catalog_file(p, l10n.currency_digits) for p in embedded_catalogs().values()]
