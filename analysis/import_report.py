"""What the research import left out, counted per reason (nothing is dropped silently).

:func:`drop_report` counts, for a :class:`analysis.importers.Study`, the rows the analysis
does not use, by the same rules as the analysis itself (``analysis.sociometry``'s cleaning;
unknown items are not scored by ``analysis.scoring``). Each nomination row is counted once,
under the first reason that applies, in the order of :data:`NOMINATION_DROPS`:

- ``unknown_question``  the question is not in the question list (the shipped pack, or the
  uploaded questions file): not used for the per-pupil scores;
- ``unknown_class``     the wave × class is not on the roster;
- ``unknown_rater``     the nominator is not on the class roster;
- ``absent_rater``      the nominator is on the roster but marked absent;
- ``unknown_target``    the nominated pupil is not on the class roster;
- ``self_nomination``   a pupil named themselves;
- ``duplicate``         the same row (wave, class, question, rater, target) again.

An explicit "nobody" (empty target) is an answer, not a drop. Answer rows
(:data:`ANSWER_DROPS`): ``answers_unknown_pupil`` (not on the roster of that wave),
``answers_unknown_item`` (not an item of the instrument pack).

>>> import pandas as pd
>>> from analysis.importers import Study
>>> roster = pd.DataFrame({"wave_id": 1, "class_id": "A", "pupil_id": [1, 2],
...                        "gender": "x", "present": True})
>>> noms = pd.DataFrame({"wave_id": 1, "class_id": "A", "question_id": "lm",
...                      "rater_id": [1, 1, 2, 2], "target_id": [2, 9, 2, None]})
>>> qs = pd.DataFrame({"question_id": ["lm"], "kind": ["liking"], "polarity": ["positive"]})
>>> drop_report(Study(roster, noms, qs)).dropped()
{'unknown_target': 1, 'self_nomination': 1}
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from analysis.sociometry import BAD_RATER, NONPARTICIPANT, SELF, _align, _lookup, _prepare

__all__ = ["ANSWER_DROPS", "NOMINATION_DROPS", "DropReport", "drop_report"]

NOMINATION_DROPS = ("unknown_question", "unknown_class", "unknown_rater", "absent_rater",
                    "unknown_target", "self_nomination", "duplicate")
ANSWER_DROPS = ("answers_unknown_pupil", "answers_unknown_item")


@dataclass(frozen=True)
class DropReport:
    """Rows read and rows left out, per reason (see the module docstring)."""

    nominations: int = 0
    answers: int = 0
    unknown_question: int = 0
    unknown_class: int = 0
    unknown_rater: int = 0
    absent_rater: int = 0
    unknown_target: int = 0
    self_nomination: int = 0
    duplicate: int = 0
    answers_unknown_pupil: int = 0
    answers_unknown_item: int = 0

    @property
    def nominations_dropped(self) -> int:
        """Nomination rows left out, all reasons together."""
        return sum(getattr(self, k) for k in NOMINATION_DROPS)

    def dropped(self) -> dict[str, int]:
        """The reasons with at least one row left out, in the documented order."""
        counts = asdict(self)
        return {k: counts[k] for k in (*NOMINATION_DROPS, *ANSWER_DROPS) if counts[k]}


def _nomination_drops(noms: pd.DataFrame, roster: pd.DataFrame,
                      questions: pd.DataFrame) -> dict[str, int]:
    known = noms["question_id"].astype(str).isin(set(questions["question_id"].astype(str)))
    rest = noms.loc[known.to_numpy()]
    out = {"unknown_question": int((~known).sum())}
    pairs = roster[["wave_id", "class_id"]].drop_duplicates()
    cls = _lookup([pairs["wave_id"], pairs["class_id"]],
                  [_align(rest["wave_id"], roster["wave_id"]),
                   _align(rest["class_id"], roster["class_id"])])
    out["unknown_class"] = int((cls < 0).sum())
    prep = _prepare(rest, roster)
    everyone = _prepare(rest, roster.assign(present=True))  # tells unknown from absent
    bad = int((prep.kind == BAD_RATER).sum())
    out["unknown_rater"] = int((everyone.kind == BAD_RATER).sum())
    out["absent_rater"] = bad - out["unknown_rater"]
    out["unknown_target"] = int((prep.kind == NONPARTICIPANT).sum())
    out["self_nomination"] = int((prep.kind == SELF).sum())
    out["duplicate"] = len(rest) - out["unknown_class"] - len(prep.kind)
    return out


def _answer_drops(answers: pd.DataFrame | None, roster: pd.DataFrame,
                  items: set[str]) -> tuple[int, int, int]:
    """(rows, rows of pupils not on the wave's roster, rows of items not in the pack)."""
    if answers is None or not len(answers):
        return 0, 0, 0
    roster = roster.drop_duplicates(["wave_id", "pupil_id"])  # a pupil in two classes
    pos = _lookup([roster["wave_id"], roster["pupil_id"]],
                  [_align(answers["wave_id"], roster["wave_id"]),
                   _align(answers["pupil_id"], roster["pupil_id"])])
    unknown_pupil = pos < 0
    unknown_item = ~answers["item_id"].astype(str).isin(items).to_numpy() & ~unknown_pupil
    return len(answers), int(unknown_pupil.sum()), int(unknown_item.sum())


def drop_report(study, teacher_items: set[str] | None = None,
                child_items: set[str] | None = None) -> DropReport:
    """Count what the analysis of ``study`` (a ``Study``) leaves out, per reason.

    ``teacher_items`` / ``child_items``: item ids of the instrument packs (default: the
    shipped packs, as ``analyse_study`` scores them).
    """
    if teacher_items is None or child_items is None:
        from analysis.pipeline import default_keys

        t_key, c_key = default_keys()
        teacher_items = set(t_key["item_id"].astype(str)) if teacher_items is None else (
            teacher_items)
        child_items = set(c_key["item_id"].astype(str)) if child_items is None else child_items
    roster = study.roster.drop_duplicates(["wave_id", "class_id", "pupil_id"])
    counts = _nomination_drops(study.nominations, roster, study.questions)
    answered = np.zeros(3, dtype=np.int64)
    for frame, items in ((study.teacher_answers, teacher_items),
                         (study.child_answers, child_items)):
        answered += np.array(_answer_drops(frame, roster, items))
    return DropReport(
        nominations=len(study.nominations), answers=int(answered[0]),
        answers_unknown_pupil=int(answered[1]), answers_unknown_item=int(answered[2]),
        **counts,
    )
