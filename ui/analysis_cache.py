"""The analysis of one class, cached: load every wave (``survey.dataset.load_frames``), run
``analysis.pipeline.analyse`` and compute the stable class-map layout.

The cache key is (class id, a cheap data version, language). The version is a handful of
COUNT/MAX queries (answers, ratings, nominations, absences, consent, pupils, waves), so a
new answer, a changed consent or a new wave gives a new key and shows up on the next run;
nothing stale is served and nothing is recomputed while the data stay the same.

The acting user is checked on every call, cache hit or not (``class_analysis`` asks
``survey.access.require_class`` before it looks in the cache), and the data are loaded as
that user (``survey.dataset.load_frames``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis.classmap import class_layout, display_names
from analysis.pipeline import (
    AnalysisResult,
    PipelineSettings,
    analyse,
    default_keys,
    default_questions,
)
from analysis.reference import occasion_scores, to_common_scale
from survey import access
from survey.access import Actor
from survey.care_notes import school_settings_for_class
from survey.dataset import (
    Frames,
    class_identity,
    load_frames,
    occasion_class_names,
    occasion_ids,
)
from survey.dataset import data_version as stored_version
from survey.instruments import child_pack, response_format
from survey.names import full_name
from ui.core import db


@dataclass
class ClassAnalysis:
    """Everything pages need about one class: frames, results and the layout."""

    class_id: int
    class_name: str
    layout_seed: int
    result: AnalysisResult
    roster: pd.DataFrame
    nominations: pd.DataFrame
    pupils: pd.DataFrame
    waves: pd.DataFrame  # wave_id, class_id, name, starts_on, status, questions (oldest first)
    questions: pd.DataFrame
    positions: dict
    names: dict
    school_settings: dict
    wording: dict  # wave_id → (teacher wording, child wording)
    reference_classes: dict  # wave_id → class names of its occasion (the 'wave' reference)

    @property
    def wave_ids(self) -> list[int]:
        return self.waves["wave_id"].tolist()

    def wave_name(self, wave_id: int) -> str:
        row = self.waves[self.waves["wave_id"] == wave_id]
        return str(row["name"].iloc[0]) if len(row) else str(wave_id)


def data_version(class_id: int) -> tuple:
    """A cheap fingerprint of everything the class analysis reads
    (``survey.dataset.data_version``)."""
    with db() as s:
        return stored_version(s, class_id)


@st.cache_data(show_spinner=False, max_entries=64, ttl=3600)
def _class_analysis(class_id: int, version: tuple, language: str, _actor: Actor) -> ClassAnalysis:
    del version  # part of the cache key only (``_actor`` is not: checked by class_analysis)
    with db() as s:
        identity = class_identity(s, class_id, actor=_actor)
        name, seed, wording = identity.name, identity.layout_seed, identity.wording
        settings = school_settings_for_class(s, class_id)
        ids, occasions = occasion_ids(s, class_id)
        others = sorted({w for ws in occasions.values() for w in ws} - set(ids))
        everyone = load_frames(s, ids, actor=_actor, reference_wave_ids=others)
        reference_classes = occasion_class_names(s, occasions)
    frames = _only_waves(everyone, ids)
    questions = default_questions()
    teacher_key, child_key = default_keys()
    # Yes/no child waves are put on the 4-point range (ranks unchanged; see to_common_scale).
    target = (float(child_key["scale_min"].min()), float(child_key["scale_max"].max()))
    scales = {row.wave_id: _child_scale(row.child_format) for row in everyone.waves.itertuples()}
    child_all = to_common_scale(everyone.child_answers, scales, target)
    # Reference group "wave": every pupil of the same occasion in the school, when the
    # occasion spans more than this class; else analyse() falls back to the class.
    wave_map = {o: w for w in ids for o in occasions.get(w, [w]) if len(occasions.get(w, [])) > 1}
    reference = occasion_scores(
        {"teacher": (everyone.teacher_answers, teacher_key), "child": (child_all, child_key)},
        wave_map,
    ) if wave_map else None
    order = frames.waves["wave_id"].tolist()
    result = analyse(frames.roster, frames.nominations, questions, frames.teacher_answers,
                     child_all[child_all["wave_id"].isin(ids)],
                     teacher_key, child_key, settings=PipelineSettings(language=language),
                     wave_reference=reference, waves_order=order,
                     reference_classes=reference_classes)
    positions = class_layout(frames.roster["pupil_id"].unique().tolist(),
                             layout_edges(frames.nominations, frames.waves, questions),
                             seed=seed)
    return ClassAnalysis(
        class_id=class_id, class_name=name, layout_seed=seed, result=result,
        roster=frames.roster, nominations=frames.nominations, pupils=frames.pupils,
        waves=frames.waves, questions=questions, positions=positions,
        names=display_names(frames.pupils), school_settings=settings, wording=wording,
        reference_classes=reference_classes,
    )


def _child_scale(child_format: str) -> tuple[float, float]:
    fmt = response_format(child_pack(), child_format)
    return float(fmt.scale_min), float(fmt.scale_max)


def _only_waves(frames: Frames, ids: list[int]) -> Frames:
    """The part of ``frames`` that belongs to the waves ``ids`` (one class)."""
    keep = set(ids)
    roster = frames.roster[frames.roster["wave_id"].isin(keep)]
    return Frames(
        roster=roster.reset_index(drop=True),
        child_answers=frames.child_answers[frames.child_answers["wave_id"].isin(keep)],
        teacher_answers=frames.teacher_answers[frames.teacher_answers["wave_id"].isin(keep)],
        nominations=frames.nominations[frames.nominations["wave_id"].isin(keep)],
        pupils=frames.pupils[frames.pupils["pupil_id"].isin(set(roster["pupil_id"]))],
        waves=frames.waves[frames.waves["wave_id"].isin(keep)].reset_index(drop=True),
    )


def layout_edges(nominations: pd.DataFrame, waves: pd.DataFrame,
                 questions: pd.DataFrame) -> list[tuple]:
    """Liking ties of the closed waves (all waves when none is closed yet) for the layout,
    so the map does not move while answers of an open wave come in."""
    liking = questions.loc[questions["kind"] == "liking", "question_id"].tolist()
    closed = waves.loc[waves["status"] == "closed", "wave_id"].tolist()
    use = closed or waves["wave_id"].tolist()
    n = nominations[nominations["question_id"].isin(liking) & nominations["wave_id"].isin(use)
                    & nominations["target_id"].notna()]
    return list(zip(n["rater_id"].tolist(), n["target_id"].tolist(), strict=True))


def class_analysis(class_id: int, language: str = "nl", *, actor: Actor) -> ClassAnalysis:
    """The cached analysis of a class for the current data, for ``actor`` (the logged-in
    user: ``survey.access.NotAllowed`` unless the class is in their scope)."""
    with db() as s:
        access.require_class(s, actor, class_id)
    return _class_analysis(class_id, data_version(class_id), language, actor)


@dataclass(frozen=True)
class Flagged:
    """A child at double risk in the latest wave of their class, for the attention list."""

    pupil_id: int
    wave_id: int
    class_id: int
    class_name: str
    wave_name: str
    name: str  # the full name: across classes first names collide ("Lucas" three times)
    reasons: str


def flagged_pupils(class_ids: list[int], language: str = "nl", *,
                   actor: Actor) -> list[Flagged]:
    """The children at double risk in the latest wave of each of ``class_ids`` (the
    analysis of ``class_analysis``: ``analysis.risk.double_risk`` and its reasons), by class
    and name; the one list of the home and school pages. Every class is checked for
    ``actor`` (``survey.access``); the name is the full name (``survey.names.full_name``):
    the list spans classes, where the per-class display name is ambiguous.
    """
    out: list[Flagged] = []
    for class_id in class_ids:
        ca = class_analysis(class_id, language, actor=actor)
        risk = ca.result.risk
        if not ca.wave_ids or not len(risk):
            continue
        latest = ca.wave_ids[-1]
        pupils = ca.pupils.set_index("pupil_id")
        rows = risk[(risk["wave_id"] == latest) & risk["double_risk"].astype(bool)]
        for row in rows.itertuples(index=False):
            if row.pupil_id in pupils.index:
                p = pupils.loc[row.pupil_id]
                name = full_name(p["first_name"], p.get("tussenvoegsel", ""), p["last_name"])
            else:
                name = ca.names.get(row.pupil_id, str(row.pupil_id))
            out.append(Flagged(int(row.pupil_id), int(latest), int(class_id), ca.class_name,
                               ca.wave_name(latest), name, str(row.reasons)))
    return sorted(out, key=lambda f: (f.class_name.casefold(), f.name.casefold(), f.pupil_id))


PROFILE_PAGE = "app_pages/profile.py"


def open_profile(pupil_id: int, wave_id: int, class_id: int) -> None:
    """Remember which pupil (and wave, class) to show and switch to the profile page."""
    st.session_state["profile_pupil"] = int(pupil_id)
    st.session_state["profile_wave"] = int(wave_id)
    st.session_state["profile_class"] = int(class_id)
    st.session_state[f"pf_wave_{int(pupil_id)}"] = int(wave_id)  # the profile's wave picker
    st.switch_page(PROFILE_PAGE)
