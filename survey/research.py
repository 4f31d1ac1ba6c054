"""Pseudonymised research data: what a researcher of a project may read.

Pupil, class and school identities are replaced by keyed pseudonyms (HMAC-SHA256 with the
project's secret salt), so the same pupil keeps one pseudonym across waves within a project
but two projects cannot link their data. Names, birth dates and pupil numbers never leave.
Only a researcher of the project reads it (``survey.access.require_project``).
"""

from __future__ import annotations

import hashlib
import hmac

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from survey.access import SYSTEM, Actor, require_project
from survey.dataset import Frames, load_frames
from survey.models import ProjectSchool, SchoolClass, Wave


def pseudonym(salt: str, kind: str, value: object) -> str:
    """A stable pseudonym such as ``P-3f9a1c20b4`` for ``kind`` 'P' (pupil), 'C', 'S', 'W'.

    >>> pseudonym("salt", "P", 1) == pseudonym("salt", "P", 1) != pseudonym("other", "P", 1)
    True
    """
    digest = hmac.new(salt.encode(), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()
    return f"{kind}-{digest[:10]}"


def project_wave_ids(session: Session, project_id: int) -> list[int]:
    """Waves of every class of every school in the project (closed or open)."""
    school_ids = select(ProjectSchool.school_id).where(ProjectSchool.project_id == project_id)
    class_ids = select(SchoolClass.id).where(SchoolClass.school_id.in_(school_ids))
    return list(
        session.scalars(select(Wave.id).where(Wave.class_id.in_(class_ids)).order_by(Wave.id))
    )


def project_frames(session: Session, project_id: int, *, actor: Actor) -> Frames:
    """The project's data with every identifier pseudonymised and no names at all, for a
    researcher of the project (``actor``; else ``NotAllowed``)."""
    project = require_project(session, actor, project_id)
    # the project's waves by name, as the system: pseudonymised below before anyone sees them
    frames = load_frames(session, project_wave_ids(session, project_id), actor=SYSTEM)
    salt = project.salt

    def pseudo(frame: pd.DataFrame, column: str, kind: str) -> None:
        if column in frame:
            frame[column] = [
                None if pd.isna(v) else pseudonym(salt, kind, v) for v in frame[column]
            ]

    for frame in (frames.roster, frames.child_answers, frames.teacher_answers, frames.nominations):
        pseudo(frame, "pupil_id", "P")
        pseudo(frame, "rater_id", "P")
        pseudo(frame, "target_id", "P")
        pseudo(frame, "class_id", "C")
        pseudo(frame, "wave_id", "W")
    frames.pupils = frames.pupils[["pupil_id", "class_id", "gender"]].copy()
    pseudo(frames.pupils, "pupil_id", "P")
    pseudo(frames.pupils, "class_id", "C")
    frames.waves = frames.waves[["wave_id", "class_id", "starts_on", "status"]].copy()
    pseudo(frames.waves, "wave_id", "W")
    pseudo(frames.waves, "class_id", "C")
    return frames
