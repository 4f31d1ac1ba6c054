"""The whole analysis of one or many classes in one call: ``analyse(...) -> AnalysisResult``.

Order of the steps (each is a pure function of frames, see its module):

1. scale scores and Cronbach's alpha per informant (``analysis.scoring``);
2. percentiles against the stated reference group (``analysis.norms``);
3. sociometry (``analysis.sociometry``) and network measures of the liking question
   (``analysis.network``);
4. teacher–child agreement (``analysis.agreement``);
5. double risk (``analysis.risk``), fed by the teacher/child percentiles and the
   sociometry per-pupil frame (wave_id, class_id, pupil_id, social_preference, status_cd,
   participation_rate);
6. change between consecutive waves with the reliable change index (``analysis.change``).

Steps whose input is missing (no teacher or child answers) give empty frames and a note in
``AnalysisResult.notes``; nothing is silently invented.

>>> import pandas as pd
>>> roster = pd.DataFrame({"wave_id": 1, "class_id": 1, "pupil_id": [1, 2, 3],
...                        "gender": "x", "present": True})
>>> questions = pd.DataFrame({"question_id": ["lm"], "kind": ["liking"],
...                           "polarity": ["positive"]})
>>> noms = pd.DataFrame({"wave_id": 1, "class_id": 1, "question_id": "lm",
...                      "rater_id": [1, 2, 3], "target_id": [2, 1, 2]})
>>> result = analyse(roster, noms, questions)
>>> result.pupils_table()["lm_received"].tolist()
[1.0, 2.0, 0.0]
"""

from __future__ import annotations

import functools
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis import agreement as agreement_mod
from analysis import change as change_mod
from analysis import norms as norms_mod
from analysis import risk as risk_mod
from analysis import scoring
from analysis.frames import NOMINATIONS, QUESTIONS, ROSTER, require_columns
from analysis.network import network_measures
from analysis.sociometry import SociometrySettings, _prepare, sociometry

__all__ = ["AnalysisResult", "PipelineSettings", "analyse", "default_keys", "default_questions"]

_IDS = ["wave_id", "class_id", "pupil_id"]
#: up to this many waves ``change`` is called directly (its loop over pairs is cheap)
_DIRECT_CHANGE_MAX_WAVES = 4


@dataclass(frozen=True)
class PipelineSettings:
    """Every configurable default of the pipeline in one place.

    network_question: question id for the network measures; None = the wave's liking
    question (first question of kind 'liking' that has nominations).
    """

    sociometry: SociometrySettings = SociometrySettings()
    risk: risk_mod.RiskSettings = risk_mod.RiskSettings()
    min_answered: float = 0.8
    agreement_threshold: float = 0.5
    network_question: Hashable | None = None
    seed: int = 0
    language: str = "nl"


