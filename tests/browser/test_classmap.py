"""The class map and pupil profile in Chromium, as a new counsellor would use them.

Desktop: log in, open the class map, click Lucas's circle with the mouse (plotly selection
→ profile), print the sheet (PDF download), save care-team notes. iPad: the touch route —
the pupil picker beside the map. Screenshots go to test-artifacts/ (the ones in
docs/screenshots/ were taken from these)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from survey.db import make_engine, session_scope
from survey.models import CareTeamNote, Pupil
from tests.browser.conftest import go_to, log_in, screenshot, wait_for_run, wait_until_still
from tests.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

DESKTOP_TALL = {"width": 1366, "height": 2300}
IPAD_TALL = {"width": 810, "height": 2300}
PROFILE_URL = re.compile(r"/profile")


def collapse_sidebar(page) -> None:
    sidebar = page.get_by_test_id("stSidebar")
    page.get_by_test_id("stSidebarCollapseButton").locator("button").click()
    expect(sidebar).to_have_attribute("data-collapsed", "true")
    wait_until_still(sidebar)  # slid out: the main column has its new width


PLOT_DRAWN_JS = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  return !!(gd && gd._fullLayout && gd.querySelector('.scatterlayer .point'))
    && Math.abs(gd.getBoundingClientRect().width - gd._fullLayout.width) < 1;
}"""


def wait_for_plot(page) -> None:
    """Wait until plotly has drawn the class map's circles at the width of its column (after
    the sidebar slid out it redraws wider) and the map no longer moves."""
    page.wait_for_function(PLOT_DRAWN_JS)
    wait_until_still(page.locator(".js-plotly-plot").first)


NODE_POSITION_JS = """(pupilId) => {
  const gd = document.querySelector('.js-plotly-plot');
  const trace = gd._fullData.find(t => t.name === 'pupils');
  const i = trace.customdata.findIndex(v => v === pupilId);
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const box = gd.getBoundingClientRect();
  return [box.left + xa._offset + xa.l2p(trace.x[i]), box.top + ya._offset + ya.l2p(trace.y[i])];
}"""


def lucas_id(db_url: str) -> int:
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        pid = s.scalar(select(Pupil.id).where(Pupil.first_name == "Lucas",
                                              Pupil.last_name == "Groot"))
    engine.dispose()
    return pid


def test_desktop_click_on_a_circle_opens_the_profile_and_notes_are_saved(server, browser):
    url, db_url = server
    context = browser.new_context(viewport=DESKTOP_TALL, accept_downloads=True)
    page = context.new_page()
    log_in(page, url, "counsellor")
    go_to(page, "School")
    page.get_by_text("Kinderen die aandacht vragen").wait_for()
    screenshot(page, "school_overview_desktop")
    go_to(page, "Klaskaart")
    wait_for_plot(page)
    assert page.get_by_text("Dubbel risico", exact=True).first.is_visible()
    screenshot(page, "classmap_desktop")
    # PNG from plotly's own camera button (drawn in the browser, no server-side Chrome)
    page.locator(".js-plotly-plot").first.hover()
    with page.expect_download() as png:
        page.locator(".modebar-btn[data-title='Download plot as a PNG']").click()
    assert png.value.suggested_filename.endswith(".png")
    assert png.value.path().read_bytes().startswith(b"\x89PNG")
    png.value.save_as(ARTIFACTS / "classmap_download.png")
    with page.expect_download() as html:
        page.get_by_role("button", name="Download interactieve kaart (HTML)").click()
    page_html = html.value.path().read_text(encoding="utf-8")
    assert "plotly" in page_html and "Lucas" in page_html
    x, y = page.evaluate(NODE_POSITION_JS, lucas_id(db_url))
    page.mouse.click(x, y)
    page.wait_for_url(PROFILE_URL)
    page.get_by_text("Lucas de Groot").first.wait_for()
    wait_for_run(page)
    # plotly's "image download succeeded" toasts would otherwise sit on the screenshot
    page.evaluate("document.querySelectorAll('.plotly-notifier').forEach(e => e.remove())")
    screenshot(page, "profile_desktop")
    with page.expect_download() as download:
        page.get_by_role("button", name="Printbaar profiel (PDF)").click()
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF") and b"DejaVu" in pdf
    download.value.save_as(ARTIFACTS / "profile_download.pdf")
    page.get_by_label("Drie woorden die de relatie beschrijven").fill("onrustig, grappig, trouw")
    page.get_by_label("Werkvraag").fill("Hoe krijg ik meer positieve momenten met Lucas?")
    page.get_by_role("button", name="Bewaren").click()
    page.get_by_text("Bewaard.", exact=True).wait_for()
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        note = s.scalar(select(CareTeamNote).where(CareTeamNote.pupil_id == lucas_id(db_url)))
        assert note is not None and note.three_words == "onrustig, grappig, trouw"
    engine.dispose()
    context.close()


