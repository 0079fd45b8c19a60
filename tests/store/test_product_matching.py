"""Which store product prices which plan (issue #13 point 5): retired products skipped,
hidden ones used only without a visible one, two of one standing refused by name, a
catalog's store_pids, and the products that match nothing said so. Against WHMCS's own
example answer (developers.whmcs.com/api-reference/getproducts) and the demo store over
HTTP on 127.0.0.1."""

from __future__ import annotations

import copy
import json
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from lic_desktop import l10n
from lic_desktop.catalogs import load_all_embedded, load_catalog, store_bases
from lic_desktop.cli import main
from lic_desktop.core.catalog import Catalog
from lic_desktop.store.client import Credentials, StoreClient, StoreError
from lic_desktop.store.convert import NotSoldError, product_id, store_catalog
from lic_desktop.store.demo import DemoStore, Product, Service, add_date_months
from lic_desktop.store.session import StoreSession
from tests.store.conftest import FAST, NOW, TODAY, session_for

DOCS = Path(__file__).parents[1] / "fixtures" / "whmcs_docs"
RESOURCES = Path(__file__).parents[2] / "resources" / "catalogs"


def documented_products() -> dict[str, Any]:
    answer: dict[str, Any] = json.loads((DOCS / "getproducts.json").read_text("utf-8"))
    return answer


def litespeed() -> Catalog:
    return next(c for c in load_all_embedded() if c.name == "litespeed")


def prices(path: Path, plan: str) -> dict[str, str]:
    """A store-priced catalog's prices of `plan`, as amounts with two decimals."""
    found = load_catalog(str(path)).plans.get(plan)
    return {} if found is None else {k: f"{v:.2f}" for k, v in found.prices.items()}


def session_with(url: str, cache: Path, bases: list[Catalog]) -> StoreSession:
    client = StoreClient(Credentials(url, "demo-id", "s3cr3t-value"), FAST,
                         sleep=lambda s: None)
    return StoreSession(client, bases, cache, l10n.currency_digits, now=lambda: NOW)


# --- WHMCS's documented answer -----------------------------------------------------------


def test_the_documented_answer_matches_no_plan_and_says_so(
        demo: tuple[DemoStore, str], tmp_path: Path) -> None:
    """The GetProducts page's example (one product, "Best Hosting Plan", pid 1), served
    over HTTP: no catalog's plan, no crash, and the snapshot names it."""
    store, url = demo
    store._action_GetProducts = lambda form: documented_products()  # type: ignore[method-assign]
    snapshot = session_for(url, tmp_path).fetch(1)
    assert snapshot.catalogs == {}
    assert snapshot.licenses == []
    assert snapshot.notes == ["Store products that match no catalog's plan (not "
                              "quoted): 'Best Hosting Plan' (pid 1)"]


def with_flags(name: str, **flags: Any) -> dict[str, Any]:
    """The documented answer, its product named as a LiteSpeed plan, with flags added as
    a store that has them writes them."""
    answer = copy.deepcopy(documented_products())
    product = answer["products"]["product"][0]
    product["name"] = name
    product.update(flags)
    return answer


@pytest.mark.parametrize(("yes", "no"), [(1, 0), ("1", "0"), (True, False), ("on", "")])
def test_the_flags_in_each_of_whmcs_forms(yes: object, no: object) -> None:
    """Retired (in each form WHMCS writes a yes) is never priced; the same product not
    retired, nor hidden (each form of a no), is."""
    name = "LiteSpeed Web Server 1-CPU"
    with pytest.raises(NotSoldError):
        store_catalog(litespeed(), with_flags(name, retired=yes), "x.toml",
                      l10n.currency_digits, "A note.")
    catalog, pids, _ = store_catalog(litespeed(), with_flags(name, retired=no, hidden=no),
                                     "x.toml", l10n.currency_digits, "A note.")
    # The documented product sells monthly at 25.99 and nothing else ("-1.00").
    assert {k: str(v) for k, v in catalog.plans["1-cpu"].prices.items()} == \
        {"monthly": "25.99"}
    assert pids == {1: "1-cpu"}


@pytest.mark.parametrize("field", ["hidden", "retired"])
def test_a_flag_the_store_writes_otherwise_is_a_store_error_naming_it(field: str) -> None:
    with pytest.raises(StoreError) as caught:
        store_catalog(litespeed(), with_flags("LiteSpeed Web Server 1-CPU", **{field: "yes"}),
                      "x.toml", l10n.currency_digits, "A note.")
    assert f"products.product[0].{field} is not a yes/no value ('yes'" in str(caught.value)


# --- the demo store over HTTP ------------------------------------------------------------


