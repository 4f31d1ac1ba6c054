"""The real server in Chromium: the demo researcher uploads the example study files,
analyses them and downloads pupils.csv (one row per pupil of the roster)."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from tests.browser.conftest import DESKTOP, log_in, screenshot, wait_for_run

pytestmark = pytest.mark.browser

EXAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "study_example"


def _upload(page, label: str, *names: str) -> None:
    """Upload and wait until the server has the files (the file name shows before the
    upload has finished, its remove button once it has; clicking on then would race the
    upload) and the run that follows has ended."""
    box = page.get_by_test_id("stFileUploader").filter(has_text=label)
    with page.expect_response(lambda r: "/_stcore/upload_file" in r.url and r.ok):
        box.locator("input[type=file]").set_input_files([str(EXAMPLE / n) for n in names])
    for name in names:
        box.get_by_role("button", name=f"Remove {name}").wait_for()
    wait_for_run(page)


def test_researcher_analyses_the_example_study(server, browser, tmp_path):
    url, _ = server
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()
    log_in(page, url, "researcher")
    page.get_by_test_id("stSidebar").get_by_text("Eigen onderzoeksdata analyseren").click()
    page.get_by_text("alleen in het geheugen geanalyseerd").wait_for()
    wait_for_run(page)
    _upload(page, "Leerlingenlijst (CSV)", "roster.csv")
    _upload(page, "Nominaties als lijst (CSV)", "edges.csv")
    _upload(page, "Oordelen van de leerkracht", "teacher_answers.csv")
    _upload(page, "Antwoorden van de kinderen", "child_answers.csv")
    page.get_by_role("button", name="Analyseer").click()
    page.get_by_text("Klaar: 38 leerlingen in 2 klas(sen).").wait_for()
    wait_for_run(page)
    page.get_by_test_id("stDataFrame").nth(1).wait_for()
    page.get_by_test_id("stExpander").filter(has_text="Instellingen").click()  # show settings
    page.set_viewport_size({"width": 1366, "height": 2900})  # the whole page in one picture
    wait_for_run(page)
    page.get_by_test_id("stMain").hover()
    page.mouse.wheel(0, -10_000)  # Streamlit scrolls its main block, not the window
    page.wait_for_function("() => document.querySelector('[data-testid=stMain]').scrollTop === 0")
    screenshot(page, "research_import")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download pupils.csv").click()
    download = info.value
    assert download.suggested_filename == "pupils.csv"
    target = tmp_path / "pupils.csv"
    download.save_as(target)
    pupils = pd.read_csv(io.BytesIO(target.read_bytes()))
    roster = pd.read_csv(EXAMPLE / "roster.csv")
    assert len(pupils) == len(roster) == 38
    assert sorted(pupils["pupil_id"]) == sorted(roster["pupil_id"])
    assert pupils["child_closeness"].notna().any()
    context.close()
