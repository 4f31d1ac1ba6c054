"""A teacher, in a real browser, gets a class ready: log in, create a class, import the
sample roster (.xlsx), give consent, prepare and open a wave, download the login cards
(PDF: 8 cards a page, every QR code opens that child's survey), and hand the tablet to a
child. Screenshots go to test-artifacts/ (teacher_*.png, desktop and iPad)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import select

from survey.db import make_engine, session_scope
from survey.tokens import lookup
from tests.browser.conftest import DESKTOP, IPAD, ROOT, go_to, log_in, screenshot, wait_for_run

pytestmark = pytest.mark.browser
ROSTER = ROOT / "sample_data" / "roster_groep6.xlsx"


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the selectbox ``label`` (the caller waits for what it opens)."""
    page.get_by_test_id("stMain").get_by_label(label, exact=True).click()
    page.get_by_role("option", name=option).click()


def pdf_pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(re.search(r"Pages:\s+(\d+)", out.stdout).group(1))


def qr_urls(path: Path, page_no: int, tmp_path: Path) -> list[str]:
    png = tmp_path / f"p{page_no}"
    subprocess.run(["pdftoppm", "-r", "150", "-f", str(page_no), "-l", str(page_no), "-png",
                    "-singlefile", str(path), str(png)], check=True)
    return [b.text for b in zxingcpp.read_barcodes(Image.open(f"{png}.png"))]


def test_teacher_sets_up_a_class_and_prints_cards(server, browser, tmp_path):
    url, db_url = server
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()
    log_in(page, url, "teacher")
    page.get_by_text("Welkom").first.wait_for()

    # 1. A new class
    go_to(page, "Klas inrichten")
    choose(page, "Klas", "➕ Nieuwe klas aanmaken")
    page.get_by_label("Naam van de klas").fill("Groep 6 nieuw")
    page.get_by_role("button", name="Klas aanmaken").click()
    page.get_by_text("De klas is aangemaakt").wait_for()
    wait_for_run(page)

    # 2. Import the sample roster: preview first, then commit
    # (the page switched to the import tab by itself)
    page.locator("input[type='file']").set_input_files(str(ROSTER))
    page.get_by_text("Voorbeeld: 24 nieuw").wait_for()
    wait_for_run(page)
    screenshot(page, "teacher_import_preview")
    page.get_by_role("button", name="Inlezen (24 leerlingen)").click()
    page.get_by_text("Klaar: 24 leerlingen toegevoegd").wait_for()
    wait_for_run(page)

    # 3. Consent (the demo school is opt-in): everyone 'given' in one go
    # (after the import the page shows the pupils tab)
    page.get_by_role("button", name=re.compile("Alle 24 met 'onbekend'")).click()
    page.get_by_text("24 leerlingen doen mee").wait_for()
    wait_for_run(page)
    screenshot(page, "teacher_pupils")

    # 4. A wave: prepare, open (with confirmation)
    go_to(page, "Metingen")
    page.get_by_role("button", name="Meting klaarzetten").click()
    page.get_by_role("button", name="Meting openen").wait_for()
    wait_for_run(page)
    page.get_by_role("button", name="Meting openen").click()
    page.get_by_role("button", name="Ja, doorgaan").wait_for()
    wait_for_run(page)
    page.get_by_role("button", name="Ja, doorgaan").click()
    page.get_by_text("is open").first.wait_for()
    wait_for_run(page)

    # 5. Login cards: 24 cards at 8 a page = 3 pages; every QR code opens a survey
    page.get_by_role("tab", name="Inlogkaarten").click()
    screenshot(page, "teacher_wave_cards")
    with page.expect_download() as info:
        page.get_by_role("button", name="Inlogkaarten downloaden (PDF)").click()
    pdf = tmp_path / "cards.pdf"
    info.value.save_as(pdf)
    assert pdf_pages(pdf) == 3
    urls = qr_urls(pdf, 1, tmp_path)
    assert len(urls) == 8
    assert all(u.startswith(f"{url}/?t=") for u in urls)
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        found = [lookup(s, u.split("?t=", 1)[1]) for u in urls]
        assert {f.state for f in found} == {"ok"}
        first_name = found[0].pupil.first_name
        assert s.scalar(select(1)) == 1
    engine.dispose()
    child = browser.new_context(viewport=IPAD).new_page()
    child.goto(urls[0])
    wait_for_run(child)
    assert first_name in child.locator("[data-testid='stMain']").inner_text()
    child.context.close()

    # 6. The class tablet (tested through in test_class_tablet.py): a PIN form on the tab
    page.get_by_role("tab", name="Klastablet").click()
    expect(page.get_by_role("button", name="Klastablet aanzetten")).to_be_visible()
    context.close()
