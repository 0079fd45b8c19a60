"""Every UI text in the source has a German and a French translation in the shipped
catalogs, with the same placeholders, and the compiled .mo files are up to date."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"
LANGUAGES = ["de", "fr"]


def source_messages() -> set[str]:
    keywords = {"_": None, "N_": None}
    found = extract_from_dir(str(ROOT / "lic_desktop"), [("**.py", "python")],
                             keywords=keywords)
    return {message for _file, _line, message, _comments, _context in found
            if isinstance(message, str)}


def test_there_are_ui_texts_to_translate() -> None:
    messages = source_messages()
    assert len(messages) > 200
    assert "Current billing" in messages
    assert "Deduction" in messages


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_source_text_has_a_translation(language: str) -> None:
    with (LOCALE / language / "LC_MESSAGES" / "lic_desktop.po").open("rb") as handle:
        catalog = read_po(handle)
    translated = {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}
    missing = sorted(source_messages() - set(translated))
    assert missing == [], f"{language}: no translation for {missing[:5]}"
    for msgid, text in translated.items():
        assert set(re.findall(r"{(\w+)}", str(msgid))) == set(re.findall(r"{(\w+)}", str(text))), \
            f"{language}: placeholders differ in {msgid!r}"
        assert str(msgid).count("&") == str(text).count("&"), \
            f"{language}: mnemonic marks differ in {msgid!r}"


def _key(text: object) -> object:
    """A plural entry's forms as a tuple: the .mo reader gives lists, the .po reader tuples."""
    return tuple(text) if isinstance(text, list | tuple) else text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_matches_the_po_file(language: str) -> None:
    folder = LOCALE / language / "LC_MESSAGES"
    with (folder / "lic_desktop.po").open("rb") as handle:
        po = {_key(m.id): _key(m.string) for m in read_po(handle) if m.id}
    with (folder / "lic_desktop.mo").open("rb") as handle:
        mo = {_key(m.id): _key(m.string) for m in read_mo(handle) if m.id}
    assert mo == po, f"{language}: run pybabel compile -D lic_desktop -d resources/locale"


def test_no_text_to_translate_hides_inside_an_f_string() -> None:
    # Babel's extractor does not look inside f-strings: _("...") there never reaches
    # the catalogs, and the text stays English in every language.
    hidden = [f"{path.relative_to(ROOT)}:{number}"
              for path in sorted((ROOT / "lic_desktop").rglob("*.py"))
              for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
              if re.search(r"""\bf(["']).*\{[^}]*\b_\(\s*["']""", line)]
    assert hidden == []


def source_plurals() -> set[tuple[str, str]]:
    found = extract_from_dir(str(ROOT / "lic_desktop"), [("**.py", "python")],
                             keywords={"ngettext": (1, 2)})
    return {tuple(message) for _file, _line, message, _comments, _context in found
            if isinstance(message, tuple)}  # type: ignore[misc]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_count_has_its_plural_forms(language: str) -> None:
    # ngettext("{count} license", "{count} licenses", n): each form of the language
    # (German and French have two) translated, with the same placeholders.
    assert ("{count} license (as of {when})", "{count} licenses (as of {when})") \
        in source_plurals()
    with (LOCALE / language / "LC_MESSAGES" / "lic_desktop.po").open("rb") as handle:
        catalog = read_po(handle)
    plurals = {m.id: m.string for m in catalog if isinstance(m.id, tuple) and not m.fuzzy}
    missing = sorted(p for p in source_plurals()
                     if p not in plurals or not all(plurals[p]))
    assert missing == [], f"{language}: no plural translation for {missing[:3]}"
    for (singular, _plural), forms in plurals.items():
        for form in forms:
            assert set(re.findall(r"{(\w+)}", singular)) == set(re.findall(r"{(\w+)}", form)), \
                f"{language}: placeholders differ in {singular!r}"
