"""Seed the demo school into an empty database: ``python -m sample_data.seed``.

Writes the school, classes, pupils (with consent), waves (first closed, second open with
login tokens), every child answer, nomination and teacher rating of the generator, a demo
research project, and the four demo accounts — all with the public password
``klaskaart-demo``. Demo accounts exist only when the demo school is seeded.

The rule (``make run`` calls this command every time):

- the demo goes only into the embedded SQLite file (``DATABASE_URL`` not set), and only
  while that database is empty: no school and no user. An installer who creates the
  first administrator first (``python -m survey create-user NAME --role admin``) never
  gets the demo, not even on the embedded file;
- a configured database (``DATABASE_URL`` set, PostgreSQL or another file) never gets it,
  unless ``--demo-in-configured-database`` is given (a loud warning: the demo accounts and
  their public password then exist in that database too);
- the command says what it did or why it did nothing; a refusal is not an error (exit 0),
  so ``make run`` goes on to start the app. When it seeded nothing and no administrator
  exists, it prints how to make the first one and the one-time set-up code of the app's
  first-run screen (survey.first_admin).
"""

from __future__ import annotations

import argparse
import secrets
import sys

import pandas as pd
from sqlalchemy import Engine, func, insert, select

from sample_data.generator import DemoSchool, generate_demo_school
from survey import migrate, settings
from survey.accounts import create_user
from survey.db import make_engine, session_scope
from survey.first_admin import code_path, needs_first_admin, setup_code
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
    User,
    Wave,
)
from survey.tokens import finish, issue_tokens

DEMO_PASSWORD = "klaskaart-demo"
DEMO_QUESTIONS = ["liked_most", "liked_least", "teacher_likes", "teacher_angry"]


def _rows(frame: pd.DataFrame) -> list[dict]:
    return frame.to_dict("records")


def seed_demo(engine: Engine, seed: int = 2026, demo: DemoSchool | None = None) -> bool:
    """Seed the demo school into ``engine`` if its database holds no school and no user;
    True if seeded. The choice of database is the caller's (``main`` applies the rule of
    the module docstring; tests call this directly on throwaway databases)."""
    with session_scope(engine) as session:
        if not database_is_empty(session):
            return False
    demo = demo or generate_demo_school(seed)
    with session_scope(engine) as session:
        if not database_is_empty(session):
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
        common = dict(is_demo=True, via="seed")
        create_user(session, "teacher", DEMO_PASSWORD, "teacher", display_name="Juf Fatima",
                    school_id=school.id, class_ids=tuple(class_ids.values()), **common)
        create_user(session, "counsellor", DEMO_PASSWORD, "counsellor",
                    display_name="Meester Sander (ib)", school_id=school.id, **common)
        create_user(session, "researcher", DEMO_PASSWORD, "researcher",
                    display_name="Dr. Noor de Wit", project_id=project.id, **common)
        create_user(session, "admin", DEMO_PASSWORD, "admin", display_name="Beheer", **common)
    return True


def database_is_empty(session) -> bool:
    """No school and no user yet: the only database the demo may be seeded into."""
    return not (
        session.scalar(select(func.count()).select_from(School))
        or session.scalar(select(func.count()).select_from(User))
    )


def first_admin_hint() -> str:
    return (
        "create the first administrator, with a password you choose:\n"
        "  python -m survey create-user NAME --role admin\n"
        "or open the app: it shows a first-run set-up screen that asks for the one-time "
        f"set-up code printed below and in the server log (and written to {code_path()})."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sample_data.seed", description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--seed", type=int, default=2026, help="generator seed")
    parser.add_argument("--no-migrate", action="store_true", help="skip the schema upgrade")
    parser.add_argument(
        "--demo-in-configured-database", action="store_true",
        help="seed the demo even though DATABASE_URL is set (never on a production database: "
        f"the demo accounts have the public password {DEMO_PASSWORD})",
    )
    args = parser.parse_args(argv)
    configured = settings.current().database_url
    if not args.no_migrate:
        migrate.upgrade()
    engine = make_engine()
    try:
        if configured and not args.demo_in_configured_database:
            print("DATABASE_URL is set: a configured database gets no demo school and no demo "
                  "accounts (their password is public).\n(To put the demo into this database "
                  "anyway — a test database only — add --demo-in-configured-database.)")
            seeded = False
        else:
            if configured:
                print("WARNING: seeding the DEMO school into the configured database "
                      "(DATABASE_URL).\nWARNING: it gets the accounts teacher, counsellor, "
                      f"researcher and admin with the PUBLIC password {DEMO_PASSWORD}: anyone "
                      "can log in as administrator.\nWARNING: never do this on a database "
                      "with real pupils.", file=sys.stderr)
            seeded = seed_demo(engine, args.seed)
            if seeded:
                print("demo school seeded; log in as teacher / counsellor / researcher / admin "
                      f"with password {DEMO_PASSWORD} (a demo only: for real use start with an "
                      "empty database — see --help)")
            else:
                print("demo not seeded: the database already holds a school or a user "
                      "(the demo goes only into an empty database).")
        with session_scope(engine) as session:
            if not seeded and needs_first_admin(session):
                print("No administrator yet: " + first_admin_hint())
                setup_code(session)  # printed (stderr) and written to its 0600 file
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
