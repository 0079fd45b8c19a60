"""A catalog's own words in the UI's language. Qt-free.

A catalog writes its texts as the vendor portal does (en_US) and may translate them
beside each key (`label_de`, `title_fr`: README, "Catalogs"). These helpers pick the
Formatter's language, else the text as written; where the catalog names no quantity, the
UI's own word is used.
"""

from __future__ import annotations

from lic_desktop.core.catalog import Catalog
from lic_desktop.l10n import Formatter, _

DEFAULT_QUANTITY = "Quantity"  # the core's word when a catalog names no quantity


def title(cat: Catalog, fmt: Formatter) -> str:
    return cat.text_in("title", fmt.language) or cat.name


def note(cat: Catalog, fmt: Formatter) -> str:
    return cat.text_in("note", fmt.language) or ""


def plan_label(cat: Catalog, plan: str, fmt: Formatter) -> str:
    return cat.plans[plan].label_in(fmt.language)


def cycle_label(cat: Catalog, cycle: str, fmt: Formatter) -> str:
    return cat.cycles[cycle].label_in(fmt.language)


def _named(cat: Catalog, key: str, fmt: Formatter) -> bool:
    """The catalog has its own word for `key` in the Formatter's language."""
    return fmt.language in cat.texts.get(key, {})


def _own_quantity(cat: Catalog, fmt: Formatter) -> str | None:
    """The catalog's word for its quantity in the Formatter's language, None when it names
    none (the core's default "Quantity" is the UI's to translate)."""
    label = cat.text_in("quantity_label", fmt.language)
    if label == DEFAULT_QUANTITY and not _named(cat, "quantity_label", fmt):
        return None
    return label


def quantity_label(cat: Catalog, fmt: Formatter) -> str:
    """The quantity's label: "Servers" (de "Server"); "Quantity" in the UI's language
    when the catalog names none."""
    return _own_quantity(cat, fmt) or _("Quantity")


def new_quantity_label(cat: Catalog, fmt: Formatter) -> str:
    """The changed quantity's label: the catalog's `new_quantity_label` ("New servers",
    de "Neue Server"), else worded from the quantity label."""
    if _named(cat, "new_quantity_label", fmt) or (
            cat.new_quantity_label is not None and not _named(cat, "quantity_label", fmt)):
        return str(cat.text_in("new_quantity_label", fmt.language))
    label = _own_quantity(cat, fmt)
    return _("New quantity") if label is None \
        else _("New {noun}").format(noun=fmt.in_sentence(label))


def units(cat: Catalog, fmt: Formatter) -> str:
    """The quantity inside a sentence: "servers" (de "Server"), else "units"."""
    label = _own_quantity(cat, fmt)
    return _("units") if label is None else fmt.in_sentence(label)


def unit(cat: Catalog, fmt: Formatter) -> str:
    """One of the quantity inside a sentence: "server" (de "Server"), else "unit"."""
    label = _own_quantity(cat, fmt)
    return _("unit") if label is None else fmt.in_sentence(label).rstrip("s")
