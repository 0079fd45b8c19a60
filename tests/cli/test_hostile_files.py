"""Scenario and catalog files that are hostile or broken end in one clean line, exit 2
(issue #12, points 7 and 9). /dev/zero and FIFOs, which could hang a regression, are in
tests/faults/test_file_faults.py, each in a subprocess with a timeout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lic_desktop.cli import main
from lic_desktop.resources_path import resources_dir

SEED = resources_dir() / "scenarios" / "seed-upgrade.toml"
LITESPEED = resources_dir() / "catalogs" / "litespeed.toml"
LONG = "1" * 5000  # more digits than Python turns into an int (4,300)
SCENARIO = {"catalog": "ezeelogin", "plan": "servers", "cycle": "monthly",
            "start": "2022-11-01 09:00", "at": "2022-11-16 00:23"}


def said(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    err = capsys.readouterr().err
    return code, err


def one_clean_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, lines
    assert "internal error" not in err
    assert "Traceback" not in err
    return lines[0]


def test_a_deeply_nested_catalog_nests_too_deeply(capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n", encoding="utf-8")
    code, err = said(capsys, "quote", "--scenario", str(SEED), "--catalog", str(deep))
    assert code == 2
    line = one_clean_line(err)
    assert line.startswith("lic-desktop: --catalog: ")
    assert str(deep) in line
    assert "too deeply" in line


def test_a_catalog_number_of_thousands_of_digits_names_its_key(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = LITESPEED.read_text(encoding="utf-8").replace("months = 12", f"months = {LONG}")
    path = tmp_path / "long.toml"
    path.write_text(text, encoding="utf-8")
    code, err = said(capsys, "catalogs", "--catalog", str(path))
    assert code == 2
    line = one_clean_line(err)
    assert f"{path}: months: " in line


def test_a_catalog_without_its_catalog_table_names_the_table(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = LITESPEED.read_text(encoding="utf-8")
    _head, rest = text.split("[cycles.monthly]", 1)
    path = tmp_path / "catalog.toml"
    path.write_text("[cycles.monthly]" + rest, encoding="utf-8")
    code, err = said(capsys, "catalogs", "--catalog", str(path))
    assert code == 2
    line = one_clean_line(err)
    assert f"{path}: [catalog]: " in line
    assert "missing" in line
    assert "add" in line
    assert "must be a table" not in line


def test_a_catalog_larger_than_a_catalog_can_be_is_refused_unread(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    path.write_text(LITESPEED.read_text(encoding="utf-8") + "# " + "x" * (2 << 20) + "\n",
                    encoding="utf-8")
    code, err = said(capsys, "catalogs", "--catalog", str(path))
    assert code == 2
    assert "larger than a catalog can be" in one_clean_line(err)


def test_a_folder_as_a_catalog_is_refused(capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    folder = tmp_path / "catalogs.toml"
    folder.mkdir()
    code, err = said(capsys, "quote", "--scenario", str(SEED), "--catalog", str(folder))
    assert code == 2
    assert "not a regular file" in one_clean_line(err)


def test_a_catalog_name_too_long_for_a_file_is_no_internal_error(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, err = said(capsys, "quote", "--scenario", str(SEED), "--catalog", "c" * 5000)
    assert code == 2
    assert one_clean_line(err).startswith("lic-desktop: --catalog: ")


@pytest.mark.parametrize("kind", ["toml", "json"])
def test_a_scenario_quantity_of_thousands_of_digits_names_the_field(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"long.{kind}"
    if kind == "json":
        path.write_text(json.dumps(SCENARIO)[:-1] + f', "quantity": {LONG}}}',
                        encoding="utf-8")
    else:
        path.write_text("\n".join(f'{k} = "{v}"' for k, v in SCENARIO.items())
                        + f"\nquantity = {LONG}\n", encoding="utf-8")
    code, err = said(capsys, "quote", "--scenario", str(path))
    assert code == 2
    assert one_clean_line(err).startswith("lic-desktop: --quantity: ")


def test_a_nul_in_a_json_scenarios_catalog_names_the_field(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "nul.json"
    path.write_text(json.dumps({**SCENARIO, "catalog": "my\0catalog.toml"}),
                    encoding="utf-8")
    code, err = said(capsys, "quote", "--scenario", str(path))
    assert code == 2
    line = one_clean_line(err)
    assert line.startswith("lic-desktop: --catalog: ")
    assert "NUL" in line
    assert "embedded null byte" not in line


def test_a_scenario_larger_than_a_scenario_can_be_is_refused_unread(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    path.write_text(SEED.read_text(encoding="utf-8") + "# " + "x" * (2 << 20) + "\n",
                    encoding="utf-8")
    code, err = said(capsys, "quote", "--scenario", str(path))
    assert code == 2
    line = one_clean_line(err)
    assert line.startswith("lic-desktop: --scenario: ")
    assert "larger than a scenario" in line
