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

    def retranslate(self) -> None:
        for setter, msgid in getattr(self, "_texts", []):
            setter(_(msgid))
