"""One pupil's profile for a care-team meeting: three perspectives side by side (pure).

``pupil_profile`` gathers, for one pupil in one wave, everything the profile page and the
PDF sheet show, from an :class:`analysis.pipeline.AnalysisResult` and the frames it was
made from: teacher and child scale scores with percentiles and their reference group,
teacher–child agreement, peer position (acceptance, rejection, status group, mutual
friends, how classmates see the teacher's relationship with the child), the double-risk
flags with reasons, and change since the previous wave.

Who named the pupil on a negative question (and whom the pupil named) is only filled in
when ``include_negative=True``; the caller decides that from the school setting
(``survey.care_notes.may_see_negative_nominations``).

>>> import pandas as pd
>>> from analysis.pipeline import analyse
>>> roster = pd.DataFrame({"wave_id": 1, "class_id": 1, "pupil_id": [1, 2, 3],
...                        "gender": "x", "present": True})
>>> q = pd.DataFrame({"question_id": ["lm"], "kind": ["liking"], "polarity": ["positive"]})
>>> noms = pd.DataFrame({"wave_id": 1, "class_id": 1, "question_id": "lm",
...                      "rater_id": [1, 2, 3], "target_id": [2, 1, 2]})
>>> pupils = pd.DataFrame({"pupil_id": [1, 2, 3], "class_id": 1, "first_name": ["A", "B", "C"],
...                        "tussenvoegsel": "", "last_name": ["X", "Y", "Z"]})
>>> p = pupil_profile(analyse(roster, noms, q), pupils, noms, q, wave_id=1, pupil_id=2)
>>> p.peer.received, p.peer.mutual_friends
(2, ['A'])
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from analysis.classmap import DIMENSIONS, display_names, relationship_profile
from analysis.pipeline import AnalysisResult
from survey.names import full_name

__all__ = ["DimensionScore", "PeerPosition", "PupilProfile", "flagged", "percentile_text",
           "pupil_profile", "score_text"]


@dataclass(frozen=True)
class DimensionScore:
    """One scale of one informant: score (item mean), percentile and reference group."""

    dimension: str
    score: float
    percentile: float
    reference: str  # 'norms' | 'wave' | 'class' | ''
    reference_n: int | None


@dataclass(frozen=True)
class PeerPosition:
    """The pupil among classmates (liked-most / liked-least questions and the network)."""

    received: int | None  # liked-most nominations received
    nominators: int | None
    acceptance: float  # received / nominators
    rejected_by: int | None  # liked-least nominations received
    rejection: float
    social_preference: float
    social_impact: float
    status_cd: str | None
    status_nb: str | None
    mutual_friends: list[str]
    friends_named: list[str]  # whom the pupil named as liked most
    named_by: list[str]  # who named the pupil as liked most
    teacher_likes_n: int  # classmates who say the teacher likes the child a lot
    teacher_angry_n: int  # classmates who say the teacher is often angry with the child
    teacher_nominators: int | None
    participation_rate: float


@dataclass
class PupilProfile:
    """Everything on a pupil's profile for one wave (see module docstring)."""

    pupil_id: Hashable
    wave_id: Hashable
    class_id: Hashable
    name: str
    first_name: str
    present: bool
    teacher: list[DimensionScore]
    child: list[DimensionScore]
    teacher_profile: str
    child_profile: str
    agreement: pd.DataFrame  # dimension, teacher_score, child_score, difference, category
    peer: PeerPosition
    teacher_risk: bool
    peer_risk: bool
    double_risk: bool
    teacher_reasons: list[str]
    peer_reasons: list[str]
    child_view: str
    change: pd.DataFrame  # informant, dimension, previous, current, difference, rci, reliable
    previous_wave_id: Hashable | None
    negative: dict[str, dict[str, list[str]]] | None = None  # question → by / named
    notes: list[str] = field(default_factory=list)

    def score(self, informant: str, dimension: str) -> DimensionScore | None:
        """The score of ``informant`` ('teacher' | 'child') on ``dimension``, if any."""
        for s in self.teacher if informant == "teacher" else self.child:
            if s.dimension == dimension:
                return s
        return None


def _f(x: object) -> float:
    try:
        v = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
    return v


def _i(x: object) -> int | None:
    v = _f(x)
    return None if math.isnan(v) else int(round(v))


