"""Messages the core raises, marked for translation; the UI installs the translator and
its language code (which picks a catalog's translated labels), so the core itself never
imports babel."""

from __future__ import annotations

import re
from collections.abc import Callable

_translate: Callable[[str], str] = str
_language = "en"


def _(text: str) -> str:
    return _translate(text)


def language() -> str:
    """The UI's language code ("de"), for a catalog's labels inside a message."""
    return _language


def install(translate: Callable[[str], str], language_code: str = "en") -> None:
    global _translate, _language  # noqa: PLW0603 - one language at a time, app-wide
    _translate = translate
    _language = language_code


def in_sentence(noun: str, language_code: str) -> str:
    """A label as it reads inside a sentence: "Servers" -> "servers". German keeps its
    nouns capitalised ("Server"), and an acronym ("CPUs") stays as written."""
    if language_code == "de" or noun[1:2].isupper():
        return noun
    return noun[:1].lower() + noun[1:]


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str, most: int | None = None) -> str:
    """`text` fit for one line of a terminal: control characters (a newline, an ANSI
    escape, a NUL) written as escapes ("\\n", "\\x1b"), cut after `most` characters."""
    if most is not None and len(text) > most:
        text = text[:most] + "…"
    return _CONTROL.sub(lambda found: found.group().encode("unicode_escape").decode("ascii"),
                        text)
