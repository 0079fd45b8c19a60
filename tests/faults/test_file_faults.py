"""The fault suite for scenario and catalog files: hostile files through `quote --scenario`,
`--catalog` (quote, catalogs and the window's --screenshot) and the Qt-free loaders.

hypothesis writes random bytes, deep nesting, numbers of thousands of digits, wrong types
and NULs into scenario files (TOML and JSON) and into copies of a shipped catalog. Whatever
is in them: exit 0 or 2, never an internal error or a traceback, and an error is one line
naming the option or field (or the file and key). The loaders raise only their own errors
(InputError, CatalogError). /dev/zero, FIFOs and folders run in a subprocess with a
timeout, so a regression fails instead of hanging the suite.

LIC_FAULTS_TALLY=FILE adds this module's counts (inputs tried, clean errors, crashes,
hangs) to FILE as a JSON line.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lic_desktop.catalogs import load_catalog
from lic_desktop.cli import main
from lic_desktop.core.catalog import CatalogError
from lic_desktop.core.periods import InputError
from lic_desktop.core.scenario import parse_scenario_text
from lic_desktop.present.scenario_file import read_scenario_file
from lic_desktop.resources_path import resources_dir

SEED = resources_dir() / "scenarios" / "seed-upgrade.toml"
LITESPEED = resources_dir() / "catalogs" / "litespeed.toml"
SCENARIO: dict[str, Any] = tomllib.loads(SEED.read_text(encoding="utf-8"))
CATALOG: dict[str, Any] = tomllib.loads(LITESPEED.read_text(encoding="utf-8"))
TALLY: Counter[str] = Counter()
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# --- hostile values and files -----------------------------------------------------------

TEXT = st.one_of(st.text(max_size=30),
                 st.lists(st.sampled_from(["\0", "\x1b[2J", "\n", "ezeelogin", "/dev/zero",
                                           "..", ".toml", '"', "'''"]), max_size=5)
                 .map("".join))
SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(-10**4000, 10**4000),
                   st.floats(), TEXT, st.datetimes(), st.dates(), st.times())
VALUE = st.recursive(SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(TEXT, inner, max_size=4)),
                     max_leaves=12)


def deep(kind: str, depth: int) -> str:
    """A value nested `depth` times, as the file's language writes it."""
    if kind == "json":
        return "[" * depth + "]" * depth
    return "[" * depth + "]" * depth if depth % 2 else "{a = " * depth + "1" + "}" * depth


def toml_or_json(data: dict[str, Any], kind: str) -> str | None:
    """The data written as TOML or JSON, or None when the format cannot hold it (a None,
    a float NaN in JSON is fine; TOML has no null)."""
    try:
        if kind == "json":
            return json.dumps(data, default=str)
        return tomli_w.dumps(data)
    except (TypeError, ValueError):
        return None