def test_ipad_picker_opens_the_profile(server, browser):
    url, _ = server
    context = browser.new_context(viewport=IPAD_TALL, has_touch=True, is_mobile=True)
    page = context.new_page()
    log_in(page, url, "counsellor")
    go_to(page, "Klaskaart")
    collapse_sidebar(page)
    wait_for_plot(page)
    screenshot(page, "classmap_ipad")
    # touch taps do not select plotly points: the picker beside the map is the way in
    page.get_by_role("button", name="Open profiel").nth(1).tap()
    page.wait_for_url(PROFILE_URL)
    page.get_by_text("Leerkracht en kind vergeleken").wait_for()
    wait_for_run(page)
    screenshot(page, "profile_ipad")
    context.close()


def choose(page, container, label: str, option: str) -> None:
    """Pick ``option`` in the selectbox called ``label`` inside ``container``."""
    box = container.get_by_test_id("stSelectbox").filter(has_text=label)
    box.locator("input").click()
    page.get_by_role("option", name=option, exact=True).click()
    expect(page.get_by_role("listbox")).to_have_count(0)
    wait_for_run(page)


def combobox(container, label: str):
    """The input of the selectbox called ``label``: its value is the option it shows."""
    return container.get_by_role("combobox", name=label, exact=True)


def test_english_stays_from_the_class_map_to_the_profile_and_a_reload(server, browser):
    """The teacher chooses a colour on the class map and switches to English: the colour
    stays chosen, shown in English. Opening a profile from the map keeps English
    everywhere, the selectboxes included; back on the map (a page switch) the colour is
    still chosen, in either language, and a reload stays English. Nederlands again at the
    end (the account as the other tests expect it)."""
    url, _ = server
    context = browser.new_context(viewport=DESKTOP_TALL)
    page = context.new_page()
    log_in(page, url, "teacher")
    go_to(page, "Klaskaart")
    main = page.get_by_test_id("stMain")
    sidebar = page.get_by_test_id("stSidebar")
    choose(page, main, "Kleur", "Nabijheid (percentiel)")
    choose(page, sidebar, "Taal", "English")
    page.get_by_role("heading", name="Class map").wait_for()
    expect(combobox(main, "Colour")).to_have_value("Closeness (percentile)")
    expect(combobox(sidebar, "Language")).to_have_value("English")
    page.get_by_role("button", name="Open profile").nth(1).click()
    page.get_by_text("Teacher and child compared").first.wait_for()
    wait_for_run(page)
    expect(page.get_by_role("heading", name="Pupil profile")).to_be_visible()
    expect(combobox(sidebar, "Language")).to_have_value("English")
    expect(main.get_by_text("Leerkracht en kind vergeleken")).to_have_count(0)
    expect(combobox(main, "Wave")).to_have_count(1)
    screenshot(page, "profile_english")
    go_to(page, "Class map")  # a page switch keeps the language and the colour
    expect(combobox(main, "Colour")).to_have_value("Closeness (percentile)")
    choose(page, sidebar, "Language", "Nederlands")
    page.get_by_role("heading", name="Klaskaart").wait_for()
    expect(combobox(main, "Kleur")).to_have_value("Nabijheid (percentiel)")
    choose(page, sidebar, "Taal", "English")
    page.get_by_role("heading", name="Class map").wait_for()
    page.reload()  # a new session, logged in again from the cookie: still English
    wait_for_run(page)
    page.get_by_role("heading", name="Class map").wait_for()
    expect(combobox(sidebar, "Language")).to_have_value("English")
    expect(combobox(main, "Colour")).to_have_count(1)
    choose(page, sidebar, "Language", "Nederlands")
    page.get_by_role("heading", name="Klaskaart").wait_for()
    context.close()
