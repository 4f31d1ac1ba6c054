"""Teacher ratings: completion overview, resume position and the all-or-nothing grid save.

The teacher rates every participating pupil of a wave on the items of the teacher pack.
Everything the rating screens need is derived from the database on every run (a reload
starts a new Streamlit session, so nothing may live only in session state):

- ``item_order`` — the order in which items are shown: the dimensions interleaved
  (closeness, conflict, dependency, closeness, …) so the teacher does not rate eleven
  closeness items in a row (the STRS mixes its items too);
- ``class_overview`` — per pupil: complete, partial (x of 28) or not started;
- ``resume_position`` — the first pupil with missing items and that pupil's first missing
  item; ``next_incomplete`` — the next such pupil after the one on screen;
- one answer is saved with ``survey.services.save_teacher_rating`` (every click);
- ``save_grid`` — the grid (pupils × items): every value is checked first and nothing is
  written when any value is off the scale; the problems come back in plain words.

All writes go through ``survey.services.save_teacher_rating`` (an idempotent upsert), so a
double or stale save is harmless. Every function takes the acting user as ``actor`` and
checks the scope first (``survey.access``): reading needs the class in scope, writing a
teacher with the class in scope, and a grid with any row for a pupil outside the wave's
class is refused as a whole (``NotAllowed``, nothing written).

>>> order = item_order()
>>> order[:4]
['strs_cl01', 'strs_cf01', 'strs_dp01', 'strs_cl02']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import zip_longest

from sqlalchemy import select
from sqlalchemy.orm import Session

from survey.access import (
    RATERS,
    Actor,
    actor_id,
    require_class,
    require_pupils_of_class,
    require_wave,
)
from survey.audit import record
from survey.i18n import t
from survey.instruments import Pack, response_format, teacher_pack
from survey.models import TeacherRating, Wave
from survey.names import pupil_names
from survey.services import participating_pupils, store_teacher_rating

COMPLETE, PARTIAL, NOT_STARTED = "complete", "partial", "not_started"
#: Waves a teacher may rate (ratings are often given after the children's wave closed).
RATEABLE_STATES = ("open", "closed")


def item_order(pack: Pack | None = None) -> list[str]:
    """Item ids in the order the rating screens show them: dimensions interleaved.

    Round robin over the dimensions in pack order, each dimension's items in pack order,
    so no run of same-dimension items gives the scale away. Stable: a number shown to the
    teacher ("question 7") always means the same item.

    >>> item_order()[:6]
    ['strs_cl01', 'strs_cf01', 'strs_dp01', 'strs_cl02', 'strs_cf02', 'strs_dp02']
    >>> len(item_order())
    28
    """
    pack = pack or teacher_pack()
    by_dimension: dict[str, list[str]] = {}
    for item in pack.items:
        by_dimension.setdefault(item.dimension, []).append(item.id)
    rounds = zip_longest(*by_dimension.values())
    return [item_id for row in rounds for item_id in row if item_id is not None]


def scale(pack: Pack | None = None) -> tuple[int, ...]:
    """The storable values of the teacher form, e.g. ``(1, 2, 3, 4, 5)``."""
    return tuple(response_format(pack or teacher_pack()).values)


def rateable_waves(session: Session, class_id: int, *, actor: Actor) -> list[Wave]:
    """Open and closed waves of a class in ``actor``'s scope, newest first (drafts cannot
    be rated yet)."""
    require_class(session, actor, class_id)
    waves = session.scalars(
        select(Wave).where(Wave.class_id == class_id, Wave.status.in_(RATEABLE_STATES))
    ).all()
    return sorted(waves, key=lambda w: (w.starts_on is not None, w.starts_on, w.id), reverse=True)


def wave_ratings(session: Session, wave_id: int, *, actor: Actor) -> dict[int, dict[str, int]]:
    """pupil id → {item id → value} of every participating pupil (empty dict: none yet), of
    a wave whose class is in ``actor``'s scope.

    Pupils without consent are left out entirely, even if old ratings of them exist.
    """
    wave = require_wave(session, actor, wave_id)
    out: dict[int, dict[str, int]] = {
        p.id: {} for p in participating_pupils(session, wave.class_id)
    }
    rows = session.execute(
        select(TeacherRating.pupil_id, TeacherRating.item_id, TeacherRating.value).where(
            TeacherRating.wave_id == wave_id
        )
    )
    for pupil_id, item_id, value in rows:
        if pupil_id in out:
            out[pupil_id][item_id] = value
    return out


@dataclass(frozen=True)
class PupilProgress:
    """How far the teacher is with one pupil: ``answered`` of ``total`` items."""

    pupil_id: int
    name: str
    short_name: str  # the shown name (survey.names), as on the kiosk and the class map
    answered: int
    total: int
    first_missing: str | None  # item id in item_order, None when complete

    @property
    def status(self) -> str:
        if self.answered >= self.total:
            return COMPLETE
        return PARTIAL if self.answered else NOT_STARTED


def class_overview(session: Session, wave_id: int, *, actor: Actor) -> list[PupilProgress]:
    """One row per participating pupil, in roster order (first name, last name), of a wave
    whose class is in ``actor``'s scope.

    Only items of the current teacher pack count (an unknown old item id does not make a
    pupil look complete).
    """
    wave = require_wave(session, actor, wave_id)
    order = item_order()
    ratings = wave_ratings(session, wave_id, actor=actor)
    out = []
    pupils = participating_pupils(session, wave.class_id)
    names = pupil_names(pupils)
    for pupil in pupils:
        given = ratings.get(pupil.id, {})
        missing = [i for i in order if i not in given]
        out.append(
            PupilProgress(
                pupil_id=pupil.id,
                name=pupil.full_name,
                short_name=names[pupil.id],
                answered=len(order) - len(missing),
                total=len(order),
                first_missing=missing[0] if missing else None,
            )
        )
    return out


def resume_position(
    session: Session, wave_id: int, *, actor: Actor
) -> tuple[int | None, str | None]:
    """(pupil id, item id) where the teacher left off: the first pupil in roster order
    with a missing item and that pupil's first missing item; (None, None) when all done.

    Partial and untouched pupils are treated alike: the roster order decides, so after a
    reload the teacher lands on the same pupil as before whenever they rate in order.
    """
    for row in class_overview(session, wave_id, actor=actor):
        if row.first_missing is not None:
            return row.pupil_id, row.first_missing
    return None, None


def next_incomplete(overview: list[PupilProgress], current: int | None) -> int | None:
    """The next pupil after ``current`` (wrapping round) who still has missing items;
    None when every other pupil is complete.

    >>> rows = [PupilProgress(i, str(i), str(i), a, 28, None if a == 28 else "x")
    ...         for i, a in ((1, 3), (2, 28), (3, 0))]
    >>> next_incomplete(rows, 1), next_incomplete(rows, 3), next_incomplete(rows[:2], 1)
    (3, 1, None)
    """
    ids = [row.pupil_id for row in overview]
    start = ids.index(current) + 1 if current in ids else 0
    for row in overview[start:] + overview[:start]:
        if row.pupil_id != current and row.first_missing is not None:
            return row.pupil_id
    return None



@dataclass
class GridResult:
    """Outcome of ``save_grid``: problems (nothing written) or the number of saved cells."""

    problems: list[str] = field(default_factory=list)
    saved: int = 0
    kept_blank: int = 0  # cells emptied in the grid whose saved answer was kept

    @property
    def ok(self) -> bool:
        return not self.problems


def _as_value(raw: object) -> int | None | str:
    """A grid cell as an int, None (empty) or the string "bad" (not a whole number)."""
    if raw is None:
        return None
    try:
        if raw != raw:  # NaN / pd.NA-like floats
            return None
    except TypeError:  # pd.NA raises on comparison
        return None
    if isinstance(raw, bool):
        return "bad"
    if isinstance(raw, str):
        raw = raw.strip()
        if not raw:
            return None
    try:
        number = float(raw)
    except (TypeError, ValueError):
        return "bad"
    return int(number) if number.is_integer() else "bad"


def save_grid(
    session: Session,
    wave_id: int,
    cells: Mapping[tuple[int, str], object] | Iterable[tuple[tuple[int, str], object]],
    *,
    actor: Actor,
    language: str = "nl",
) -> GridResult:
    """Validate every cell ``(pupil id, item id) → value`` first, then write the changed ones.

    - ``actor`` (the rater) must be a teacher with the wave's class in scope, and every
      pupil id of the grid a pupil of that class: otherwise ``NotAllowed`` is raised for
      the whole grid and nothing is written (a tampered grid with a foreign row).
    - A value that is not a whole number on the scale, an unknown item or a pupil not taking
      part is a problem ("Noëlle S., vraag 7: 6 ligt niet op de schaal 1–5."); with any
      problem NOTHING is written.
    - An empty cell is never saved; emptying a cell does not delete a saved answer (the
      result counts those in ``kept_blank`` so the screen can say so).
    - Unchanged cells are not rewritten; one audit event records the batch.

    >>> # see tests/unit/test_ratings.py for worked examples on both databases
    """
    items = dict(cells.items()) if isinstance(cells, Mapping) else dict(cells)
    wave = require_wave(session, actor, wave_id, RATERS)
    require_pupils_of_class(session, wave.class_id, [pupil_id for pupil_id, _ in items])
    rater_user_id = actor_id(actor)
    if wave.status not in RATEABLE_STATES:
        return GridResult(problems=[t("ratings.problem.wave", language)])
    order = item_order()
    number = {item_id: i + 1 for i, item_id in enumerate(order)}
    values = scale()
    lo, hi = values[0], values[-1]
    current = wave_ratings(session, wave_id, actor=actor)
    pupils = pupil_names(participating_pupils(session, wave.class_id))
    result = GridResult()
    changes: list[tuple[int, str, int]] = []
    for (pupil_id, item_id), raw in sorted(
        items.items(), key=lambda kv: (kv[0][0], number.get(kv[0][1], 10**6))
    ):
        if pupil_id not in pupils:
            result.problems.append(t("ratings.problem.pupil", language, pupil=pupil_id))
            continue
        name = pupils[pupil_id]
        if item_id not in number:
            result.problems.append(t("ratings.problem.item", language, pupil=name, item=item_id))
            continue
        value = _as_value(raw)
        saved = current[pupil_id].get(item_id)
        if value is None:
            if saved is not None:
                result.kept_blank += 1
            continue
        if value == "bad" or value not in values:
            result.problems.append(
                t(
                    "ratings.problem.scale",
                    language,
                    pupil=name,
                    number=number[item_id],
                    value=raw,
                    lo=lo,
                    hi=hi,
                )
            )
            continue
        if value != saved:
            changes.append((pupil_id, item_id, int(value)))
    if result.problems:
        result.kept_blank = 0
        return result
    for pupil_id, item_id, value in changes:
        store_teacher_rating(session, wave_id, pupil_id, item_id, value, rater_user_id)
    result.saved = len(changes)
    if changes:
        record(
            session,
            "teacher_ratings_saved",
            user_id=rater_user_id,
            object_type="wave",
            object_id=wave_id,
            mode="grid",
            answers=len(changes),
            pupils=len({c[0] for c in changes}),
        )
    return result


def record_pupil_batch(
    session: Session, wave_id: int, pupil_id: int, answered: int, *, actor: Actor
) -> None:
    """One audit event when the teacher leaves a pupil's screen (not one per click); the
    rater and the pupil are checked like ``save_grid``."""
    wave = require_wave(session, actor, wave_id, RATERS)
    require_pupils_of_class(session, wave.class_id, [pupil_id])
    rater_user_id = actor_id(actor)
    record(
        session,
        "teacher_ratings_saved",
        user_id=rater_user_id,
        object_type="wave",
        object_id=wave_id,
        mode="pupil",
        pupil_id=pupil_id,
        answered=answered,
    )
