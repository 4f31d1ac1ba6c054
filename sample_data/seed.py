"""Seed the demo school into an empty database: ``python -m sample_data.seed``.

Writes the school, classes, pupils (with consent), waves (first closed, second open with
login tokens), every child answer, nomination and teacher rating of the generator, a demo
research project, and the four demo accounts — all with password ``klaskaart-demo``.
Demo accounts exist only when the demo school is seeded; an existing database with any
school in it is left alone.
"""

from __future__ import annotations

import argparse
import secrets

import pandas as pd
from sqlalchemy import Engine, func, insert, select

from sample_data.generator import DemoSchool, generate_demo_school
from survey import migrate
from survey.accounts import create_user
from survey.db import make_engine, session_scope
from survey.instruments import child_pack, teacher_pack
from survey.models import (
    Absence,
    ChildAnswer,
    Consent,
    Nomination,
    ProjectSchool,
    Pupil,
    ResearchProject,
    School,
    SchoolClass,
    TeacherRating,
    Wave,
)
from survey.tokens import finish, issue_tokens

DEMO_PASSWORD = "klaskaart-demo"
DEMO_QUESTIONS = ["liked_most", "liked_least", "teacher_likes", "teacher_angry"]


def _rows(frame: pd.DataFrame) -> list[dict]:
    return frame.to_dict("records")


def seed_demo(engine: Engine, seed: int = 2026, demo: DemoSchool | None = None) -> bool:
    """Seed the demo school unless the database already holds a school; True if seeded."""
    demo = demo or generate_demo_school(seed)
    with session_scope(engine) as session:
        if session.scalar(select(func.count()).select_from(School)):
            return False
        school = School(
            name=demo.school["name"], consent_mode=demo.school["consent_mode"], is_demo=True
        )
        session.add(school)
        session.flush()
        class_ids: dict = {}
        for row in _rows(demo.classes):
            c = SchoolClass(
                school_id=school.id,
                name=row["name"],
                grade=int(row["grade"]),
                layout_seed=int(row["class_id"]),
            )
            session.add(c)
            session.flush()
            class_ids[row["class_id"]] = c.id
        pupil_ids: dict = {}
        for row in _rows(demo.pupils):
            p = Pupil(
                class_id=class_ids[row["class_id"]],
                first_name=row["first_name"],
                tussenvoegsel=row["tussenvoegsel"] or "",
                last_name=row["last_name"],
                gender=row["gender"],
                birth_date=pd.Timestamp(row["birth_date"]).date(),
                pupil_number=str(row["pupil_number"]),
            )
            session.add(p)
            session.flush()
            pupil_ids[row["pupil_id"]] = p.id
            session.add(Consent(pupil_id=p.id, status=row["consent"]))
        wave_ids: dict = {}
        wave_status: dict = {}
        for row in _rows(demo.waves):
            w = Wave(
                class_id=class_ids[row["class_id"]],
                name=row["name"],
                starts_on=pd.Timestamp(row["starts_on"]).date(),
                status="open",  # open while answers are written; final status set below
                language=row.get("language", "nl"),
                questions=list(DEMO_QUESTIONS),
                teacher_wording=teacher_pack().wording_source,
                child_wording=child_pack().wording_source,
            )
            session.add(w)
            session.flush()
            wave_ids[row["wave_id"]] = w.id
            wave_status[w.id] = row["status"]
        for row in _rows(demo.roster[~demo.roster["present"]]):
            session.add(Absence(wave_id=wave_ids[row["wave_id"]], pupil_id=pupil_ids[row["pupil_id"]]))
        session.flush()

        def answers(frame: pd.DataFrame, wording: str) -> list[dict]:
            return [
                dict(
                    wave_id=wave_ids[r["wave_id"]],
                    pupil_id=pupil_ids[r["pupil_id"]],
                    item_id=r["item_id"],
                    value=int(r["value"]),
                    wording_source=wording,
                )
                for r in _rows(frame.dropna(subset=["value"]))
            ]

        session.execute(insert(ChildAnswer), answers(demo.child_answers, child_pack().wording_source))
        session.execute(
            insert(TeacherRating), answers(demo.teacher_answers, teacher_pack().wording_source)
        )
        session.execute(
            insert(Nomination),
            [
                dict(
                    wave_id=wave_ids[r["wave_id"]],
                    question_id=r["question_id"],
                    rater_id=pupil_ids[r["rater_id"]],
                    target_id=None if pd.isna(r["target_id"]) else pupil_ids[r["target_id"]],
                )
                for r in _rows(demo.nominations)
            ],
        )
        # Tokens: children who answered in a wave have finished it.
        answered = {(wave_ids[w], pupil_ids[p]) for w, p in demo.child_answers[["wave_id", "pupil_id"]].itertuples(index=False)}
        for wave_id in wave_ids.values():
            for token in issue_tokens(session, wave_id):
                if (wave_id, token.pupil_id) in answered:
                    finish(session, token)
            session.get(Wave, wave_id).status = wave_status[wave_id]

        project = ResearchProject(name="Demo: social referencing", salt=secrets.token_hex(16))
        session.add(project)
        session.flush()
        session.add(ProjectSchool(project_id=project.id, school_id=school.id))
        common = dict(is_demo=True)
        create_user(session, "teacher", DEMO_PASSWORD, "teacher", display_name="Juf Fatima",
                    school_id=school.id, class_ids=tuple(class_ids.values()), **common)
        create_user(session, "counsellor", DEMO_PASSWORD, "counsellor",
                    display_name="Meester Sander (ib)", school_id=school.id, **common)
        create_user(session, "researcher", DEMO_PASSWORD, "researcher",
                    display_name="Dr. Noor de Wit", project_id=project.id, **common)
        create_user(session, "admin", DEMO_PASSWORD, "admin", display_name="Beheer", **common)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sample_data.seed", description=__doc__)
    parser.add_argument("--seed", type=int, default=2026, help="generator seed")
    parser.add_argument("--no-migrate", action="store_true", help="skip the schema upgrade")
    args = parser.parse_args(argv)
    if not args.no_migrate:
        migrate.upgrade()
    engine = make_engine()
    if seed_demo(engine, args.seed):
        print("demo school seeded; log in as teacher / counsellor / researcher / admin "
              f"with password {DEMO_PASSWORD}")
    else:
        print("database already holds a school: demo not seeded")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
