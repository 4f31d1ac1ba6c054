"""The care-team sheet of a demo pupil ([Everyday] item 10): one A4 page when the notes are
short, a second page only when they need it; the black-and-white class map tells the
profiles apart by shape; the child's name on the map has no line through it. The pages
are rendered to PNG (pdftoppm) for looking at: docs/screenshots/profile_pdf_*.png."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from analysis.classmap import PROFILES, edge_table, node_table
from analysis.exports import PROFILE_MARK, profile_pdf
from analysis.profile import pupil_profile
from survey.access import SYSTEM
from survey.db import make_engine, session_scope
from survey.models import Pupil

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SHORT = {"three_words": "onrustig, grappig, eerlijk", "work_question": "Meer rust?"}
LONG = {
    "three_words": "onrustig, grappig, eerlijk",
    "moment_clicked": "Tijdens het voorlezen zat hij naast me en vertelde over zijn opa. " * 6,
    "moment_not_clicked": "Bij rekenen liep het uit de hand: hij gooide zijn schrift weg. " * 6,
    "work_question": "Hoe krijgen we meer rust bij de overgangen tussen de lessen? " * 4,
    "target_behaviour": "Lucas vraagt om hulp in plaats van weg te lopen. " * 4,
    "notes": "Gesprek met ouders gepland; volgende week terugkoppeling in het team. " * 8,
}


@pytest.fixture
def lucas(demo_env, demo_db_url):
    """Lucas de Groot (groep 5a, double risk, two waves): profile, nodes and edges."""
    from ui.analysis_cache import class_analysis

    engine = make_engine(demo_db_url)
    with session_scope(engine) as s:
        p = s.scalar(select(Pupil).where(Pupil.first_name == "Lucas",
                                         Pupil.last_name == "Groot"))
        pupil_id, class_id = p.id, p.class_id
    engine.dispose()
    ca = class_analysis(class_id, "nl", actor=SYSTEM)
    wave_id = ca.wave_ids[-1]
    profile = pupil_profile(ca.result, ca.pupils, ca.nominations, ca.questions,
                            wave_id=wave_id, pupil_id=pupil_id, roster=ca.roster,
                            waves_order=ca.wave_ids)
    nodes = node_table(ca.result.pupils_table(), ca.names, ca.positions, wave_id, class_id,
                       ca.roster, ca.nominations, ca.questions)
    edges = edge_table(ca.nominations, wave_id, "liked_most", nodes["pupil_id"])
    assert profile.double_risk and profile.previous_wave_id is not None

    def sheet(note):
        return profile_pdf(profile, nodes, edges, class_name=ca.class_name,
                           wave_name=ca.wave_name(wave_id), care_note=note,
                           previous_wave_name=ca.wave_name(profile.previous_wave_id))
    return sheet


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines()
                    if line.startswith("Pages:")))


@pytest.mark.parametrize(("note", "pages", "name"), [
    ({}, 1, "empty"), (SHORT, 1, "short"), (LONG, 2, "long")])
def test_one_page_for_short_notes_a_second_only_when_needed(lucas, tmp_path, note, pages,
                                                            name):
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(lucas(note))
    assert _pages(path) == pages
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    for value in note.values():  # every note is printed whole
        assert value.split()[-1].strip(".;") in text
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(path),
                    str(tmp_path / f"profile_pdf_{name}")], check=True)
    for png in tmp_path.glob(f"profile_pdf_{name}*.png"):
        shutil.copy(png, DOCS / png.name)


def test_the_map_tells_profiles_apart_by_shape_not_grey():
    marks = {prof: PROFILE_MARK[prof] for prof in PROFILES}
    assert len(set(marks.values())) == len(marks)  # every profile its own mark
    shapes = {shape for shape, _ in marks.values()}
    assert len(shapes) >= 4  # told apart by shape, with at most two fills per shape
    assert {fill for _, fill in marks.values()} <= {0, 160, 255}  # black, one grey, white