def _scores(result: AnalysisResult, wave_id: Hashable, pupil_id: Hashable,
            informant: str) -> list[DimensionScore]:
    pct = result.percentiles
    if pct.empty:
        return []
    rows = pct[(pct["wave_id"] == wave_id) & (pct["pupil_id"] == pupil_id)
               & (pct["informant"] == informant)]
    out = []
    order = {d: i for i, d in enumerate(DIMENSIONS)}
    for _, r in sorted(rows.iterrows(), key=lambda kv: order.get(kv[1]["dimension"], 99)):
        n = r.get("reference_n")
        out.append(DimensionScore(
            dimension=str(r["dimension"]), score=_f(r["score"]), percentile=_f(r["percentile"]),
            reference=str(r.get("reference") or ""),
            reference_n=None if n is None or pd.isna(n) else int(n),
        ))
    return out


def _names(ids: Sequence[Hashable], names: dict[Hashable, str]) -> list[str]:
    return sorted((names.get(i, str(i)) for i in ids), key=str.casefold)


def _ties(nominations: pd.DataFrame, wave_id: Hashable, questions: Sequence[Hashable],
          pupil_id: Hashable) -> tuple[list, list]:
    """(raters who named the pupil, targets the pupil named) on the given questions."""
    n = nominations[(nominations["wave_id"] == wave_id)
                    & nominations["question_id"].isin(list(questions))
                    & nominations["target_id"].notna()]
    n = n[n["rater_id"] != n["target_id"]]
    by = pd.unique(n.loc[n["target_id"] == pupil_id, "rater_id"]).tolist()
    named = pd.unique(n.loc[n["rater_id"] == pupil_id, "target_id"]).tolist()
    return by, named


def pupil_profile(
    result: AnalysisResult,
    pupils: pd.DataFrame,
    nominations: pd.DataFrame,
    questions: pd.DataFrame,
    *,
    wave_id: Hashable,
    pupil_id: Hashable,
    roster: pd.DataFrame | None = None,
    waves_order: Sequence[Hashable] | None = None,
    include_negative: bool = False,
) -> PupilProfile:
    """Assemble the profile of ``pupil_id`` in ``wave_id`` (see module docstring).

    ``pupils``: pupil_id, class_id, first_name, tussenvoegsel, last_name (display data of
    ``survey.dataset.Frames.pupils``). Raises KeyError when the pupil is not in the wave's
    results (e.g. no consent: such pupils never reach the analysis).
    """
    table = result.pupils_table()
    row_sel = table[(table["wave_id"] == wave_id) & (table["pupil_id"] == pupil_id)]
    if row_sel.empty:
        raise KeyError(f"pupil {pupil_id!r} is not in the results of wave {wave_id!r}")
    row = row_sel.iloc[0]
    class_id = row["class_id"]
    names = display_names(pupils[pupils["class_id"] == class_id])
    me = pupils[pupils["pupil_id"] == pupil_id]
    if len(me):
        m = me.iloc[0]
        full = full_name(m["first_name"], m.get("tussenvoegsel", ""), m["last_name"])
        first = str(m["first_name"])
    else:
        full = first = str(pupil_id)

    teacher = _scores(result, wave_id, pupil_id, "teacher")
    child = _scores(result, wave_id, pupil_id, "child")

    def prof(scores: list[DimensionScore]) -> str:
        p = {s.dimension: s.percentile for s in scores}
        return relationship_profile(p.get("closeness"), p.get("conflict"), p.get("dependency"))

    agr = result.agreement_pupils
    if len(agr):
        agr = agr[(agr["wave_id"] == wave_id) & (agr["pupil_id"] == pupil_id)]
        agr = agr[["dimension", "teacher_score", "child_score", "difference", "category"]]
        agr = agr.reset_index(drop=True)
    else:
        agr = pd.DataFrame(columns=["dimension", "teacher_score", "child_score", "difference",
                                    "category"])

    kinds = questions.groupby("kind")["question_id"].apply(list).to_dict()
    liking = kinds.get("liking", [])
    by, named = _ties(nominations, wave_id, liking[:1], pupil_id)
    mutual = [p for p in by if p in set(named)]
    likes_by, _ = _ties(nominations, wave_id, kinds.get("teacher_likes", []), pupil_id)
    angry_by, _ = _ties(nominations, wave_id, kinds.get("teacher_angry", []), pupil_id)
    t_nom = None
    if len(result.sociometry_pupil_question):
        s = result.sociometry_pupil_question
        s = s[(s["wave_id"] == wave_id) & (s["pupil_id"] == pupil_id)
              & s["question_id"].isin(kinds.get("teacher_likes", [])
                                      + kinds.get("teacher_angry", []))]
        if len(s) and s["nominators"].notna().any():
            t_nom = _i(s["nominators"].max())
    peer = PeerPosition(
        received=_i(row.get("lm_received")), nominators=_i(row.get("lm_nominators")),
        acceptance=_f(row.get("lm_prop")), rejected_by=_i(row.get("ll_received")),
        rejection=_f(row.get("ll_prop")), social_preference=_f(row.get("social_preference")),
        social_impact=_f(row.get("social_impact")),
        status_cd=None if pd.isna(row.get("status_cd")) else str(row.get("status_cd")),
        status_nb=None if pd.isna(row.get("status_nb")) else str(row.get("status_nb")),
        mutual_friends=_names(mutual, names), friends_named=_names(named, names),
        named_by=_names(by, names), teacher_likes_n=len(likes_by),
        teacher_angry_n=len(angry_by), teacher_nominators=t_nom,
        participation_rate=_f(row.get("participation_rate")),
    )

    risk = result.risk
    t_reasons: list[str] = []
    p_reasons: list[str] = []
    child_view = ""
    if len(risk):
        r = risk[(risk["wave_id"] == wave_id) & (risk["pupil_id"] == pupil_id)]
        if len(r):
            t_reasons = list(r["teacher_reasons"].iloc[0])
            p_reasons = list(r["peer_reasons"].iloc[0])
            child_view = str(r["child_view"].iloc[0] or "")

    order = list(waves_order) if waves_order is not None else None
    if order is None:
        order = pd.unique(table["wave_id"]).tolist()
        try:
            order = sorted(pd.unique(table["wave_id"]).tolist())
        except TypeError:
            pass
    prev = None
    if wave_id in order:
        i = order.index(wave_id)
        prev = order[i - 1] if i > 0 else None
    chg = result.change
    cols = ["informant", "dimension", "previous", "current", "difference", "rci", "reliable"]
    if len(chg) and prev is not None:
        chg = chg[(chg["wave_id"] == wave_id) & (chg["pupil_id"] == pupil_id)
                  & (chg["wave_previous"] == prev)][cols].reset_index(drop=True)
    else:
        chg = pd.DataFrame(columns=cols)

    negative = None
    if include_negative:
        negative = {}
        neg_q = questions.loc[questions["polarity"] == "negative", "question_id"].tolist()
        asked = set(pd.unique(nominations.loc[nominations["wave_id"] == wave_id,
                                              "question_id"]).tolist())
        for q in neg_q:
            if q not in asked:
                continue
            b, nm = _ties(nominations, wave_id, [q], pupil_id)
            negative[str(q)] = {"by": _names(b, names), "named": _names(nm, names)}

    present = True
    if roster is not None and len(roster):
        rr = roster[(roster["wave_id"] == wave_id) & (roster["pupil_id"] == pupil_id)]
        if len(rr):
            present = bool(rr["present"].iloc[0])

    return PupilProfile(
        pupil_id=pupil_id, wave_id=wave_id, class_id=class_id, name=full, first_name=first,
        present=present, teacher=teacher, child=child, teacher_profile=prof(teacher),
        child_profile=prof(child), agreement=agr, peer=peer,
        teacher_risk=bool(row.get("teacher_risk") is True or row.get("teacher_risk") == 1),
        peer_risk=bool(row.get("peer_risk") is True or row.get("peer_risk") == 1),
        double_risk=bool(row.get("double_risk") is True or row.get("double_risk") == 1),
        teacher_reasons=t_reasons, peer_reasons=p_reasons, child_view=child_view,
        change=chg, previous_wave_id=prev, negative=negative,
    )


