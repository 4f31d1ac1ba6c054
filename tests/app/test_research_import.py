"""AppTest of the research-import page: who may use it, and the whole path from uploaded
example files to result tables and downloads (nothing is written to the database)."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

from sqlalchemy import func, select

from survey.db import make_engine, session_scope
from survey.models import Nomination, Pupil, TeacherRating
from tests.app.conftest import app, shown, texts

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "sample_data" / "study_example"
PAGE = "app_pages/research_import.py"


def _upload(at, key: str, *names: str):
    files = [(n, (EXAMPLE / n).read_bytes(), "text/csv") for n in names]
    widget = at.get("file_uploader")
    uploader = next(w for w in widget if w.key == key)
    uploader.set_value(files if uploader.accept_multiple_files else files[0])


def _counts(url: str) -> tuple[int, int, int]:
    engine = make_engine(url)
    with session_scope(engine) as s:
        counts = tuple(s.scalar(select(func.count()).select_from(m))
                       for m in (Pupil, Nomination, TeacherRating))
    engine.dispose()
    return counts


def test_researcher_sees_the_page_in_the_navigation(demo_env):
    at = app(user_id=demo_env["researcher"])
    at.switch_page(PAGE).run()
    assert not at.exception
    shown = texts(at)
    assert "Eigen onderzoeksdata analyseren" in shown
    assert "alleen in het geheugen" in shown
    assert "<wave_id>__<class_id>__<question_id>.csv" in shown
    assert [n.value for n in at.number_input][:2] == [9, -1]


def test_teacher_and_counsellor_are_refused(demo_env):
    for role in ("teacher", "counsellor", "admin"):
        at = app(PAGE, user_id=demo_env[role])
        assert "Deze pagina is niet beschikbaar voor jouw rol." in texts(at)
        assert not at.get("file_uploader")


def test_edge_list_and_answers_give_tables_and_downloads(demo_env, demo_db_url):
    before = _counts(demo_db_url)
    at = app(PAGE, user_id=demo_env["researcher"])
    _upload(at, "ri_roster", "roster.csv")
    _upload(at, "ri_edges", "edges.csv")
    _upload(at, "ri_teacher", "teacher_answers.csv")
    at.run()
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert "Klaar: 38 leerlingen in 2 klas(sen)." in texts(at)
    classes, pupils = at.dataframe[0].value, at.dataframe[1].value
    assert len(pupils) == 38  # the roster's 38 pupils (2 classes × 20, 2 without consent)
    assert set(classes["question_id"]) == {"liked_most", "liked_least", "teacher_likes",
                                           "teacher_angry"}
    assert pupils["teacher_conflict"].notna().sum() > 30
    assert len(at.get("download_button")) == 2
    # a settings change hides the results computed with other settings
    at.slider(key="ri_min_participation").set_value(0.9).run()
    assert not at.dataframe
    assert _counts(demo_db_url) == before  # analysed in memory only


def test_matrices_alone_with_codes(demo_env):
    at = app(PAGE, user_id=demo_env["researcher"])
    _upload(at, "ri_matrices", "1__2__liked_most.csv", "1__2__liked_least.csv")
    at.run()
    at.button[0].click().run()
    pupils = at.dataframe[1].value
    # 20 pupils in the files, 2 of them coded -1 (not in class) → 18 on the roster
    assert len(pupils) == 18 and not {34, 36} & set(pupils["pupil_id"])


def test_bad_files_are_explained_in_plain_words(demo_env):
    at = app(PAGE, user_id=demo_env["researcher"])
    at.button[0].click().run()
    assert "Upload eerst de nominaties" in texts(at)
    _upload(at, "ri_edges", "edges.csv")
    at.run()
    at.button[0].click().run()
    assert "Upload ook de leerlingenlijst" in texts(at)
    _upload(at, "ri_roster", "teacher_answers.csv")  # the wrong file in the roster slot
    at.run()
    at.button[0].click().run()
    error = shown("\n".join(e.value for e in at.error))
    # in the interface language (Dutch here), naming the file and the missing columns
    assert "teacher_answers.csv: leerlingenlijst: kolom(men) wave_id, class_id ontbreken" in error
    assert not at.dataframe


def test_several_waves_ask_for_the_wave_of_the_answer_files(demo_env):
    roster = b"wave_id,class_id,pupil_id\n1,A,1\n1,A,2\n2,A,1\n2,A,2\n"
    edges = b"wave_id,class_id,question_id,rater_id,target_id\n1,A,liked_most,1,2\n"
    at = app(PAGE, user_id=demo_env["researcher"])
    uploaders = {w.key: w for w in at.get("file_uploader")}
    uploaders["ri_roster"].set_value(("r.csv", roster, "text/csv"))
    uploaders["ri_edges"].set_value(("e.csv", edges, "text/csv"))
    items = [f"strs_cl{i:02d}" for i in range(1, 12)]  # all 11 closeness items of pupil 1
    teacher = ",".join(["pupil_id", *items]) + "\n1" + ",4" * 11 + "\n"
    uploaders["ri_teacher"].set_value(("t.csv", teacher.encode(), "text/csv"))
    at.run()
    at.button[0].click().run()
    assert "meer dan één meting (1, 2)" in texts(at) and not at.dataframe
    at.text_input(key="ri_wave").input("2").run()
    at.button[0].click().run()
    assert not at.exception
    pupils = at.dataframe[1].value
    # both waves are analysed; the teacher rating belongs to wave 2 only
    assert pupils.groupby("wave_id")["teacher_closeness"].count().to_dict() == {1: 0, 2: 1}


HOSTILE_ROSTER = (b'wave_id,class_id,pupil_id\n1,A,"=HYPERLINK(""http://x"",""klik"")"\n'
                  b"1,A,2\n1,A,3\n")
HOSTILE_EDGES = (b'wave_id,class_id,question_id,rater_id,target_id\n'
                 b'1,A,liked_most,"=HYPERLINK(""http://x"",""klik"")",2\n'
                 b"1,A,liked_most,2,2\n1,A,liked_most,2,99\n1,A,liked_most,3,98\n"
                 b"1,A,favourite_colour,3,2\n")


def _set(at, key: str, name: str, data: bytes) -> None:
    next(w for w in at.get("file_uploader") if w.key == key).set_value(
        (name, data, "text/csv"))


def test_left_out_rows_are_counted_and_downloads_are_neutralised(demo_env):
    made: dict[str, bytes] = {}

    def capture(label, make, *, file_name, key, **kwargs):
        made[file_name] = make()

    at = app(PAGE, user_id=demo_env["researcher"])
    _set(at, "ri_roster", "r.csv", HOSTILE_ROSTER)
    _set(at, "ri_edges", "e.csv", HOSTILE_EDGES)
    at.run()
    at.button[0].click().run()
    assert not at.exception, at.exception
    warning = "\n".join(w.value for w in at.warning)
    assert "Niet meegeteld in de analyse (4 van 5 nominatieregels" in warning
    assert "2 nominatie(s) voor een gekozen leerling die niet op de klassenlijst staat" in warning
    assert "1 keer koos een leerling zichzelf" in warning
    assert "1 nominatie(s) bij een vraag die niet in de vragenlijst staat" in warning
    buttons = at.get("download_button")
    assert len(buttons) == 2 and all(b.proto.deferred_file_id for b in buttons)
    with mock.patch("ui.downloads.private_download", capture):
        at.run()
    assert not at.exception, at.exception
    pupils = made["pupils.csv"].decode("utf-8")
    assert "'=HYPERLINK" in pupils
    assert all(not line.startswith("=") and ",=" not in line and ',"=' not in line
               for line in pupils.splitlines())


def test_each_file_is_parsed_once_per_session(demo_env):
    from analysis import importers

    at = app(PAGE, user_id=demo_env["researcher"])
    _upload(at, "ri_roster", "roster.csv")
    _upload(at, "ri_edges", "edges.csv")
    at.run()
    at.button[0].click().run()
    assert "Klaar: 38 leerlingen" in texts(at)
    with mock.patch.object(importers, "_read_csv", side_effect=AssertionError("parsed")):
        at.slider(key="ri_min_participation").set_value(0.9).run()
        at.button[0].click().run()  # other settings, same files: analysed, not re-parsed
    assert not at.exception, at.exception
    assert "Klaar: 38 leerlingen" in texts(at)


def test_an_oversized_roster_is_refused_with_the_limit(demo_env):
    roster = b"wave_id,class_id,pupil_id\n" + b"".join(b"1,A,%d\n" % i for i in range(2001))
    at = app(PAGE, user_id=demo_env["researcher"])
    assert "2.000 leerlingen per klas" in texts(at)  # the limits are stated up front
    _set(at, "ri_roster", "groot.csv", roster)
    _upload(at, "ri_edges", "edges.csv")
    at.run()
    at.button[0].click().run()
    error = shown("\n".join(e.value for e in at.error))
    assert "groot.csv: meting 1, klas A heeft 2.001 leerlingen; per klas (één netwerk) " \
           "kunnen hoogstens 2.000 leerlingen" in error
    assert not at.dataframe