def test_retired_is_skipped_and_hidden_used_only_without_a_visible_one(
        demo: tuple[DemoStore, str], tmp_path: Path) -> None:
    store, url = demo
    ls = litespeed()
    # The catalog's (and the demo's sold products') 1-CPU and 2-CPU prices.
    sold_1, sold_2 = ls.plans["1-cpu"].prices, ls.plans["2-cpu"].prices
    retired = next(p for p in store.products.values() if p.retired)
    hidden = next(p for p in store.products.values() if p.hidden)
    assert retired.name == f"{ls.title} 1-CPU"  # the same name as a sold product
    assert hidden.name == f"{ls.title} 2-CPU"
    # A license still on the retired product: listed, and the 1-CPU plan's.
    start = TODAY - timedelta(days=15)
    store.services[1009] = Service(1009, 2, retired.pid, "monthly", start,
                                   add_date_months(start, 1), Decimal(retired.pricing["monthly"]),
                                   "192.0.2.9")
    snapshot = session_for(url, tmp_path).fetch(2)
    path = snapshot.catalogs["litespeed"]
    assert prices(path, "1-cpu") == {"monthly": f"{sold_1['monthly']:.2f}",
                                     "yearly": f"{sold_1['yearly']:.2f}",
                                     "owned": f"{sold_1['owned']:.2f}"}
    assert retired.pricing["monthly"] not in prices(path, "1-cpu").values()
    assert prices(path, "2-cpu")["monthly"] == f"{sold_2['monthly']:.2f}"
    assert {lic.service_id: lic.plan for _, lic, _ in snapshot.licenses}[1009] == "1-cpu"
    # The retired product is never an upgrade target: the sold one is.
    answer = session_for(url, tmp_path).client.call("GetProducts")
    assert product_id(ls, answer, "1-cpu", owned=False) == store._pid(f"{ls.title} 1-CPU")
    assert product_id(ls, answer, "1-cpu", owned=False) != retired.pid
    # Without the visible 2-CPU, the hidden one is the only one: its price is used.
    visible = next(p.pid for p in store.products.values()
                   if p.name == hidden.name and not p.hidden)
    del store.products[visible]
    path = session_for(url, tmp_path / "again").fetch(1).catalogs["litespeed"]
    assert prices(path, "2-cpu") == {"monthly": hidden.pricing["monthly"],
                                     "yearly": hidden.pricing["annually"],
                                     "owned": f"{sold_2['owned']:.2f}"}


