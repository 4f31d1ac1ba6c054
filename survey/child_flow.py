"""The child survey as a sequence of steps, derived from the database on every call.

A child's survey for one wave is: a practice item (teaches the answer scale), the scored
relationship items of the child pack, then the wave's nomination questions (positive
before negative, ``ordered_questions``). Where the child is — the *current step* — is never
kept in memory: it is the first step without a stored answer (items: a ChildAnswer row;
questions: a ``ChildStepDone`` mark written when the child taps "next"). So a reload, a
sleeping tablet or a server restart resumes at the first unanswered step, with every
earlier answer intact.

Every write here takes the item or question id as an argument (never "the current
step"), is an idempotent upsert, and leaves committing to the caller's short session.

>>> [s.id for s in wave_steps(["teacher_angry", "liked_most"])][:2]
['carts_practice', 'carts_cl01']
>>> [s.id for s in wave_steps(["teacher_angry", "liked_most"])][-2:]
['liked_most', 'teacher_angry']
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from survey.instruments import child_pack, nomination_pack, ordered_questions
from survey.models import ChildAnswer, ChildStepDone, ChildToken, Nomination, Wave, utcnow
from survey.names import pupil_names
from survey.services import (
    SurveyError,
    absent_ids,
    participating_pupils,
    save_child_answer,
    set_nomination,
)
from survey.tokens import finish

WELCOME = "welcome"
StepKind = Literal["practice", "item", "question"]
ProgressState = Literal["not_started", "busy", "done"]


@dataclass(frozen=True)
class Step:
    """One screen that takes an answer: ``kind`` practice/item/question, ``id`` the item or
    question id, ``number`` its 1-based position among all steps of the wave."""

    kind: StepKind
    id: str
    number: int


@dataclass
class ChildProgress:
    """How far one pupil is in a wave (for the teacher's progress screen).

    ``answered`` counts steps done (practice and scored items answered, questions closed
    with "next") out of ``total``; a finished token counts as all done.
    """

    pupil_id: int
    state: ProgressState
    answered: int
    total: int


@dataclass
class ChildState:
    """Everything stored for one child in one wave, read in one go for a page run."""

    steps: list[Step]
    answers: dict[str, int] = field(default_factory=dict)
    done: set[str] = field(default_factory=set)
    picks: dict[str, set[int | None]] = field(default_factory=dict)

    @property
    def started(self) -> bool:
        return WELCOME in self.done or bool(self.answers) or bool(self.done)

    def is_done(self, step: Step) -> bool:
        if step.kind == "question":
            return step.id in self.done
        return step.id in self.answers

    @property
    def answered(self) -> int:
        return sum(self.is_done(s) for s in self.steps)

    @property
    def current(self) -> Step | None:
        """The first step without an answer; None when every step is done."""
        return next((s for s in self.steps if not self.is_done(s)), None)

    def before(self, step_id: str) -> Step | None:
        """The step shown before ``step_id`` (for the back button); None on the first one."""
        ids = [s.id for s in self.steps]
        if step_id not in ids:
            return None
        i = ids.index(step_id)
        return self.steps[i - 1] if i > 0 else None

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)


def wave_steps(question_ids: Iterable[str] | None) -> list[Step]:
    """The ordered steps of a wave whose nomination questions are ``question_ids``."""
    pack = child_pack()
    raw: list[tuple[StepKind, str]] = [("practice", i.id) for i in pack.practice_items]
    raw += [("item", i.id) for i in pack.items]
    raw += [("question", q.id) for q in ordered_questions(nomination_pack(), question_ids or [])]
    return [Step(kind, sid, n) for n, (kind, sid) in enumerate(raw, start=1)]


def load_state(session: Session, wave: Wave, pupil_id: int) -> ChildState:
    """Read the child's stored answers, step marks and nominations for ``wave``."""
    state = ChildState(steps=wave_steps(wave.questions))
    state.answers = dict(
        session.execute(
            select(ChildAnswer.item_id, ChildAnswer.value).where(
                ChildAnswer.wave_id == wave.id, ChildAnswer.pupil_id == pupil_id
            )
        ).all()
    )
    state.done = set(
        session.scalars(
            select(ChildStepDone.step).where(
                ChildStepDone.wave_id == wave.id, ChildStepDone.pupil_id == pupil_id
            )
        )
    )
    for question_id, target_id in session.execute(
        select(Nomination.question_id, Nomination.target_id).where(
            Nomination.wave_id == wave.id, Nomination.rater_id == pupil_id
        )
    ):
        state.picks.setdefault(question_id, set()).add(target_id)
    return state


# ---------------------------------------------------------------- classmates


@dataclass(frozen=True)
class Classmate:
    """A classmate on the nomination grid: ``label`` is what the child reads."""

    pupil_id: int
    label: str
    photo: str | None = None


def grid_order(ids: Iterable[int], wave_id: int, pupil_id: int) -> list[int]:
    """A random order of ``ids`` that is the same every time for this child and wave.

    Seeded from (wave, pupil), so a reload shows the same grid, while children differ
    (no child's name is always first for everyone).

    >>> grid_order([1, 2, 3, 4], 7, 2) == grid_order([4, 3, 2, 1], 7, 2)
    True
    """
    ordered = sorted(ids)
    random.Random(f"klaskaart-grid:{wave_id}:{pupil_id}").shuffle(ordered)
    return ordered


def keep_places(places: list[int] | None, mates: list[Classmate]) -> list[Classmate | None]:
    """The grid with every classmate in the cell they had: ``places`` is the order of pupil
    ids shown before (None the first time). A classmate who left (removed by the teacher,
    marked absent) leaves an empty cell (None) instead of everyone after them moving up, so
    a tap repeated on the same spot never lands on another child; a newcomer goes at the
    end. Empty cells at the end are dropped.

    >>> m = [Classmate(1, "A"), Classmate(3, "C"), Classmate(4, "D")]
    >>> [c and c.pupil_id for c in keep_places([1, 2, 3], m)]
    [1, None, 3, 4]
    >>> [c.pupil_id for c in keep_places(None, m)]
    [1, 3, 4]
    """
    by_id = {m.pupil_id: m for m in mates}
    places = list(places or [])
    grid: list[Classmate | None] = [by_id.get(pid) for pid in places]
    grid += [m for m in mates if m.pupil_id not in set(places)]
    while grid and grid[-1] is None:
        grid.pop()
    return grid


def classmates(session: Session, wave: Wave, pupil_id: int) -> list[Classmate]:
    """Who the child may choose: participating (consented, active) classmates of the wave's
    class who are not marked absent, never the child, in the child's stable random order."""
    pupils = participating_pupils(session, wave.class_id)
    names = pupil_names(pupils)
    absent = absent_ids(session, wave.id)
    shown = {p.id: p for p in pupils if p.id != pupil_id and p.id not in absent}
    return [
        Classmate(pid, names[pid], shown[pid].photo)
        for pid in grid_order(shown, wave.id, pupil_id)
    ]


# ---------------------------------------------------------------- writes


def writable_token(session: Session, token: str) -> tuple[Wave, int] | None:
    """(wave, pupil id) an active token may write to, else None — a cheap check for tap
    callbacks (one indexed row). Consent, class membership and an open wave are checked
    again by every write (``survey.services``), so a token of a pupil who no longer takes
    part writes nothing either. Pages use ``survey.tokens.lookup`` to decide the screen."""
    row = session.scalar(select(ChildToken).where(ChildToken.token == (token or "")))
    if row is None or row.status != "active":
        return None
    wave = session.get(Wave, row.wave_id)
    if wave is None or wave.status != "open":
        return None
    return wave, row.pupil_id


class StillBusy(Exception):
    """The database stayed busy (other tablets writing) on every attempt of a tap; nothing
    of that tap was written, and the child is asked to tap again."""


BUSY_ATTEMPTS = 3


def write_for_token(
    open_session: Callable[[], AbstractContextManager[Session]],
    token: str,
    action: Callable[[Session, Wave, int], object],
    attempts: int = BUSY_ATTEMPTS,
) -> object:
    """Run ``action(session, wave, pupil_id)`` for the child of ``token`` in a unit of work
    of its own (``open_session()``: committed on success), when the token may still write
    (``writable_token``); None when it may not. A busy database is tried again, up to
    ``attempts`` times in all, then ``StillBusy``; a refused input (``SurveyError``) is
    raised at once. The tap callbacks of the kiosk page call this."""
    for attempt in range(attempts):
        try:
            with open_session() as session:
                found = writable_token(session, token)
                if found is None:
                    return None
                return action(session, *found)
        except OperationalError:
            if attempt == attempts - 1:
                raise StillBusy() from None
    return None


def _mark(session: Session, wave_id: int, pupil_id: int, step: str) -> None:
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(ChildStepDone).values(
        wave_id=wave_id, pupil_id=pupil_id, step=step, done_at=utcnow()
    )
    session.execute(
        stmt.on_conflict_do_nothing(index_elements=["wave_id", "pupil_id", "step"])
    )


def start(session: Session, wave_id: int, pupil_id: int) -> None:
    """Remember that the child tapped "start" on the welcome screen (idempotent)."""
    _mark(session, wave_id, pupil_id, WELCOME)


def finish_if_complete(session: Session, wave: Wave, pupil_id: int) -> bool:
    """Lock the child's token when every step is done; returns whether that is so."""
    return _finish_if(load_state(session, wave, pupil_id), session, wave, pupil_id)


def _finish_if(state: ChildState, session: Session, wave: Wave, pupil_id: int) -> bool:
    # ``state`` already holds the write being made, so no read happens inside the write
    # transaction unless this was the last step (SQLite: one writer at a time).
    if state.current is not None:
        return False
    token = session.scalar(
        select(ChildToken).where(ChildToken.wave_id == wave.id, ChildToken.pupil_id == pupil_id)
    )
    if token is not None and token.status == "active":
        finish(session, token)
    return True


def answer_item(
    session: Session, wave: Wave, pupil_id: int, item_id: str, value: int
) -> bool:
    """Save the answer ``value`` to item ``item_id``; lock the token when it was the last
    step. Returns whether the survey is now complete. Idempotent (double taps)."""
    state = load_state(session, wave, pupil_id)  # read before the write: short write lock
    state.answers[item_id] = value
    save_child_answer(session, wave.id, pupil_id, item_id, value)
    return _finish_if(state, session, wave, pupil_id)


def toggle_pick(
    session: Session,
    wave: Wave,
    pupil_id: int,
    question_id: str,
    target_id: int | None,
    selected: bool,
) -> None:
    """Select or deselect classmate ``target_id`` (None = "nobody") for ``question_id``.

    ``selected`` is the state the child asked for (not a flip of the stored state), so
    a repeated tap from a stale screen cannot undo the first one.
    """
    set_nomination(session, wave.id, question_id, pupil_id, target_id, selected)
    session.flush()


def can_close_question(state: ChildState, question_id: str) -> bool:
    """Whether "next" may close a question: someone or "nobody" is chosen, or "nobody" is
    not an answer to it (then an empty choice is allowed, stored as no rows)."""
    question = next(q for q in nomination_pack().questions if q.id == question_id)
    return bool(state.picks.get(question_id)) or not question.nobody_allowed


def picks_key(picks: Iterable[int | None]) -> str:
    """The picks a screen shows, as text for a button key: sorted ids, "nobody" for None.

    >>> picks_key({7, None, 3}), picks_key(set())
    ('3.7.nobody', '')
    """
    ids = sorted(p for p in picks if p is not None)
    return ".".join([*map(str, ids), *(["nobody"] if None in set(picks) else [])])


def close_question(session: Session, wave: Wave, pupil_id: int, question_id: str,
                   shown: Iterable[int | None] | None = None) -> bool:
    """Mark ``question_id`` done (the child tapped "next"); lock the token when it was the
    last step. Returns whether the survey is now complete.

    ``shown`` is what the child's screen showed as chosen when "next" was tapped. If the
    stored picks differ (a tap was stored but its screen never reached the tablet, or the
    screen showed a tap the server never got), nothing is closed: SurveyError
    ``kiosk.check_picks``, and the next screen shows the stored picks to look at again. So
    what is stored when the question closes is what the child last saw."""
    if question_id not in (wave.questions or []):
        raise SurveyError("error.question_not_in_wave", question=question_id)
    state = load_state(session, wave, pupil_id)
    if shown is not None and set(shown) != state.picks.get(question_id, set()):
        raise SurveyError(key="kiosk.check_picks")
    if not can_close_question(state, question_id):
        raise SurveyError("error.choose_first")
    state.done.add(question_id)
    _mark(session, wave.id, pupil_id, question_id)
    return _finish_if(state, session, wave, pupil_id)


# ---------------------------------------------------------------- progress


def wave_progress(session: Session, wave_id: int) -> list[ChildProgress]:
    """Progress of every participating pupil of the wave's class, in roster order.

    Absent pupils are included (the caller may leave them out). State: ``done`` when the
    token is finished, ``busy`` when at least one step is done or "start" was tapped,
    else ``not_started``.
    """
    wave = session.get(Wave, wave_id)
    if wave is None:
        return []
    steps = wave_steps(wave.questions)
    item_ids = {s.id for s in steps if s.kind != "question"}
    question_ids = {s.id for s in steps if s.kind == "question"}
    total = len(steps)
    answered_items = dict(
        session.execute(
            select(ChildAnswer.pupil_id, func.count())
            .where(ChildAnswer.wave_id == wave_id, ChildAnswer.item_id.in_(item_ids))
            .group_by(ChildAnswer.pupil_id)
        ).all()
    )
    marks: dict[int, set[str]] = {}
    for pid, step in session.execute(
        select(ChildStepDone.pupil_id, ChildStepDone.step).where(ChildStepDone.wave_id == wave_id)
    ):
        marks.setdefault(pid, set()).add(step)
    finished = set(
        session.scalars(
            select(ChildToken.pupil_id).where(
                ChildToken.wave_id == wave_id, ChildToken.status == "finished"
            )
        )
    )
    progress = []
    for pupil in participating_pupils(session, wave.class_id):
        pid = pupil.id
        if pid in finished:
            progress.append(ChildProgress(pid, "done", total, total))
            continue
        done = answered_items.get(pid, 0) + len(marks.get(pid, set()) & question_ids)
        started = done > 0 or pid in marks
        progress.append(ChildProgress(pid, "busy" if started else "not_started", done, total))
    return progress
