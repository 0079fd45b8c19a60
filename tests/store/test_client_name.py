"""#13's leftover: the Licenses tab and `store licenses` named the client by id only.
The session reads the client's name from the GetClientsDetails answer it already fetches
for the currency (developers.whmcs.com/api-reference/getclientsdetails: `client.firstname`,
`lastname`, `fullname`, `companyname`), worded as the Connect dialog's search names a
client: "company — full name". Against WHMCS's recorded example answer, the demo store
over HTTP on 127.0.0.1 and the cached copy; the command line's text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lic_desktop.cli import main
from lic_desktop.store.client import StoreError
from lic_desktop.store.clients import details_name
from lic_desktop.store.demo import DemoStore
from tests.store.conftest import session_for

RECORDED = Path(__file__).parents[1] / "fixtures" / "whmcs_docs" / "getclientsdetails.json"


def recorded() -> dict[str, object]:
    answer = json.loads(RECORDED.read_text(encoding="utf-8"))
    assert isinstance(answer, dict)
    return answer


def test_the_documented_answer_names_its_client() -> None:
    # The docs' example: firstname "Test", lastname "Client", companyname "".
    assert details_name(recorded()) == "Test Client"
    # WHMCS before 7 sent only the deprecated top-level copy of the fields.
    top_level = {"result": "success", "firstname": "Test", "lastname": "Client",
                 "fullname": "Test Client", "companyname": "Example Ltd",
                 "currency_code": "USD"}
    assert details_name(top_level) == "Example Ltd — Test Client"


def test_a_client_without_a_name_has_none_and_a_bad_field_is_named() -> None:
    answer = recorded()
    client = answer["client"]
    assert isinstance(client, dict)
    nameless = {**answer, "client": {**client, "firstname": "", "lastname": "",
                                     "fullname": "", "companyname": ""}}
    assert details_name(nameless) == ""  # never the e-mail: the id names the client
    # Only a full name (first and last name empty): that.
    only_full = {**answer, "client": {**client, "firstname": "", "lastname": ""}}
    assert details_name(only_full) == "Test Client"
    # A company named as its person (a sole trader; the demo's bulk reseller): once.
    same = {**answer, "client": {**client, "companyname": "test CLIENT"}}
    assert details_name(same) == "test CLIENT"
    broken = {**answer, "client": {**client, "companyname": {"name": "Acme"}}}
    with pytest.raises(StoreError, match=r"GetClientsDetails answer: client\.companyname "
                                         r"is not a text"):
        details_name(broken)


def test_the_session_names_the_demo_client_live_and_from_the_cache(
        demo: tuple[DemoStore, str], tmp_path: Path) -> None:
    store, url = demo
    acme, bernd = store.clients[1], store.clients[2]
    session = session_for(url, tmp_path)
    live = session.fetch(1)
    assert not live.cached
    assert live.client_name == f"{acme.companyname} — {acme.firstname} {acme.lastname}"
    assert session.fetch(2).client_name == f"{bernd.firstname} {bernd.lastname}"  # no company
    cached = session.load_cached(1)  # the cached copy carries it too
    assert cached is not None
    assert cached.cached
    assert cached.client_name == live.client_name


def test_the_store_name_is_one_line_cut_to_80_characters(
        demo: tuple[DemoStore, str], tmp_path: Path) -> None:
    store, url = demo
    store.clients[1].companyname = "<b>Acme</b>\nHosting " + "x" * 200
    store.clients[1].firstname = store.clients[1].lastname = ""
    name = session_for(url, tmp_path).fetch(1).client_name
    assert len(name) == 80
    assert name.startswith("<b>Acme</b> Hosting xxx")
    assert name.endswith("x…")
    store.clients[1].companyname = ""
    assert session_for(url, tmp_path / "again").fetch(1).client_name == ""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_store_licenses_names_the_client_in_text_and_json(
        demo: tuple[DemoStore, str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    store, url = demo
    monkeypatch.setenv("LIC_STORE_SECRET", "s3cr3t-value")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    argv = ("--locale", "en_US", "store", "licenses", "--url", url, "--identifier",
            "demo-id", "--client-id", "1")
    code, out, _ = run(capsys, *argv)
    assert code == 0
    first = out.splitlines()[0]
    assert first.startswith("2 licenses (as of ")
    assert first.endswith(" of Acme Hosting — Jane Doe (client 1)")
    code, out, _ = run(capsys, *argv, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert (data["client_id"], data["client_name"]) == (1, "Acme Hosting — Jane Doe")

    # A client the store gives no name: the line as before, an empty name in the JSON.
    for field in ("firstname", "lastname", "companyname"):
        setattr(store.clients[2], field, "")
    argv = (*argv[:-1], "2")
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert out.splitlines()[0].startswith("1 license (as of ")
    assert "client" not in out.splitlines()[0]
    code, out, _ = run(capsys, *argv, "--format", "json")
    assert (json.loads(out)["client_id"], json.loads(out)["client_name"]) == (2, "")
