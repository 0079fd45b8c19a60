"""Both seed examples, pane line by pane line, against the article's own text."""

from __future__ import annotations

from pathlib import Path

import pytest

from lic_desktop.catalogs import load_catalog
from lic_desktop.core.engine import make_quote
from lic_desktop.core.scenario import parse_scenario_text
from lic_desktop.l10n import Formatter
from lic_desktop.present.panes import quote_panes
from tests.conftest import FIXTURES, SCENARIOS

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "003_8ff0f0827ce2b63a.txt"
CASES = ["upgrade", "downgrade"]


def article_lines(name: str) -> list[str]:
    return (FIXTURES / f"article_{name}.txt").read_text(encoding="utf-8").splitlines()


def seed_panes(case: str):  # type: ignore[no-untyped-def]
    path = SCENARIOS / f"seed-{case}.toml"
    scenario = parse_scenario_text(path.read_text(encoding="utf-8"), path.name)
    quote = make_quote(scenario.license(load_catalog(scenario.catalog)), scenario.request())
    return quote_panes(quote, Formatter("en_US"))


@pytest.mark.skipif(not SEED.exists(), reason="shared/seeds is not beside this checkout")
@pytest.mark.parametrize("name", ["upgrade_current_billing", "upgrade_order_details",
                                  "downgrade_current_billing", "downgrade_order_details"])
def test_fixtures_are_the_article_text(name: str) -> None:
    article = SEED.read_text(encoding="utf-8").replace("\\$", "$").replace("\\*", "*")
    # The article puts a blank line under each pane title; the fixtures leave it out.
    lines = [line for line in article.splitlines() if line.strip()]
    assert "\n".join(article_lines(name)) in "\n".join(lines)


@pytest.mark.parametrize("case", CASES)
def test_order_details_read_as_the_article(case: str) -> None:
    _, order, _ = seed_panes(case)
    expected = article_lines(f"{case}_order_details")
    assert expected[0] == order.title
    ours = [f"{r.label}\t{r.value}" for r in order.rows]
    # ID and Created are the portal's own; every other line must match to the character.
    skip = ("ID\t", "Created\t")
    assert [x for x in ours if not x.startswith(skip)] == \
        [x for x in expected[1:] if not x.startswith(skip)]
    assert [r.label for r in order.rows] == [x.split("\t")[0] for x in expected[1:]]


@pytest.mark.parametrize("case", CASES)
def test_new_license_billing_reads_as_the_article(case: str) -> None:
    _, _, after = seed_panes(case)
    expected = article_lines(f"{case}_current_billing")
    assert [f"{r.label}\t{r.value}" for r in after.rows] == expected[1:]


@pytest.mark.parametrize("case", CASES)
def test_created_and_id_follow_the_portal_shape(case: str) -> None:
    _, order, _ = seed_panes(case)
    rows = {r.key: r for r in order.rows}
    expected = dict(x.split("\t") for x in article_lines(f"{case}_order_details")[1:])
    assert rows["created"].value == expected["Created"]
    oid = rows["id"].value
    assert len(oid) == 24
    int(oid, 16)  # hex digits only
    # The first 8 digits are the creation time in seconds (2022-11-16 00:2x as UTC).
    assert 0x63742D00 <= int(oid[:8], 16) <= 0x63742DFF


def test_current_billing_before_the_upgrade_matches_the_spec_seed_check() -> None:
    before, _, _ = seed_panes("upgrade")
    lines = [f"{r.label}\t{r.value}" for r in before.rows]
    assert lines == [
        "Amount\t$19.90 USD",
        "Start date\tNov 1, 2022",
        "End date\tDec 1, 2022",
        "Days total\t30",
        "Days used\t14",
        "Days remaining\t16",
        # SPEC.md C4/C6: 19.90 x 16 / 30 = 10.6133 -> 10.61, the article's remaining credit
        "Amount remaining\t19.90 * (16 / 30) = $10.61 USD",
    ]
