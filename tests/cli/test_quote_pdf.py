"""The quote document as a salesperson sends it (issue 14), read back with poppler's own
tools, as a customer's PDF viewer would: pdftotext -layout, pdfinfo, pdffonts. The
expected texts are the issue's and the seed article's (10 servers at 19.90 USD upgraded
to 16 on the 16th: 19.90 * (16 / 30) = $10.61 USD, first bill amount $21.23 USD)."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from lic_desktop import __version__
from lic_desktop.cli import main as cli_main
from tests.conftest import SCENARIOS

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils (.ci/apt-packages.txt) is not installed")

SELLER = """\
name = "Northwind Hosting GmbH"
address = ["Hauptstraße 1", "10115 Berlin"]
email = "sales@northwind.example"
phone = "+49 30 1234567"
website = "https://northwind.example"
vat_number = "DE123456789"
validity_days = 14
terms = "Prices exclude VAT."
"""
UPGRADE = str(SCENARIOS / "seed-upgrade.toml")


@pytest.fixture(autouse=True)
def _application(qapp: QApplication) -> None:
    """pytest-qt's QApplication, which `--pdf` then uses: a QGuiApplication of its own
    would leave none for the window tests that run after these."""


def poppler(tool: str, *args: str) -> str:
    return subprocess.run([tool, *args], check=True, capture_output=True, text=True).stdout


def seller_file(tmp_path: Path, text: str = SELLER) -> Path:
    path = tmp_path / "seller.toml"
    path.write_text(text, encoding="utf-8")
    return path


def quote_pdf(tmp_path: Path, *argv: str, name: str = "q.pdf") -> Path:
    target = tmp_path / name
    assert cli_main(["quote", "--scenario", UPGRADE, *argv, "--pdf", str(target)]) == 0
    return target


def lines(pdf: Path) -> list[str]:
    return poppler("pdftotext", "-layout", str(pdf), "-").splitlines()


def line_with(found: list[str], *parts: str) -> str:
    """The one line holding every part, each whole."""
    hits = [line for line in found if all(p in line for p in parts)]
    assert hits, f"no line holds {parts!r}:\n" + "\n".join(found)
    return hits[0]


def test_the_seed_upgrade_reads_whole_lines_with_number_seller_and_validity(
        tmp_path: Path) -> None:
    pdf = quote_pdf(tmp_path, "--seller", str(seller_file(tmp_path)), "--locale", "en_US")
    found = lines(pdf)
    line_with(found, "19.90 * (16 / 30) = $10.61 USD")
    assert re.search(r"First bill amount\s+\$21\.23 USD", line_with(found, "First bill amount"))
    line_with(found, "Northwind Hosting GmbH")
    number = re.search(r"Quote number\s+(Q-20221116-[0-9A-F]{8})\b",
                       line_with(found, "Quote number")).group(1)
    # Valid until: the issue date and the seller's 14 days.
    issued = re.search(r"Issue date\s+(\w{3} \d{1,2}, \d{4})", line_with(found, "Issue date"))
    until = re.search(r"Valid until\s+(\w{3} \d{1,2}, \d{4})", line_with(found, "Valid until"))
    assert datetime.strptime(until.group(1), "%b %d, %Y") == \
        datetime.strptime(issued.group(1), "%b %d, %Y") + timedelta(days=14)
    # The same inputs, the same number; the footer carries it and the version.
    again = lines(quote_pdf(tmp_path, "--seller", str(seller_file(tmp_path)), name="b.pdf"))
    assert line_with(again, "Quote number") == line_with(found, "Quote number")
    other = lines(quote_pdf(tmp_path, "--to-quantity", "17", name="c.pdf"))
    assert number not in "\n".join(other)
    footer = line_with(found, f"Made with lic-desktop {__version__}", "Page 1 of 1")
    assert number in footer
    line_with(found, "10 → 16 servers, monthly, from Nov 16, 2022")


def test_the_german_quote_keeps_verbleibende_tage_whole(tmp_path: Path) -> None:
    found = lines(quote_pdf(tmp_path, "--locale", "de_DE"))
    assert re.search(r"Verbleibende Tage\s+16\b", line_with(found, "Verbleibende Tage", "16"))
    line_with(found, "19,90 * (16 / 30) = 10,61 $")


@pytest.mark.parametrize(("argv", "size"), [
    (("--locale", "en_US"), "612 x 792 pts (letter)"),
    (("--locale", "de_DE"), "595 x 842 pts (A4)"),
    (("--locale", "fr_FR"), "595 x 842 pts (A4)"),
    (("--locale", "en_US", "--paper", "a4"), "595 x 842 pts (A4)"),
    (("--locale", "de_DE", "--paper", "letter"), "612 x 792 pts (letter)"),
])
def test_the_paper_follows_the_locale_or_the_choice(tmp_path: Path, argv: tuple[str, ...],
                                                    size: str) -> None:
    info = poppler("pdfinfo", str(quote_pdf(tmp_path, *argv)))
    assert re.search(rf"Page size:\s+{re.escape(size)}", info)


def test_metadata_and_embedded_fonts(tmp_path: Path) -> None:
    pdf = quote_pdf(tmp_path, "--seller", str(seller_file(tmp_path)))
    info = poppler("pdfinfo", str(pdf))
    assert re.search(r"Title:\s+Quote Q-20221116-[0-9A-F]{8}\n", info)
    assert re.search(r"Author:\s+Northwind Hosting GmbH\n", info)
    fonts = poppler("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts
    assert all(line.split()[-5] == "yes" for line in fonts)  # the "emb" column


def test_without_seller_details_the_document_says_so(tmp_path: Path) -> None:
    text = " ".join(" ".join(lines(quote_pdf(tmp_path))).split())
    assert "No seller details are set" in text


@pytest.mark.parametrize(("text", "key"), [
    ('name = "A"\ncolour = "red"\n', "colour"),
    ('name = "A"\nvalidity_days = "soon"\n', "validity_days"),
    ('name = "A"\nvalidity_days = 0\n', "validity_days"),
    ('address = 12\n', "address"),
    ('name = "A"\nlogo = "missing.png"\n', "logo"),
    ('name = "A"\nlogo = "seller.toml"\n', "logo"),
    ('phone = 123\n', "phone"),
])
def test_a_bad_seller_file_is_refused_whole_naming_the_key(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, key: str) -> None:
    path = seller_file(tmp_path, text)
    target = tmp_path / "q.pdf"
    code = cli_main(["quote", "--scenario", UPGRADE, "--seller", str(path),
                     "--pdf", str(target)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"lic-desktop: --seller: {path}: {key}: ")
    assert err.count("\n") == 1
    assert not target.exists()


def test_a_seller_logo_is_drawn(tmp_path: Path) -> None:
    from PySide6.QtGui import QColor, QImage  # noqa: PLC0415

    logo = QImage(120, 40, QImage.Format.Format_RGB32)
    logo.fill(QColor("#d01010"))
    assert logo.save(str(tmp_path / "logo.png"))
    path = seller_file(tmp_path, SELLER + 'logo = "logo.png"\n')
    pdf = quote_pdf(tmp_path, "--seller", str(path))
    assert "image" in poppler("pdfimages", "-list", str(pdf)).splitlines()[2]


def test_a_long_document_runs_onto_more_pages_each_with_its_footer(tmp_path: Path) -> None:
    terms = "\\n".join(f"Clause {n}: the customer reads this clause." for n in range(1, 121))
    path = seller_file(tmp_path, SELLER.replace('terms = "Prices exclude VAT."',
                                                f'terms = "{terms}"'))
    pdf = quote_pdf(tmp_path, "--seller", str(path), "--paper", "a4")
    pages = int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", str(pdf))).group(1))
    assert pages >= 3
    text = poppler("pdftotext", "-layout", str(pdf), "-")
    for page, content in enumerate(text.split("\f")[:pages], start=1):
        line_with(content.splitlines(), f"Made with lic-desktop {__version__}",
                  f"Page {page} of {pages}")
    for n in range(1, 121):  # every clause whole, none lost between two pages
        line_with(text.splitlines(), f"Clause {n}: the customer reads this clause.")
