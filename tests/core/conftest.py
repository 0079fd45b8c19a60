"""Fixtures of the engine tests: the embedded catalogs and a writer of reseller catalogs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lic_desktop.catalogs import load_catalog
from lic_desktop.core.catalog import Catalog

WriteCatalog = Callable[..., Path]


@pytest.fixture(scope="session")
def ezeelogin() -> Catalog:
    return load_catalog("ezeelogin")


@pytest.fixture(scope="session")
def litespeed() -> Catalog:
    return load_catalog("litespeed")


@pytest.fixture
def write_catalog(tmp_path: Path) -> WriteCatalog:
    """Write TOML text to a file in tmp_path and return its path."""

    def write(text: str, name: str = "reseller.toml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
