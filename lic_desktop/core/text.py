"""Messages the core raises, marked for translation; the UI installs the translator,
so the core itself never imports babel."""

from __future__ import annotations

from collections.abc import Callable

_translate: Callable[[str], str] = str


def _(text: str) -> str:
    return _translate(text)


def install(translate: Callable[[str], str]) -> None:
    global _translate  # noqa: PLW0603 - one language at a time, app-wide
    _translate = translate
