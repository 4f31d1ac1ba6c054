"""Seeding the demo school, loading it back as analysis frames, pseudonymised research data."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import func, select

from analysis import frames as contract
from sample_data.generator import generate_demo_school
from sample_data.seed import seed_demo
from survey import dataset
from survey.access import SYSTEM
from survey.accounts import authenticate
from survey.db import make_engine, session_scope
from survey.models import ChildAnswer, Nomination, Pupil, ResearchProject, School, User, Wave
from survey.research import project_frames


def test_seed_writes_the_generator_data_and_only_once(engine):
    demo = generate_demo_school(2026)
    assert seed_demo(engine, demo=demo)
    assert not seed_demo(engine)  # a database with a school is left alone
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(School)) == 1
        assert s.scalar(select(func.count()).select_from(Pupil)) == len(demo.pupils)
        assert s.scalar(select(func.count()).select_from(ChildAnswer)) == len(
            demo.child_answers.dropna(subset=["value"])
        )
        assert s.scalar(select(func.count()).select_from(Nomination)) == len(demo.nominations)
        users = {u.username: u.role for u in s.scalars(select(User))}
        assert users == {"teacher": "teacher", "counsellor": "counsellor",
                         "researcher": "researcher", "admin": "admin"}
        for name in users:
            assert authenticate(s, name, "klaskaart-demo").user is not None


def test_frames_follow_the_analysis_contract_and_exclude_non_consented(demo_db_url):
    engine = make_engine(demo_db_url)
    with session_scope(engine) as s:
        wave_ids = list(s.scalars(select(Wave.id)))
        frames = dataset.load_frames(s, wave_ids, actor=SYSTEM)
        refused = s.scalars(select(Pupil.id).join(Pupil.consent).where(
            Pupil.consent.has(status="refused"))).all()
    assert dataset.ROSTER == contract.ROSTER and dataset.ANSWERS == contract.ANSWERS
    assert dataset.NOMINATIONS == contract.NOMINATIONS
    assert tuple(frames.roster.columns) == contract.ROSTER
    assert tuple(frames.child_answers.columns) == contract.ANSWERS
    assert tuple(frames.nominations.columns) == contract.NOMINATIONS
    assert len(refused) == 1
    everyone = pd.concat([frames.roster["pupil_id"], frames.child_answers["pupil_id"],
                          frames.teacher_answers["pupil_id"], frames.nominations["rater_id"],
                          frames.nominations["target_id"].dropna()])
    assert refused[0] not in set(everyone)
    assert (~frames.roster["present"]).sum() >= 1  # absentees are marked
    assert frames.nominations["target_id"].isna().sum() >= 1  # "nobody" answers kept
    engine.dispose()


def test_research_frames_hold_no_names_and_stable_pseudonyms(demo_db_url):
    engine = make_engine(demo_db_url)
    with session_scope(engine) as s:
        project = s.scalar(select(ResearchProject))
        frames = project_frames(s, project.id, actor=SYSTEM)
        names = {p.first_name for p in s.scalars(select(Pupil))}
        ids = {str(i) for i in s.scalars(select(Pupil.id))}
    text = "".join(f.to_csv() for f in (frames.roster, frames.nominations, frames.pupils,
                                        frames.child_answers, frames.teacher_answers))
    assert not any(name in text for name in names)
    assert set(frames.pupils.columns) == {"pupil_id", "class_id", "gender"}
    assert all(p.startswith("P-") for p in frames.roster["pupil_id"])
    assert not ids & set(frames.roster["pupil_id"])
    # the same pupil keeps one pseudonym across waves
    per_wave = frames.roster.groupby("pupil_id")["wave_id"].nunique()
    assert per_wave.max() == 2
    engine.dispose()


