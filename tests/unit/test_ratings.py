"""survey.ratings on SQLite and PostgreSQL: overview, resume position, grid save (all or
nothing), consent, idempotence."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from survey.access import SYSTEM
from survey.db import session_scope
from survey.instruments import teacher_pack
from survey.models import (
    AuditEvent,
    Consent,
    Pupil,
    School,
    SchoolClass,
    TeacherRating,
    Wave,
)
from survey.ratings import (
    COMPLETE,
    NOT_STARTED,
    PARTIAL,
    PupilProgress,
    class_overview,
    item_order,
    next_incomplete,
    rateable_waves,
    record_pupil_batch,
    resume_position,
    save_grid,
    wave_ratings,
)
from survey.services import SurveyError, save_teacher_rating

ORDER = item_order()


def make_class(session, *, refused: str | None = "Cas") -> dict:
    """Class with Anna, Bram, Cas (consent refused by default) and Dirk; waves of 3 states."""
    school = School(name="Test", consent_mode="opt_in")
    session.add(school)
    session.flush()
    group = SchoolClass(school_id=school.id, name="Groep 5", grade=5)
    session.add(group)
    session.flush()
    ids = {}
    for first in ("Anna", "Bram", "Cas", "Dirk"):
        pupil = Pupil(class_id=group.id, first_name=first, last_name="Smit", gender="x")
        session.add(pupil)
        session.flush()
        status = "refused" if first == refused else "given"
        session.add(Consent(pupil_id=pupil.id, status=status))
        ids[first] = pupil.id
    waves = {}
    for name, status, day in (("old", "closed", 1), ("new", "open", 20), ("next", "draft", 30)):
        wave = Wave(class_id=group.id, name=name, status=status, starts_on=dt.date(2026, 10, day))
        session.add(wave)
        session.flush()
        waves[name] = wave.id
    session.flush()
    return {"class": group.id, "pupils": ids, "waves": waves}


@pytest.fixture
def setup(engine):
    with session_scope(engine) as s:
        return make_class(s)


def rate(engine, wave_id, pupil_id, items, value=3):
    with session_scope(engine) as s:
        for item_id in items:
            save_teacher_rating(s, wave_id, pupil_id, item_id, value, actor=SYSTEM)


def test_item_order_interleaves_dimensions_and_keeps_every_item():
    pack = teacher_pack()
    assert sorted(ORDER) == sorted(i.id for i in pack.items)
    dims = {i.id: i.dimension for i in pack.items}
    # closeness 11, conflict 12, dependency 5: rounds 1..5 have all three dimensions
    # (15 items), rounds 6..11 closeness + conflict (12 items), round 12 conflict only.
    assert [dims[i] for i in ORDER[:3]] == ["closeness", "conflict", "dependency"]
    assert ORDER[15:17] == ["strs_cl06", "strs_cf06"]
    assert ORDER[-1] == "strs_cf12"
    longest = run = 1
    for a, b in zip(ORDER, ORDER[1:], strict=False):
        run = run + 1 if dims[a] == dims[b] else 1
        longest = max(longest, run)
    assert longest == 2  # only the very end (cl11, cf11, cf12) has two conflict items in a row


def test_overview_counts_complete_partial_not_started(engine, setup):
    new = setup["waves"]["new"]
    anna, bram, dirk = (setup["pupils"][n] for n in ("Anna", "Bram", "Dirk"))
    rate(engine, new, anna, ORDER)  # all 28
    rate(engine, new, bram, ORDER[:12])  # 12 of 28
    with session_scope(engine) as s:
        rows = class_overview(s, new, actor=SYSTEM)
    by_name = {r.name: r for r in rows}
    assert list(by_name) == ["Anna Smit", "Bram Smit", "Dirk Smit"]  # Cas: no consent
    assert (by_name["Anna Smit"].status, by_name["Anna Smit"].answered) == (COMPLETE, 28)
    assert (by_name["Bram Smit"].status, by_name["Bram Smit"].answered) == (PARTIAL, 12)
    assert by_name["Bram Smit"].first_missing == ORDER[12]
    assert (by_name["Dirk Smit"].status, by_name["Dirk Smit"].first_missing) == (
        NOT_STARTED,
        ORDER[0],
    )
    assert by_name["Anna Smit"].short_name == "Anna"  # survey.names: first names unique
    # ratings of another wave do not count
    with session_scope(engine) as s:
        assert all(r.answered == 0 for r in class_overview(s, setup["waves"]["old"], actor=SYSTEM))
    assert dirk not in {r.pupil_id for r in rows if r.answered}


def test_resume_is_first_incomplete_pupil_and_its_first_missing_item(engine, setup):
    new = setup["waves"]["new"]
    anna, bram = setup["pupils"]["Anna"], setup["pupils"]["Bram"]
    with session_scope(engine) as s:
        assert resume_position(s, new, actor=SYSTEM) == (anna, ORDER[0])
    # Anna rated except statement 5 (skipped): resume at Anna, statement 5
    rate(engine, new, anna, [i for i in ORDER if i != ORDER[4]])
    with session_scope(engine) as s:
        assert resume_position(s, new, actor=SYSTEM) == (anna, ORDER[4])
    rate(engine, new, anna, [ORDER[4]])
    with session_scope(engine) as s:
        assert resume_position(s, new, actor=SYSTEM) == (bram, ORDER[0])
    rate(engine, new, bram, ORDER)
    rate(engine, new, setup["pupils"]["Dirk"], ORDER)
    with session_scope(engine) as s:
        assert resume_position(s, new, actor=SYSTEM) == (None, None)


def test_next_incomplete_wraps_and_skips_complete_pupils():
    def row(pid, answered):
        return PupilProgress(
            pid, f"p{pid}", f"p{pid}", answered, 28, None if answered == 28 else "x"
        )

    rows = [row(1, 0), row(2, 28), row(3, 5), row(4, 28)]
    assert next_incomplete(rows, 1) == 3  # 2 is complete
    assert next_incomplete(rows, 3) == 1  # wraps past 4 (complete)
    assert next_incomplete(rows, 2) == 3
    assert next_incomplete(rows, None) == 1
    assert next_incomplete([row(1, 0), row(2, 28)], 1) is None  # only the current one is open


def test_save_is_idempotent_and_refuses_off_scale_and_refused_consent(engine, setup):
    new = setup["waves"]["new"]
    anna, cas = setup["pupils"]["Anna"], setup["pupils"]["Cas"]
    rate(engine, new, anna, [ORDER[0]], 2)
    rate(engine, new, anna, [ORDER[0]], 2)  # double tap
    rate(engine, new, anna, [ORDER[0]], 4)  # changed mind
    with session_scope(engine) as s:
        rows = s.scalars(select(TeacherRating).where(TeacherRating.pupil_id == anna)).all()
        assert [(r.item_id, r.value) for r in rows] == [(ORDER[0], 4)]
    for value in (0, 6):
        with pytest.raises(SurveyError), session_scope(engine) as s:
            save_teacher_rating(s, new, anna, ORDER[1], value, actor=SYSTEM)
    with pytest.raises(SurveyError), session_scope(engine) as s:
        save_teacher_rating(s, new, cas, ORDER[1], 3, actor=SYSTEM)


def test_old_ratings_of_a_pupil_without_consent_stay_hidden(engine):
    with session_scope(engine) as s:
        data = make_class(s, refused=None)
    new, cas = data["waves"]["new"], data["pupils"]["Cas"]
    rate(engine, new, cas, ORDER[:3])
    with session_scope(engine) as s:
        s.get(Pupil, cas).consent.status = "refused"  # consent withdrawn later
    with session_scope(engine) as s:
        assert cas not in wave_ratings(s, new, actor=SYSTEM)
        assert cas not in {r.pupil_id for r in class_overview(s, new, actor=SYSTEM)}


def test_rateable_waves_newest_first_without_drafts(engine, setup):
    with session_scope(engine) as s:
        names = [w.name for w in rateable_waves(s, setup["class"], actor=SYSTEM)]
    assert names == ["new", "old"]


def test_grid_writes_changed_cells_and_one_audit_event(engine, setup):
    new = setup["waves"]["new"]
    anna, bram = setup["pupils"]["Anna"], setup["pupils"]["Bram"]
    rate(engine, new, anna, [ORDER[0]], 2)
    cells = {
        (anna, ORDER[0]): 2,  # unchanged: not rewritten
        (anna, ORDER[1]): 5.0,  # a float from the editor is fine when whole
        (bram, ORDER[0]): "1",  # text "1" too
        (bram, ORDER[1]): None,  # empty: skipped
    }
    with session_scope(engine) as s:
        result = save_grid(s, new, cells, actor=SYSTEM)
    assert result.ok and result.saved == 2 and result.kept_blank == 0
    with session_scope(engine) as s:
        assert wave_ratings(s, new, actor=SYSTEM)[anna] == {ORDER[0]: 2, ORDER[1]: 5}
        assert wave_ratings(s, new, actor=SYSTEM)[bram] == {ORDER[0]: 1}
        events = s.scalars(select(AuditEvent)).all()
        assert [(e.action, e.detail["answers"], e.detail["pupils"]) for e in events] == [
            ("teacher_ratings_saved", 2, 2)
        ]
    # saving the same grid again writes nothing and audits nothing
    with session_scope(engine) as s:
        again = save_grid(s, new, {**cells, (anna, ORDER[1]): 5, (bram, ORDER[0]): 1}, actor=SYSTEM)
    assert again.ok and again.saved == 0
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == 1


def test_grid_with_one_bad_value_writes_nothing_and_names_pupil_and_statement(engine, setup):
    new = setup["waves"]["new"]
    anna, bram = setup["pupils"]["Anna"], setup["pupils"]["Bram"]
    cells = {
        (anna, ORDER[0]): 3,
        (anna, ORDER[1]): 4,
        (bram, ORDER[6]): 6,  # off the scale, statement 7
        (bram, ORDER[7]): 2.5,  # not a whole number, statement 8
    }
    with session_scope(engine) as s:
        result = save_grid(s, new, cells, language="nl", actor=SYSTEM)
    assert not result.ok and result.saved == 0
    assert result.problems == [
        "Bram, uitspraak 7: 6 ligt niet op de schaal 1–5.",
        "Bram, uitspraak 8: 2.5 ligt niet op de schaal 1–5.",
    ]
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(TeacherRating)) == 0
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == 0
    with session_scope(engine) as s:
        en = save_grid(s, new, {(bram, ORDER[6]): 0}, language="en", actor=SYSTEM)
    assert en.problems == ["Bram, statement 7: 0 is not on the scale 1–5."]


def test_grid_refuses_pupils_without_consent_unknown_items_and_draft_waves(engine, setup):
    new, draft = setup["waves"]["new"], setup["waves"]["next"]
    anna, cas = setup["pupils"]["Anna"], setup["pupils"]["Cas"]
    with session_scope(engine) as s:
        result = save_grid(s, new, {(anna, ORDER[0]): 3, (cas, ORDER[0]): 3, (anna, "x"): 3}, actor=SYSTEM)
        assert len(result.problems) == 2 and result.saved == 0
        assert "Anna: onbekende uitspraak x." in result.problems
        draft_result = save_grid(s, draft, {(anna, ORDER[0]): 3}, actor=SYSTEM)
        assert draft_result.problems == ["Deze meting kan (nog) niet beoordeeld worden."]
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(TeacherRating)) == 0


def test_grid_blank_keeps_a_saved_answer(engine, setup):
    new, anna = setup["waves"]["new"], setup["pupils"]["Anna"]
    rate(engine, new, anna, [ORDER[0]], 4)
    with session_scope(engine) as s:
        result = save_grid(s, new, [((anna, ORDER[0]), None), ((anna, ORDER[1]), float("nan"))], actor=SYSTEM)
    assert result.ok and result.saved == 0 and result.kept_blank == 1
    with session_scope(engine) as s:
        assert wave_ratings(s, new, actor=SYSTEM)[anna] == {ORDER[0]: 4}


def test_closed_wave_can_be_rated_and_batch_audit(engine, setup):
    old, anna = setup["waves"]["old"], setup["pupils"]["Anna"]
    rate(engine, old, anna, ORDER[:2])
    with session_scope(engine) as s:
        record_pupil_batch(s, old, anna, 2, actor=SYSTEM)
    with session_scope(engine) as s:
        event = s.scalar(select(AuditEvent))
        assert (event.detail["mode"], event.detail["answered"]) == ("pupil", 2)
        assert len(wave_ratings(s, old, actor=SYSTEM)[anna]) == 2


@given(
    st.lists(st.integers(min_value=0, max_value=28), min_size=1, max_size=30),
    st.integers(min_value=0, max_value=40),
)
def test_next_incomplete_property(answered, current_index):
    """next is never the current pupil, always incomplete, and None only when no other
    pupil is incomplete; when found it is the first such pupil after the current one."""
    rows = [
        PupilProgress(i, str(i), str(i), a, 28, None if a == 28 else "x")
        for i, a in enumerate(answered)
    ]
    current = current_index if current_index < len(rows) else None
    found = next_incomplete(rows, current)
    others = [r.pupil_id for r in rows if r.answered < 28 and r.pupil_id != current]
    if not others:
        assert found is None
        return
    assert found in others
    start = 0 if current is None else current + 1
    expected = next(p for p in [*range(start, len(rows)), *range(start)] if p in others)
    assert found == expected