def flagged(result: AnalysisResult, wave_id: Hashable) -> pd.DataFrame:
    """Double-risk pupils of one wave with their reasons: pupil_id, class_id, reasons."""
    risk = result.risk
    if risk.empty:
        return pd.DataFrame(columns=["pupil_id", "class_id", "reasons"])
    r = risk[(risk["wave_id"] == wave_id) & risk["double_risk"].fillna(False).astype(bool)]
    return r[["pupil_id", "class_id", "reasons"]].reset_index(drop=True)


def score_text(x: float | None, language: str = "nl", decimals: int = 2) -> str:
    """A score or difference as the profile shows it (page and PDF): ``decimals`` places,
    a decimal comma in Dutch, a real minus sign, "–" when missing.

    >>> score_text(-0.456, "nl"), score_text(1.5, "en", 1), score_text(float("nan"))
    ('−0,46', '1.5', '–')
    """
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    text = f"{x:.{decimals}f}"
    if language == "nl":
        text = text.replace(".", ",")
    return text.replace("-", "\u2212")


def percentile_text(x: float | None) -> str:
    """A percentile as the profile shows it: "P" and the percentile rounded half up.

    >>> percentile_text(84.5), percentile_text(12.49), percentile_text(None)
    ('P85', 'P12', '–')
    """
    return "–" if x is None or math.isnan(x) else f"P{int(math.floor(x + 0.5))}"
