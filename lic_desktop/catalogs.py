"""Finding and loading catalogs: the embedded ones by name, any other by path."""

from __future__ import annotations

import functools
from pathlib import Path

from lic_desktop import l10n
from lic_desktop.core.catalog import Catalog, CatalogError
from lic_desktop.core.catalog_file import catalog_from_bytes, load_catalog_file
from lic_desktop.resources_path import resources_dir
from lic_desktop.user_files import UnreadableFileError, catalog_too_large, read_bytes


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
    """An embedded catalog's name ("ezeelogin") or a path to a reseller's TOML file.
    CatalogError for anything wrong with either, the file refused unread when it is no
    regular file of a sane size (/dev/zero, a FIFO, a folder)."""
    embedded = embedded_catalogs()
    if not name_or_path.strip():
        raise CatalogError("", "catalog", "is empty: give an embedded catalog's name "
                           f"({', '.join(embedded)}) or a .toml file")
    if name_or_path in embedded:
        return load_catalog_file(embedded[name_or_path], l10n.currency_digits)
    if "\0" in name_or_path:  # no file has such a name; Path would raise ValueError
        raise CatalogError(name_or_path, "catalog",
                           "contains a NUL character, which no file name can")
    path = Path(name_or_path).expanduser()
    if _is_file_ref(path):
        return load_user_catalog(path)
    names = ", ".join(embedded) or "none"
    raise CatalogError(name_or_path, "catalog",
                       f"is neither an embedded catalog ({names}) nor a .toml file")


def load_user_catalog(path: Path) -> Catalog:
    """A reseller's catalog file, read only if it is a regular file of at most 1 MiB."""
    try:
        raw = read_bytes(path, catalog_too_large())
    except UnreadableFileError as exc:
        raise CatalogError(str(path), CatalogError.FILE, l10n._("cannot be read ({reason})").format(
            reason=exc.reason)) from None
    return catalog_from_bytes(raw, str(path), l10n.currency_digits)


def _is_file_ref(path: Path) -> bool:
    """A reference meant as a file: a .toml name, or anything that exists."""
    if path.suffix.lower() == ".toml":
        return True
    try:
        return path.exists()
    except (OSError, ValueError):  # a name too long for the system, a NUL
        return False


def catalog_ref(name_or_path: str) -> str:
    """How the window keeps a catalog's name: an embedded one by its name, a file by its
    absolute path, so a saved scenario, the recent files and the remembered catalog
    still find it when the app starts from another folder."""
    if name_or_path in embedded_catalogs() or not name_or_path.strip() \
            or "\0" in name_or_path:
        return name_or_path  # a name, even a mistyped one, stays a name
    path = Path(name_or_path).expanduser()
    if not _is_file_ref(path):
        return name_or_path
    return str(path.absolute())


def load_all_embedded() -> list[Catalog]:
    return [load_catalog_file(p, l10n.currency_digits) for p in embedded_catalogs().values()]


def store_bases(user: list[str]) -> list[Catalog]:
    """The catalogs a store session matches the store's products to: the embedded ones,
    each replaced by the user's catalog of the same name (its rules and its
    store_pids), and the user's catalogs of other names beside them. Two of the user's
    with one name are refused: which one should price the store's products?"""
    bases = {c.name: c for c in load_all_embedded()}
    given: dict[str, str] = {}
    for ref in user:
        catalog = load_catalog(ref)
        if catalog.name in given:
            raise CatalogError(ref, "catalog", l10n._(
                "is a second catalog named {name!r} (the first is {first}): give one")
                .format(name=catalog.name, first=given[catalog.name]))
        given[catalog.name] = ref
        bases[catalog.name] = catalog
    return list(bases.values())
