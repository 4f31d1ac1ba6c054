"""Licensed wording installed on the server: validated, atomic, used by teacher_pack(),
recorded by new waves, and removable — through the API and the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from survey.access import SYSTEM
from survey.instruments import (
    PackError,
    child_pack,
    install_wording,
    remove_wording,
    teacher_pack,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "sample_data" / "licensed_wording_example.csv"


@pytest.fixture
def wording_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("KLASKAART_WORDING_DIR", str(tmp_path))
    return tmp_path


def test_install_use_and_remove(wording_dir):
    assert teacher_pack().wording_source == "own:teacher@1.0"
    install_wording("teacher", EXAMPLE.read_bytes(), "licensed.csv")
    pack = teacher_pack()
    assert pack.wording_source.startswith("licensed:licensed.csv:")
    assert pack.items[0].text["nl"] == "[licensed text for strs_cl01 (nl)]"
    assert child_pack().wording_source == "own:child@1.0"  # other packs untouched
    remove_wording("teacher")
    assert teacher_pack().wording_source == "own:teacher@1.0"


def test_a_bad_file_changes_nothing(wording_dir):
    install_wording("teacher", EXAMPLE.read_bytes(), "good.csv")
    before = teacher_pack().wording_source
    broken = EXAMPLE.read_text("utf-8").replace("strs_cl01,nl", "strs_xx99,nl")
    with pytest.raises(PackError, match="strs_xx99"):
        install_wording("teacher", broken.encode(), "broken.csv")
    assert teacher_pack().wording_source == before
    with pytest.raises(PackError, match="only"):
        install_wording("peers", b"", "x.csv")


def test_new_waves_record_the_installed_wording(wording_dir, engine):
    from survey.db import session_scope
    from survey.services import save_teacher_rating
    from tests.unit.test_storage import make_class

    install_wording("teacher", EXAMPLE.read_bytes(), "licensed.csv")
    with session_scope(engine) as s:
        wave_id, ids = make_class(s)
        from survey.models import TeacherRating, Wave

        s.get(Wave, wave_id).teacher_wording = teacher_pack().wording_source
    with session_scope(engine) as s:
        save_teacher_rating(s, wave_id, ids[0], "strs_cl01", 4, actor=SYSTEM)
    with session_scope(engine) as s:
        rating = s.query(TeacherRating).one()
        assert rating.wording_source.startswith("licensed:licensed.csv:")


def test_command_line(wording_dir):
    env = {"KLASKAART_WORDING_DIR": str(wording_dir), "PATH": "/usr/bin:/bin"}
    ok = subprocess.run([sys.executable, "-m", "survey", "install-wording", "teacher",
                         str(EXAMPLE)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert "licensed:licensed_wording_example.csv:" in ok.stdout
    bad = subprocess.run([sys.executable, "-m", "survey", "install-wording", "child",
                          str(EXAMPLE)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert bad.returncode == 2 and "unknown item" in bad.stderr.lower()
