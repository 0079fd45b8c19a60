"""Widgets whose fixed texts follow the language: each text is registered once with the
setter that shows it, and `retranslate()` shows them all again in the new language."""

from __future__ import annotations

from collections.abc import Callable

from lic_desktop.l10n import _


class Translatable:
    _texts: list[tuple[Callable[[str], object], str]]

    def tr_text(self, setter: Callable[[str], object], msgid: str) -> None:
        """Show `msgid` translated through `setter`, now and after each language change."""
        if not hasattr(self, "_texts"):
            self._texts = []
        self._texts.append((setter, msgid))
        setter(_(msgid))

    def tr_live(self, key: str, setter: Callable[[str], object],
                describe: Callable[[], str]) -> None:
        """Show `describe()` through `setter`, now and after each language change, until
        the next tr_live with the same key: for a text that changes with the state
        ("Pricing book.csv…", a result's totals) as well as with the language."""
        if not hasattr(self, "_live"):
            self._live: dict[str, tuple[Callable[[str], object], Callable[[], str]]] = {}
        self._live[key] = (setter, describe)
        setter(describe())

    def retranslate(self) -> None:
        for setter, msgid in getattr(self, "_texts", []):
            setter(_(msgid))
        for setter, describe in getattr(self, "_live", {}).values():
            setter(describe())