def test_two_visible_products_for_one_plan_are_refused_by_name(
        demo: tuple[DemoStore, str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    store, url = demo
    special = next(p for p in store.products.values() if p.hidden)
    special.hidden = False  # now two visible "LiteSpeed Web Server 2-CPU"
    sold = store._pid(special.name)
    assert sold != special.pid
    snapshot = session_for(url, tmp_path).fetch(1)
    # No store price for the leased 2-CPU (its owned product is one, and priced).
    assert set(prices(snapshot.catalogs["litespeed"], "2-cpu")) == {"owned"}
    [note] = [n for n in snapshot.notes if "2-CPU" in n]
    assert f"'LiteSpeed Web Server 2-CPU' (pid {sold})" in note
    assert f"'LiteSpeed Web Server 2-CPU' (pid {special.pid})" in note
    assert "plans.2-cpu.store_pids" in note
    # As an upgrade target neither is picked: the store is not asked, the user told.
    answer = session_for(url, tmp_path).client.call("GetProducts")
    with pytest.raises(StoreError) as caught:
        product_id(litespeed(), answer, "2-cpu", owned=False)
    assert f"(pid {sold})" in str(caught.value)
    assert f"(pid {special.pid})" in str(caught.value)
    monkeypatch.setenv("LIC_STORE_SECRET", "s3cr3t-value")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    code, out, _ = run(capsys, "store", "products", "--url", url, "--identifier",
                         "demo-id")
    assert code == 0
    rows = {line.split("\t")[0]: line.split("\t")[-1] for line in out.splitlines()[1:]}
    assert rows[str(sold)] == f"litespeed: 2-CPU (ambiguous with pid {special.pid}: " \
        "not priced)"


def mapped_catalog(tmp_path: Path, plan_lines: str) -> Path:
    """The embedded LiteSpeed catalog as a reseller's copy, with `plan_lines` added to
    its 1-CPU plan."""
    text = (RESOURCES / "litespeed.toml").read_text("utf-8")
    path = tmp_path / "my-litespeed.toml"
    path.write_text(text.replace("[plans.1-cpu]\n", f"[plans.1-cpu]\n{plan_lines}\n"),
                    "utf-8")
    return path


def rename_1cpu(store: DemoStore) -> Product:
    product = store.products[store._pid("LiteSpeed Web Server 1-CPU")]
    product.name = "LSWS 1 core"  # a store that names it unlike any plan
    return product


def test_store_pids_map_a_product_named_unlike_any_plan(
        demo: tuple[DemoStore, str], tmp_path: Path) -> None:
    store, url = demo
    product = rename_1cpu(store)
    # The embedded catalog cannot tell: license 1002 (on that product) is not listed,
    # and the product is named among those matching nothing.
    snapshot = session_for(url, tmp_path / "a").fetch(1)
    assert 1002 not in {lic.service_id for _, lic, _ in snapshot.licenses}
    assert f"'LSWS 1 core' (pid {product.pid})" in snapshot.notes[-1]
    # Mapped in the reseller's catalog, it is the 1-CPU plan; the others still by name.
    path = mapped_catalog(tmp_path, f"store_pids = [{product.pid}]")
    snapshot = session_with(url, tmp_path / "b", store_bases([str(path)])).fetch(1)
    found = {lic.service_id: (name, lic.plan) for name, lic, _ in snapshot.licenses}
    assert found[1002] == ("litespeed", "1-cpu")
    catalog = snapshot.catalogs["litespeed"]
    assert prices(catalog, "1-cpu")["monthly"] == product.pricing["monthly"]
    assert prices(catalog, "2-cpu")["monthly"] == "46.00"  # the catalog's, by name
    assert "LSWS" not in " ".join(snapshot.notes)


def test_a_mapped_pid_the_store_lacks_is_said(demo: tuple[DemoStore, str],
                                             tmp_path: Path) -> None:
    _, url = demo
    path = mapped_catalog(tmp_path, "store_pids = [202, 9999]")
    snapshot = session_with(url, tmp_path / "c", store_bases([str(path)])).fetch(1)
    assert "LiteSpeed Web Server: plans.1-cpu.store_pids names product 9999, which the " \
        "store does not have" in snapshot.notes


def test_the_products_matching_no_plan_are_listed_once(demo: tuple[DemoStore, str],
                                                      tmp_path: Path) -> None:
    store, url = demo
    snapshot = session_for(url, tmp_path).fetch(1)
    unmatched = [n for n in snapshot.notes if "match no catalog's plan" in n]
    assert unmatched == ["Store products that match no catalog's plan (not quoted): "
                         "'Starter Web Hosting' (pid 301), 'RapidSSL Certificate' (pid 302)"]
    for n in range(6):  # eight of them: five named, then how many more
        store.products[400 + n] = Product(400 + n, 4, f"Domain add-on {n}", "recurring",
                                          {"monthly": "1.00"}, type="other")
    [note] = [n for n in session_for(url, tmp_path).fetch(1).notes
              if "match no catalog's plan" in n]
    assert note.endswith("'Domain add-on 2' (pid 402) and 3 more")


# --- the command line ---------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_store_products_says_what_each_product_is(
        demo: tuple[DemoStore, str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    store, url = demo
    monkeypatch.setenv("LIC_STORE_SECRET", "s3cr3t-value")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    code, out, _ = run(capsys, "store", "products", "--url", url, "--identifier", "demo-id")
    assert code == 0
    lines = [line.split("\t") for line in out.splitlines()]
    assert lines[0] == ["pid", "name", "paytype", "type", "standing", "matches"]
    rows = {int(row[0]): row for row in lines[1:]}
    assert len(rows) == len(store.products)
    sold_1, sold_2 = store._pid("LiteSpeed Web Server 1-CPU"), \
        store._pid("LiteSpeed Web Server 2-CPU")
    retired = next(p.pid for p in store.products.values() if p.retired)
    hidden = next(p.pid for p in store.products.values() if p.hidden)
    assert rows[sold_1][4:] == ["", "litespeed: 1-CPU"]
    assert rows[retired][4:] == ["retired", "litespeed: 1-CPU (retired: not used)"]
    assert rows[hidden][4:] == ["hidden", f"litespeed: 2-CPU (hidden: pid {sold_2} is used)"]
    assert rows[sold_1 + 50][5] == "litespeed: 1-CPU (owned)"
    assert rows[store._pid("Ezeelogin SSH jump server")][5] == "ezeelogin: Servers"
    assert rows[301][5] == rows[302][5] == "none"


def test_store_licenses_with_the_users_catalog(
        demo: tuple[DemoStore, str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    store, url = demo
    product = rename_1cpu(store)
    monkeypatch.setenv("LIC_STORE_SECRET", "s3cr3t-value")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    argv = ("store", "licenses", "--url", url, "--identifier", "demo-id", "--format", "json")
    code, out, err = run(capsys, *argv)
    assert code == 0
    assert [x["service"] for x in json.loads(out)["licenses"]] == [1001]
    assert f"'LSWS 1 core' (pid {product.pid})" in err
    path = mapped_catalog(tmp_path, f"store_pids = [{product.pid}]")
    code, out, err = run(capsys, *argv, "--catalog", str(path))
    assert code == 0
    # The changeable ones (the Terminated, Cancelled and Fraud 1-CPU samples come after).
    assert [(x["service"], x["plan"]) for x in json.loads(out)["licenses"]
            if x["quotable"]] == [(1001, "servers"), (1002, "1-cpu")]
    assert "LSWS" not in err
    code, out, _ = run(capsys, "store", "products", "--url", url, "--identifier", "demo-id",
                       "--catalog", str(path))
    assert code == 0
    row = next(line.split("\t") for line in out.splitlines()
               if line.startswith(f"{product.pid}\t"))
    assert row[5] == "litespeed: 1-CPU"


def test_a_bad_store_pids_in_the_users_catalog_is_one_line(
        demo: tuple[DemoStore, str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    _, url = demo
    monkeypatch.setenv("LIC_STORE_SECRET", "s3cr3t-value")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = mapped_catalog(tmp_path, 'store_pids = ["202"]')
    code, out, err = run(capsys, "store", "licenses", "--url", url, "--identifier",
                         "demo-id", "--catalog", str(path))
    assert code == 2
    assert out == ""
    [line] = err.splitlines()
    assert line.startswith(f"lic-desktop: --catalog: {path}: plans.1-cpu.store_pids: must "
                           "be a list of the store's product ids")


def test_two_of_the_users_catalogs_of_one_name_are_refused(
        demo: tuple[DemoStore, str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Which of two "litespeed" catalogs should match the store's products? Neither is
    picked: one line naming both files."""
    _, url = demo
    monkeypatch.setenv("LIC_STORE_SECRET", "s3cr3t-value")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = mapped_catalog(tmp_path, "store_pids = [202]")
    second = tmp_path / "other.toml"
    second.write_bytes(first.read_bytes())
    code, out, err = run(capsys, "store", "licenses", "--url", url, "--identifier",
                         "demo-id", "--catalog", str(first), "--catalog", str(second))
    assert (code, out) == (2, "")
    assert err.splitlines() == [f"lic-desktop: --catalog: {str(second)!r} is a second "
                                f"catalog named 'litespeed' (the first is {first}): give one"]


def test_an_owned_product_mapped_as_leased_is_not_priced_as_leased(
        demo: tuple[DemoStore, str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A one-time product's price is its owned price (WHMCS keeps it under "monthly"):
    listed under store_pids by mistake it must not become the plan's monthly price."""
    store, url = demo
    owned = store.products[store._pid("LiteSpeed Web Server 1-CPU (owned)")]
    assert owned.paytype == "onetime"
    path = mapped_catalog(tmp_path, f"store_pids = [{owned.pid}]")
    snapshot = session_with(url, tmp_path / "d", store_bases([str(path)])).fetch(1)
    one_cpu = prices(snapshot.catalogs["litespeed"], "1-cpu")
    assert "monthly" not in one_cpu
    assert owned.pricing["monthly"] not in one_cpu.values()
    assert (f"LiteSpeed Web Server: plans.1-cpu.store_pids names 'LiteSpeed Web Server "
            f"1-CPU (owned)' (pid {owned.pid}), which the store sells one-time: not used "
            "(list it in store_pids_owned)") in snapshot.notes
    monkeypatch.setenv("LIC_STORE_SECRET", "s3cr3t-value")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    code, out, _ = run(capsys, "store", "products", "--url", url, "--identifier", "demo-id",
                       "--catalog", str(path))
    assert code == 0
    row = next(line.split("\t") for line in out.splitlines()
               if line.startswith(f"{owned.pid}\t"))
    assert row[5] == "litespeed: plans.1-cpu.store_pids (sold onetime: not used)"


def test_a_plan_sold_only_retired_is_no_upgrade_target(demo: tuple[DemoStore, str],
                                                       tmp_path: Path) -> None:
    store, url = demo
    sold = store._pid("LiteSpeed Web Server 1-CPU")
    retired = next(p.pid for p in store.products.values() if p.retired)
    del store.products[sold]  # only the retired 1-CPU is left
    answer = session_for(url, tmp_path).client.call("GetProducts")
    with pytest.raises(StoreError) as caught:
        product_id(litespeed(), answer, "1-cpu", owned=False)
    assert str(caught.value) == (f"the store no longer sells LiteSpeed Web Server 1-CPU: "
                                 f"its product {retired} is retired")