@dataclass
class AnalysisResult:
    """All result frames of :func:`analyse` (empty frames for steps without input)."""

    scores: pd.DataFrame
    alphas: pd.DataFrame
    percentiles: pd.DataFrame
    sociometry_pupil_question: pd.DataFrame
    sociometry_pupils: pd.DataFrame
    sociometry_classes: pd.DataFrame
    network_pupils: pd.DataFrame
    network_classes: pd.DataFrame
    agreement_pupils: pd.DataFrame
    agreement_classes: pd.DataFrame
    risk: pd.DataFrame
    change: pd.DataFrame
    notes: list[str] = field(default_factory=list)

    def pupils_table(self) -> pd.DataFrame:
        """One row per wave × class × pupil of the roster: every per-pupil result, wide.

        Columns: the sociometry per-pupil columns; network columns prefixed ``net_``; scale
        scores and percentiles as ``<informant>_<dimension>`` / ``..._pct``; agreement
        categories as ``agreement_<dimension>``; risk flags and reasons.
        """
        out = self.sociometry_pupils.copy()
        if len(self.network_pupils):
            net = self.network_pupils.drop(columns="question_id").rename(
                columns=lambda c: c if c in _IDS else f"net_{c}")
            out = out.merge(net, on=_IDS, how="left")
        if len(self.percentiles):
            pct = self.percentiles
            key = pct["informant"].astype(str) + "_" + pct["dimension"].astype(str)
            wide = _wide(pct.assign(key=key), ["wave_id", "pupil_id"], "key",
                         {"score": "{}", "percentile": "{}_pct"})
            out = out.merge(wide, on=["wave_id", "pupil_id"], how="left")
        if len(self.agreement_pupils):
            agr = _wide(self.agreement_pupils, ["wave_id", "pupil_id"], "dimension",
                        {"category": "agreement_{}"})
            out = out.merge(agr, on=["wave_id", "pupil_id"], how="left")
        if len(self.risk):
            risk = self.risk[["wave_id", "pupil_id", "teacher_risk", "peer_risk", "double_risk",
                              "teacher_data", "peer_data", "reasons", "child_view"]]
            out = out.merge(risk, on=["wave_id", "pupil_id"], how="left")
        return out

    def classes_table(self) -> pd.DataFrame:
        """One row per wave × class × question: sociometry per class, and for the network
        question the network measures (prefixed ``net_``); teacher–child agreement
        correlations per dimension as ``agreement_r_<dimension>``."""
        out = self.sociometry_classes.copy()
        if len(self.network_classes):
            net = self.network_classes.drop(columns="n_pupils").rename(
                columns=lambda c: c if c in (*_IDS, "question_id") else f"net_{c}")
            out = out.merge(net, on=["wave_id", "class_id", "question_id"], how="left")
        if len(self.agreement_classes):
            agr = _wide(self.agreement_classes, ["wave_id", "class_id"], "dimension",
                        {"r": "agreement_r_{}"})
            out = out.merge(agr, on=["wave_id", "class_id"], how="left")
        return out


def _wide(frame: pd.DataFrame, index: list[str], column: str, values: dict[str, str]) -> pd.DataFrame:
    """Long → wide: one column per (value, ``column`` level), named by the format string."""
    first = frame.drop_duplicates([*index, column])
    levels = pd.unique(first[column]).tolist()
    out = first[index].drop_duplicates().reset_index(drop=True)
    for level in levels:
        part = first.loc[first[column] == level, [*index, *values]]
        part = part.rename(columns={v: fmt.format(level) for v, fmt in values.items()})
        out = out.merge(part, on=index, how="left")
    return out


@functools.cache
def _shipped_keys() -> tuple[pd.DataFrame, pd.DataFrame]:
    from survey.instruments import child_pack, scoring_key, teacher_pack

    return scoring_key(teacher_pack()), scoring_key(child_pack())


@functools.cache
def _shipped_key_infos() -> tuple[scoring.KeyInfo, scoring.KeyInfo]:
    """The shipped keys, validated once per process (they never change while it runs)."""
    teacher, child = _shipped_keys()
    return scoring.key_info(teacher), scoring.key_info(child)


