"""Issue #13, point 3: the client is found by the start of an e-mail, a name or a company
(WHMCS's GetClients `search`, developers.whmcs.com/api-reference/getclients), in the
store code and on the command line; the demo store answers GetClients as the page
describes it. Against the documentation's example answer and over real HTTP on
127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lic_desktop.cli import main
from lic_desktop.store.client import Credentials, StoreClient, StoreError
from lic_desktop.store.clients import (
    ClientSearchError,
    find_clients,
    matches,
    resolve_client,
)
from lic_desktop.store.demo import Client, DemoStore
from tests.faults.fault_store import IDENTIFIER, SECRET, FaultStore, body_answer, json_answer
from tests.store.conftest import FAST

RECORDED = Path(__file__).parents[1] / "fixtures" / "whmcs_docs" / "getclients.json"
GLOBEX = 300  # clients of one reseller: more than one page of 250


def client_of(url: str) -> StoreClient:
    return StoreClient(Credentials(url, "demo-id", "s3cr3t-value"), FAST,
                       sleep=lambda s: None)


def starting_with(store: DemoStore, search: str) -> set[int]:
    """The clients the docs' rule names: `search` at the start of the email, firstname,
    lastname, fullname or companyname (any case)."""
    wanted = search.lower()
    return {c.id for c in store.clients.values()
            if any(field.lower().startswith(wanted) for field in
                   (c.email, c.firstname, c.lastname, f"{c.firstname} {c.lastname}",
                    c.companyname))}


# --- the documentation's example answer --------------------------------------------------

def test_the_documented_answer_is_read_with_names_and_emails() -> None:
    found = matches(json.loads(RECORDED.read_text(encoding="utf-8")))
    assert [(m.id, m.fullname, m.companyname, m.email, m.status) for m in found] == [
        (2, "Angelica Mohr", "", "price.ima@example.com", "Active"),
        (1, "Price Beier", "", "cecelia99@example.com", "Active")]
    assert [m.datecreated.isoformat() if m.datecreated else None for m in found] == [
        "2016-01-15", "2016-01-01"]


@pytest.fixture
def recorded() -> Iterator[FaultStore]:
    server = FaultStore(answer=body_answer(RECORDED.read_bytes()))
    yield server
    server.stop()


def test_the_documented_answer_over_http_is_two_matches_to_choose_from(
        recorded: FaultStore) -> None:
    with StoreClient(Credentials(recorded.url(), IDENTIFIER, SECRET), FAST,
                     sleep=lambda s: None) as client:
        found = find_clients(client, "example.com")
        assert [(m.id, m.email) for m in found] == [(2, "price.ima@example.com"),
                                                    (1, "cecelia99@example.com")]
        with pytest.raises(ClientSearchError) as caught:
            resolve_client(client, "example.com")
    message = str(caught.value)
    assert "\n" not in message
    assert "matches 2 clients" in message
    assert "Angelica Mohr <price.ima@example.com> (id 2)" in message
    assert "Price Beier <cecelia99@example.com> (id 1)" in message
    assert "give the client's id" in message


def test_a_client_whose_id_is_not_a_number_is_a_store_error_naming_it() -> None:
    def spoil(action: str, data: dict[str, Any]) -> None:
        if action == "GetClients":
            data["clients"]["client"][0]["id"] = "abc"

    server = FaultStore()
    server.answer = json_answer(server.store, spoil)
    try:
        with StoreClient(Credentials(server.url(), IDENTIFIER, SECRET), FAST,
                         sleep=lambda s: None) as client, \
                pytest.raises(StoreError) as caught:
            find_clients(client, "acme")
    finally:
        server.stop()
    assert str(caught.value) == ("the store's GetClients answer: clients.client[0].id is "
                                 "not a number ('abc')")


# --- the demo store over HTTP ------------------------------------------------------------

def test_a_search_finds_several_one_or_none(demo: tuple[DemoStore, str]) -> None:
    store, url = demo
    several = starting_with(store, "jane")
    assert len(several) >= 3  # the demo has clients to show a choice
    with client_of(url) as client:
        found = find_clients(client, "jane")
        assert {m.id for m in found} == several
        closed = [m for m in found if m.status == "Closed"]
        assert closed, "a closed client is listed with its status"
        assert closed[0].label.endswith(", Closed)")
        assert [m.id for m in find_clients(client, "acme")] == [1]  # company "Acme Hosting"
        assert [m.id for m in find_clients(client, "ACME")] == [1]  # any case, as LIKE
        assert [m.id for m in find_clients(client, "Jane Doe")] == [1]  # the full name
        assert find_clients(client, "zzz-nobody") == []

        assert resolve_client(client, "acme") == 1
        assert resolve_client(client, " 12 ") == 12  # digits are the id itself
        with pytest.raises(ClientSearchError) as none:
            resolve_client(client, "zzz-nobody")
        with pytest.raises(ClientSearchError) as many:
            resolve_client(client, "jane")
    assert str(none.value) == "no client's e-mail, name or company starts with 'zzz-nobody'"
    assert f"'jane' matches {len(several)} clients: " in str(many.value)
    for number in several:
        assert f"(id {number}" in str(many.value)


def test_the_whole_email_names_its_client_among_longer_ones(
        demo: tuple[DemoStore, str]) -> None:
    store, url = demo
    store.clients[20] = Client(20, "Jane", "Doe", "Acme Hosting (EU)",
                               "jane.doe@acme.example.org")
    with client_of(url) as client:
        assert {m.id for m in find_clients(client, "jane.doe@acme.example")} == {1, 20}
        assert resolve_client(client, "jane.doe@acme.example") == 1


def test_an_empty_search_is_refused_before_asking_the_store(
        demo: tuple[DemoStore, str]) -> None:
    _, url = demo
    with client_of(url) as client:
        for blank in ("", "   "):
            with pytest.raises(ClientSearchError, match="empty search would list every"):
                find_clients(client, blank)


def test_a_search_longer_than_a_page_is_read_whole(demo: tuple[DemoStore, str]) -> None:
    store, url = demo
    store.add_many_clients(GLOBEX)
    expected = starting_with(store, "globex")
    assert len(expected) == GLOBEX
    seen: list[tuple[str, int, int]] = []
    with client_of(url) as client:
        found = find_clients(client, "globex", progress=lambda *p: seen.append(p))
    assert {m.id for m in found} == expected
    assert len(found) == GLOBEX  # none twice
    assert seen[-1] == ("GetClients", GLOBEX, GLOBEX)
    assert len(seen) > 1  # more than one page was asked for


def test_the_demo_answers_getclients_as_documented(demo: tuple[DemoStore, str]) -> None:
    store, url = demo
    store.add_many_clients(GLOBEX)
    with client_of(url) as client:
        first = client.call("GetClients", search="globex")
        assert (first["totalresults"], first["startnumber"], first["numreturned"]) == (
            GLOBEX, 0, 25)  # limitnum: 25 unless asked
        one = first["clients"]["client"][0]
        assert set(one) == {"id", "firstname", "lastname", "companyname", "email",
                            "datecreated", "groupid", "status"}
        assert isinstance(one["id"], int)  # as the documentation's example
        later = client.call("GetClients", search="globex", limitstart=290, limitnum=25)
        assert (later["startnumber"], later["numreturned"]) == (290, 10)
        closed = client.call("GetClients", search="jane", status="Closed")
        assert [c["status"] for c in closed["clients"]["client"]] == ["Closed"]
        by_id = client.call("GetClients", search="jane", orderby="id", sorting="DESC")
        ids = [c["id"] for c in by_id["clients"]["client"]]
        assert ids == sorted(starting_with(store, "jane"), reverse=True)
        assert [c["id"] for c in client.call("GetClients", search="muller")
                ["clients"]["client"]] == [2]  # Müller: the table ignores accents


# --- the command line --------------------------------------------------------------------

def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        url: str, *argv: str) -> tuple[int, str, str]:
    monkeypatch.setenv("LIC_STORE_SECRET", "s3cr3t-value")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    code = main(["store", *argv, "--url", url, "--identifier", "demo-id"])
    out, err = capsys.readouterr()
    return code, out, err


def test_store_clients_prints_the_matches(demo: tuple[DemoStore, str], tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    store, url = demo
    code, out, _ = run(capsys, monkeypatch, tmp_path, url, "clients", "--search", "jane")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split("\t") == ["id", "name", "company", "email", "status"]
    rows = [line.split("\t") for line in lines[1:]]
    assert {int(r[0]) for r in rows} == starting_with(store, "jane")
    for number, name, company, email, status in rows:
        known = store.clients[int(number)]
        assert (name, company, email, status) == (
            known.fullname, known.companyname, known.email, known.status)
    code, out, _ = run(capsys, monkeypatch, tmp_path, url, "clients", "--search", "acme",
                       "--format", "json")
    assert code == 0
    assert [(c["id"], c["email"]) for c in json.loads(out)["clients"]] == [
        (1, "jane.doe@acme.example")]


def test_client_picks_the_licenses_by_name_and_refuses_an_ambiguous_one(
        demo: tuple[DemoStore, str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    store, url = demo
    code, out, _ = run(capsys, monkeypatch, tmp_path, url, "licenses", "--client", "acme",
                       "--format", "json")
    assert code == 0
    ones = sorted(s.id for s in store.services.values() if s.clientid == 1)
    assert sorted(x["service"] for x in json.loads(out)["licenses"]) == ones

    code, out, err = run(capsys, monkeypatch, tmp_path, url, "licenses", "--client", "jane")
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("lic-desktop: --client: 'jane' matches 3 clients: ")
    for number in starting_with(store, "jane"):
        assert f"(id {number}" in err

    code, _, err = run(capsys, monkeypatch, tmp_path, url, "licenses", "--client", "zzz")
    assert (code, err) == (2, "lic-desktop: --client: no client's e-mail, name or company "
                              "starts with 'zzz'\n")


def test_client_and_client_id_together_and_client_id_alone(
        demo: tuple[DemoStore, str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    _, url = demo
    code, _, err = run(capsys, monkeypatch, tmp_path, url, "licenses", "--client", "acme",
                       "--client-id", "1")
    assert code == 2
    assert "--client " in err
    assert "--client-id" in err
    assert len(err.splitlines()) == 1
    code, out, _ = run(capsys, monkeypatch, tmp_path, url, "invoices", "--client-id", "1")
    assert code == 0  # scripts that pass --client-id keep working
    code, out2, _ = run(capsys, monkeypatch, tmp_path, url, "invoices", "--client",
                        "Jane Doe")
    assert (code, out2) == (0, out)
    code, _, err = run(capsys, monkeypatch, tmp_path, url, "clients")
    assert code == 2
    assert err.startswith("lic-desktop: --search: ")