def mutated(base: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    """`base` with a few keys set to hostile values, added or deleted, at any depth."""
    result = json.loads(json.dumps(base, default=str))  # a deep copy, dates as text
    for _ in range(data.draw(st.integers(1, 3))):
        table = result
        while isinstance(table, dict) and table and data.draw(st.booleans()):
            key = data.draw(st.sampled_from(sorted(table)))
            if not isinstance(table[key], dict):
                break
            table = table[key]
        if not isinstance(table, dict):
            continue
        action = data.draw(st.sampled_from(["set", "set", "add", "delete"]))
        if action == "delete" and table:
            del table[data.draw(st.sampled_from(sorted(table)))]
        elif action == "add":
            table[data.draw(TEXT)] = data.draw(VALUE)
        elif table:
            table[data.draw(st.sampled_from(sorted(table)))] = data.draw(VALUE)
    return result


def hostile_text(data: st.DataObject, base: dict[str, Any], kind: str) -> str | bytes:
    choice = data.draw(st.sampled_from(["bytes", "mutated", "mutated", "mutated", "deep",
                                        "long number", "nul"]))
    if choice == "bytes":
        return data.draw(st.binary(max_size=600))
    if choice == "deep":
        depth = data.draw(st.sampled_from([10, 200, 999, 1000, 3000, 20000]))
        return ("{\"a\": " + deep(kind, depth) + "}") if kind == "json" \
            else f"a = {deep(kind, depth)}\n"
    if choice in ("long number", "nul"):
        key = data.draw(st.sampled_from(sorted(base)))
        text = toml_or_json({k: v for k, v in base.items() if k != key}, kind) or ""
        value = "1" * data.draw(st.integers(4_000, 6_000)) if choice == "long number" \
            else '"a\\u0000b"'
        if kind == "json":
            return text.rstrip("}") + ("," if len(text) > 2 else "") + f'"{key}": {value}}}'
        return f"{key} = {value}\n" + text
    return toml_or_json(mutated(base, data), kind) or ""


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


def run(*argv: str) -> tuple[int, list[str]]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(list(argv))
    return code, err.getvalue().splitlines()


def check_one_line(code: int, err: list[str], options: tuple[str, ...]) -> None:
    """Exit 0 (a quote) or 2 with one line naming an option or the file."""
    TALLY["inputs tried"] += 1
    text = "\n".join(err)
    assert "internal error" not in text
    assert "Traceback" not in text
    assert code in (0, 2), err
    if code == 2:
        assert len(err) == 1, err
        assert err[0].startswith("lic-desktop: --"), err
        assert any(err[0].startswith(f"lic-desktop: {o}") for o in options) or \
            err[0].split(": ")[1].startswith("--"), err
        TALLY["clean errors"] += 1


@SETTINGS
@given(st.data(), st.sampled_from(["toml", "json"]))
def test_a_hostile_scenario_file_is_quoted_or_one_line(data: st.DataObject, kind: str) -> None:
    text = hostile_text(data, SCENARIO, kind)
    with tempfile.TemporaryDirectory() as name:
        path = write(Path(name), f"scenario.{kind}", text)
        code, err = run("quote", "--scenario", str(path))
        check_one_line(code, err, ("--scenario", "--catalog"))
        # The window's own reader (Qt-free) refuses with its own errors only.
        source = path.read_text(encoding="utf-8", errors="replace")
        for reader in (lambda: parse_scenario_text(source, path.name),
                       lambda: read_scenario_file(source, path.name, load_catalog,
                                                  datetime(2022, 11, 16))):
            with contextlib.suppress(InputError, CatalogError):
                reader()


@SETTINGS
@given(st.data())
def test_a_hostile_catalog_file_loads_or_is_one_line(data: st.DataObject) -> None:
    text = hostile_text(data, CATALOG, "toml")
    with tempfile.TemporaryDirectory() as name:
        path = write(Path(name), "catalog.toml", text)
        with contextlib.suppress(CatalogError):
            load_catalog(str(path))
        for argv in (["catalogs", "--catalog", str(path)],
                     ["quote", "--scenario", str(SEED), "--catalog", str(path), "--plan",
                      "vps", "--cycle", "yearly", "--quantity", "1", "--to-plan", "4-cpu",
                      "--to-quantity", "1"]):
            code, err = run(*argv)
            # A catalog that loads may still not sell what is asked: the option says so.
            check_one_line(code, err, ("--catalog", "--plan", "--cycle", "--quantity",
                                       "--to-plan", "--to-cycle", "--to-quantity", "--paid"))
            if code == 2 and err[0].startswith("lic-desktop: --catalog: "):
                assert "catalog.toml" in err[0], err  # the file is named


# --- what could hang: each in a subprocess with a timeout ---------------------------------

TIMEOUT = 60  # seconds; a refusal takes well under one (the window's a few)
NO_SCREEN = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def _limit_memory() -> None:  # a /dev/zero read for ever stops at 2 GiB, not the machine's
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def lic_desktop(*argv: str, cwd: Path, limit: bool = True) -> subprocess.CompletedProcess[str]:
    TALLY["inputs tried"] += 1
    try:
        done = subprocess.run([sys.executable, "-m", "lic_desktop", *argv], cwd=cwd,
                              capture_output=True, text=True, timeout=TIMEOUT, check=False,
                              env=NO_SCREEN, preexec_fn=_limit_memory if limit else None)
    except subprocess.TimeoutExpired:
        TALLY["hangs"] += 1
        raise
    if done.returncode not in (0, 2) or "Traceback" in done.stderr:
        TALLY["crashes"] += 1
    return done


def hostile_path(tmp_path: Path, kind: str, name: str) -> Path:
    if kind == "zero":
        return Path("/dev/zero")
    if kind == "folder":
        folder = tmp_path / name
        folder.mkdir()
        return folder
    fifo = tmp_path / name
    os.mkfifo(fifo)  # no writer: opening it to read would block for ever
    return fifo


KINDS = ["fifo", "zero", "folder"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_scenario_that_is_no_regular_file_is_refused_at_once(tmp_path: Path,
                                                               kind: str) -> None:
    path = hostile_path(tmp_path, kind, "scenario.toml")
    done = lic_desktop("quote", "--scenario", str(path), cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stderr == f"lic-desktop: --scenario: cannot read {path}: it is not a regular " \
        "file\n"
    TALLY["clean errors"] += 1


@pytest.mark.parametrize("command", ["quote", "catalogs"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_catalog_that_is_no_regular_file_is_refused_at_once(tmp_path: Path, kind: str,
                                                              command: str) -> None:
    path = hostile_path(tmp_path, kind, "catalog.toml")
    argv = ["--scenario", str(SEED)] if command == "quote" else []
    done = lic_desktop(command, *argv, "--catalog", str(path), cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stderr == f"lic-desktop: --catalog: {path}: cannot be read (it is not a " \
        "regular file)\n"
    TALLY["clean errors"] += 1


@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_a_scenario_naming_a_catalog_that_is_no_regular_file_is_refused(
        tmp_path: Path, kind: str) -> None:
    catalog = hostile_path(tmp_path, kind, "catalog.toml")
    scenario = tmp_path / "scenario.json"
    scenario.write_text(json.dumps({**SCENARIO, "catalog": str(catalog)}), encoding="utf-8")
    done = lic_desktop("quote", "--scenario", str(scenario), cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1
    assert "not a regular file" in done.stderr
    TALLY["clean errors"] += 1


@pytest.mark.parametrize("option", ["--catalog", "--scenario"])
def test_the_windows_screenshot_refuses_a_fifo_at_once(tmp_path: Path, option: str) -> None:
    fifo = hostile_path(tmp_path, "fifo", "file.toml")
    png = tmp_path / "window.png"
    # No memory limit: Qt reserves address space far beyond what it uses.
    done = lic_desktop(option, str(fifo), "--screenshot", str(png), cwd=tmp_path, limit=False)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    # Qt's offscreen plugin has its own notes ("does not support propagateSizeHints()").
    ours = [line for line in done.stderr.splitlines() if line.startswith("lic-desktop")]
    assert len(ours) == 1, done.stderr
    assert ours[0].startswith(f"lic-desktop: {option}: ")
    assert "not a regular file" in ours[0]
    TALLY["clean errors"] += 1
