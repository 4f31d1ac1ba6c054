"""Hostile and broken class lists uploaded on the set-up page in Chromium (issue [Holes]
items 2, 10, 12): a sheet claiming A1:XFD1048576, a zip bomb, a CSV field over 131,072
characters and a child listed twice. Each is refused with its message on the page, within
seconds, and nothing is stored; the page keeps working (a normal list then previews).
Screenshot: test-artifacts/roster_bad_files.png."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from survey.db import make_engine, session_scope
from survey.models import Pupil
from tests.browser.conftest import DESKTOP, ROOT, go_to, log_in, screenshot, wait_for_run
from tests.unit import attack_files

pytestmark = [pytest.mark.browser, pytest.mark.slow]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def pupil_count(db_url: str) -> int:
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        n = s.scalar(select(func.count()).select_from(Pupil))
    engine.dispose()
    return n


def upload(page, name: str, data: bytes, mime: str) -> None:
    """Upload and wait until the server has the file (its remove button shows once the
    upload has finished) and the run that follows has ended."""
    box = page.get_by_test_id("stFileUploader")
    with page.expect_response(lambda r: "/_stcore/upload_file" in r.url and r.ok):
        box.locator("input[type=file]").set_input_files(
            files=[{"name": name, "mimeType": mime, "buffer": data}])
    box.get_by_role("button", name=f"Remove {name}").wait_for()
    wait_for_run(page)


def test_bad_class_lists_are_refused_on_the_page(server, browser):
    url, db_url = server
    before = pupil_count(db_url)
    page = browser.new_context(viewport=DESKTOP).new_page()
    page.set_default_timeout(30_000)
    log_in(page, url, "teacher")
    go_to(page, "Klas inrichten")
    page.get_by_role("tab", name="Klassenlijst inlezen").click()
    problems = page.get_by_test_id("stTable")
    header = "Voornaam;Achternaam;Geslacht;Geboortedatum\n"
    cases = [
        ("dimension.xlsx", attack_files.dimension_xlsx(), XLSX, "gaat door tot na regel 2000"),
        ("bom.xlsx", attack_files.zip_bomb_xlsx(), XLSX, "veel groter dan een klassenlijst"),
        ("lang.csv", (header + "Anna;" + "B" * 140_000 + ";meisje;\n").encode(), "text/csv",
         "meer dan 131072 tekens"),
        ("dubbel.csv", (header + "Anna;Bos;meisje;01-01-2016\nAnna;Bos;meisje;01-01-2016\n")
         .encode(), "text/csv", "dezelfde leerling als regel 2"),
    ]
    for name, data, mime, message in cases:
        upload(page, name, data, mime)
        expect(page.get_by_text("Er is niets ingelezen")).to_be_visible()
        expect(problems).to_contain_text(message)
        expect(page.get_by_role("button", name="Inlezen")).to_have_count(0)
        if name == "bom.xlsx":
            screenshot(page, "roster_bad_files")
    assert pupil_count(db_url) == before
    # the page still works: a normal class list previews
    upload(page, "roster_groep6.xlsx", (ROOT / "sample_data" / "roster_groep6.xlsx")
           .read_bytes(), XLSX)
    expect(page.get_by_text("Voorbeeld:")).to_be_visible()
    assert pupil_count(db_url) == before