def default_keys() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(teacher key, child key) of the shipped packs (child: default four-point format)."""
    teacher, child = _shipped_keys()
    return teacher.copy(), child.copy()


def default_questions() -> pd.DataFrame:
    """QUESTIONS frame of the shipped peer-nomination pack."""
    from survey.instruments import nomination_pack, questions_frame

    return questions_frame(nomination_pack())


def _waves_order(roster: pd.DataFrame) -> list:
    """Wave ids in time order: sorted ids (database ids grow with time), else first seen."""
    waves = pd.unique(roster["wave_id"]).tolist()
    try:
        return sorted(waves)
    except TypeError:
        return waves


def _batched_change(
    scores: pd.DataFrame, alphas: pd.DataFrame, waves_order: Sequence
) -> pd.DataFrame:
    """``change.change`` for every consecutive wave pair, in one call.

    Each class has its own waves, so ``waves_order`` holds thousands of pairs and calling
    ``change`` on the whole list loops over all of them. Pairs that share pupils are
    relabelled to waves 0 → 1 with the pair number folded into ``informant`` (so SD1 and
    alpha still come from the pair's own previous wave), computed in one call and mapped
    back. The result equals calling ``change(scores, alphas, waves_order)`` directly.
    """
    order = list(waves_order)
    if len(order) <= _DIRECT_CHANGE_MAX_WAVES or scores.empty:
        return change_mod.change(scores, alphas, order)
    pos = {w: k for k, w in enumerate(order)}
    s = scores[scores["wave_id"].isin(order)]
    k = s["wave_id"].map(pos).to_numpy(np.int64)
    # pair p = (order[p], order[p+1]); a row of wave k is "previous" of pair k, "current" of k−1
    pairs_prev = s.assign(_pair=k, _t=0)
    pairs_cur = s.assign(_pair=k - 1, _t=1)
    both = pd.concat([pairs_prev, pairs_cur], ignore_index=True)
    both = both[(both["_pair"] >= 0) & (both["_pair"] < len(order) - 1)]
    shared = both.groupby(["_pair", "pupil_id"], sort=False)["_t"].nunique()
    keep_pairs = shared[shared == 2].index.get_level_values("_pair").unique()
    both = both[both["_pair"].isin(keep_pairs)]
    if both.empty:
        return change_mod.change(scores.iloc[:0], alphas, order[:2])
    tag = both["informant"].astype(str) + "\x1f" + both["_pair"].astype(str)
    relabelled = both.assign(informant=tag, wave_id=both["_t"]).drop(columns=["_pair", "_t"])
    a = alphas
    if "informant" not in a.columns:
        informants = pd.unique(scores["informant"])
        if len(informants) != 1:  # let change() raise its own error for this case
            return change_mod.change(scores, alphas, order)
        a = a.assign(informant=informants[0])
    if "wave_id" in a.columns:
        a = a[a["wave_id"].isin(order)]
        a = a.assign(_pair=a["wave_id"].map(pos))
        a = a[a["_pair"].isin(keep_pairs)]
        a = a.assign(wave_id=0)
    else:  # one alpha per informant × dimension: repeat for every pair
        a = a.merge(pd.DataFrame({"_pair": keep_pairs}), how="cross")
    a = a.assign(informant=a["informant"].astype(str) + "\x1f" + a["_pair"].astype(str))
    a = a.drop(columns="_pair")
    out = change_mod.change(relabelled, a, [0, 1])
    if out.empty:
        return change_mod.change(scores.iloc[:0], alphas, order[:2])
    codes, tags = pd.factorize(out["informant"])
    split = [str(t).rsplit("\x1f", 1) for t in tags]
    informant = np.array([p[0] for p in split], dtype=object)[codes]
    pair = np.array([int(p[1]) for p in split], dtype=np.int64)[codes]
    order_arr = np.array(order, dtype=object)
    return out.assign(
        informant=informant,
        wave_previous=order_arr[pair],
        wave_id=order_arr[pair + 1],
    )


def _liking_question(questions: pd.DataFrame, nominations: pd.DataFrame) -> Hashable | None:
    asked = set(pd.unique(nominations["question_id"]).tolist())
    for qid, kind in zip(questions["question_id"], questions["kind"], strict=True):
        if kind == "liking" and qid in asked:
            return qid
    return None


def analyse(
    roster: pd.DataFrame,
    nominations: pd.DataFrame,
    questions: pd.DataFrame,
    teacher_answers: pd.DataFrame | None = None,
    child_answers: pd.DataFrame | None = None,
    teacher_key: pd.DataFrame | None = None,
    child_key: pd.DataFrame | None = None,
    settings: PipelineSettings | None = None,
    *,
    norms: pd.DataFrame | None = None,
    wave_reference: pd.DataFrame | str | None = None,
    waves_order: Sequence | None = None,
    reference_classes: Mapping[Hashable, Sequence[str]] | None = None,
) -> AnalysisResult:
    """Run every analysis step on the frames of ``analysis.frames``.

    ``teacher_key``/``child_key`` default to the shipped packs' scoring keys
    (``survey.instruments``) when answers are given. ``norms``/``wave_reference`` go to
    ``norms.percentiles`` (reference group: norms, else the wave, else the class);
    ``wave_reference="self"`` uses the scores computed here (all pupils of the same wave
    in the data given — what the command line does), None leaves the class as reference.
    ``waves_order`` (wave ids in time order, for change scores) defaults to the sorted
    wave ids of the roster. ``reference_classes`` (wave_id → the class names of the
    wave's occasion) lets the double-risk reasons name the classes of a 'wave' reference.
    """
    settings = settings or PipelineSettings()
    require_columns(roster, ROSTER, "roster")
    require_columns(nominations, NOMINATIONS, "nominations")
    require_columns(questions, QUESTIONS, "questions")
    notes: list[str] = []

    # 1. scale scores and alphas
    keys = {"teacher": (teacher_answers, teacher_key), "child": (child_answers, child_key)}
    score_frames, alpha_frames = [], []
    for informant, (answers, key) in keys.items():
        if answers is None or answers.empty:
            notes.append(f"no {informant} answers: {informant} scores, percentiles and the "
                         f"steps that need them are left out")
            continue
        if key is None:
            key = _shipped_key_infos()[0 if informant == "teacher" else 1]
        informant_scores, informant_alphas = scoring.scores_and_alphas(
            answers, key, informant, settings.min_answered)
        score_frames.append(informant_scores)
        alpha_frames.append(informant_alphas)
    scores = (pd.concat(score_frames, ignore_index=True) if score_frames
              else scoring.scale_scores(_empty_answers(), _empty_key(), "teacher"))
    alphas = pd.concat(alpha_frames, ignore_index=True) if alpha_frames else pd.DataFrame(
        {c: pd.Series(dtype=object) for c in ("wave_id", "informant", "dimension", "alpha",
                                              "n_items", "n_pupils")})

    # 2. percentiles
    if isinstance(wave_reference, str):
        if wave_reference != "self":
            raise ValueError("wave_reference must be a SCALE_SCORES frame, 'self' or None")
        wave_reference = scores
    pct = norms_mod.percentiles(scores, roster, norms=norms, wave_reference=wave_reference)
    # double_risk ignores rows of the other informant, so the whole frame is passed when
    # the informant has rows (saves two row filters); an absent informant stays empty
    informant = pct["informant"].to_numpy(dtype=object)
    teacher_pct = pct if (informant == "teacher").any() else pct.iloc[:0]
    child_pct = pct if (informant == "child").any() else pct.iloc[:0]

    # 3. sociometry and network
    prepared = _prepare(nominations, roster)  # shared by sociometry and network
    ppq, soc_pupils, soc_classes = sociometry(nominations, roster, questions, settings.sociometry,
                                              prepared=prepared)
    net_q = settings.network_question
    if net_q is None:
        net_q = _liking_question(questions, nominations)
    if net_q is None:
        notes.append("no liking question with nominations: network measures left out")
        net_pupils, net_classes = network_measures(nominations.iloc[:0], roster.iloc[:0], "")
    else:
        net_pupils, net_classes = network_measures(nominations, roster, net_q, settings.seed,
                                                   prepared=prepared)

    # 4. agreement
    agr_pupils, agr_classes = agreement_mod.agreement(scores, roster,
                                                      settings.agreement_threshold)

    # 5. double risk
    risk = risk_mod.double_risk(teacher_pct, soc_pupils, child_pct if len(child_pct) else None,
                                settings.risk, settings.language,
                                reference_classes=reference_classes)

    # 6. change
    order = list(waves_order) if waves_order is not None else _waves_order(roster)
    chg = _batched_change(scores, alphas, order) if len(scores) else change_mod.change(
        scores, alphas, order[:1])

    return AnalysisResult(
        scores=scores, alphas=alphas, percentiles=pct,
        sociometry_pupil_question=ppq, sociometry_pupils=soc_pupils,
        sociometry_classes=soc_classes, network_pupils=net_pupils,
        network_classes=net_classes, agreement_pupils=agr_pupils,
        agreement_classes=agr_classes, risk=risk, change=chg, notes=notes,
    )


def _empty_answers() -> pd.DataFrame:
    return pd.DataFrame({"wave_id": pd.Series(dtype=object), "pupil_id": pd.Series(dtype=object),
                         "item_id": pd.Series(dtype=object), "value": pd.Series(dtype=float)})


def _empty_key() -> pd.DataFrame:
    return pd.DataFrame({"item_id": pd.Series(dtype=object), "dimension": pd.Series(dtype=object),
                         "reverse": pd.Series(dtype=bool), "scale_min": pd.Series(dtype="int64"),
                         "scale_max": pd.Series(dtype="int64")})
