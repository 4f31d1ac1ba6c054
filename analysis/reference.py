"""The "same wave" reference group: scale scores of every pupil measured at the same
occasion (e.g. all classes of a school in "najaar 2026"), relabelled to one class's wave
ids so ``norms.percentiles(..., wave_reference=...)`` can rank that class's pupils against
them.

>>> import pandas as pd
>>> key = pd.DataFrame({"item_id": ["a"], "dimension": ["conflict"], "reverse": [False],
...                     "scale_min": [1], "scale_max": [5]})
>>> answers = pd.DataFrame({"wave_id": [10, 20], "pupil_id": [1, 2], "item_id": "a",
...                         "value": [2.0, 4.0]})
>>> ref = occasion_scores({"teacher": (answers, key)}, {10: 10, 20: 10})
>>> ref[["wave_id", "pupil_id", "score"]].to_dict("records")
[{'wave_id': 10, 'pupil_id': 1, 'score': 2.0}, {'wave_id': 10, 'pupil_id': 2, 'score': 4.0}]
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

import pandas as pd

from analysis.scoring import scale_scores


def to_common_scale(
    answers: pd.DataFrame,
    wave_scales: Mapping[Hashable, tuple[float, float]],
    target: tuple[float, float],
) -> pd.DataFrame:
    """Map answers of waves answered on another scale linearly onto ``target``.

    The child pack has a 4-point format (1–4) and a yes/no format (0–1) for the youngest
    children. Scores are only comparable within one format; mapping 0–1 onto 1–4 keeps every
    within-wave rank (so percentiles, z-scores and agreement categories are unchanged) and
    lets one scoring key serve every wave. ``wave_scales``: wave_id → (min, max) of the scale
    the wave was answered on; waves not listed, or already on ``target``, are left alone.

    >>> a = pd.DataFrame({"wave_id": [1, 2], "pupil_id": [1, 1], "item_id": "x",
    ...                   "value": [0.0, 3.0]})
    >>> to_common_scale(a, {1: (0, 1)}, (1, 4))["value"].tolist()
    [1.0, 3.0]
    """
    out = answers.copy()
    lo_t, hi_t = target
    for wave_id, (lo, hi) in wave_scales.items():
        if (lo, hi) == (lo_t, hi_t) or hi == lo:
            continue
        rows = out["wave_id"] == wave_id
        out.loc[rows, "value"] = lo_t + (out.loc[rows, "value"] - lo) * (hi_t - lo_t) / (hi - lo)
    return out


def occasion_scores(
    answers_by_informant: Mapping[str, tuple[pd.DataFrame | None, pd.DataFrame]],
    wave_map: Mapping[Hashable, Hashable],
    min_answered: float = 0.8,
) -> pd.DataFrame:
    """Scale scores of all pupils of an occasion, with ``wave_id`` mapped by ``wave_map``
    (occasion wave → the class's wave); waves not in the map are dropped.

    ``answers_by_informant``: {'teacher': (ANSWERS, SCORING_KEY), 'child': (…)}; a None or
    empty ANSWERS frame is skipped. Returns SCALE_SCORES columns (see analysis.scoring).
    """
    frames = []
    for informant, (answers, key) in answers_by_informant.items():
        if answers is None or answers.empty:
            continue
        subset = answers[answers["wave_id"].isin(list(wave_map))]
        if subset.empty:
            continue
        frames.append(scale_scores(subset, key, informant, min_answered))
    if not frames:
        return scale_scores(
            pd.DataFrame(columns=["wave_id", "pupil_id", "item_id", "value"]),
            pd.DataFrame(columns=["item_id", "dimension", "reverse", "scale_min", "scale_max"]),
            "teacher",
        )
    scores = pd.concat(frames, ignore_index=True)
    scores["wave_id"] = scores["wave_id"].map(dict(wave_map))
    return scores.reset_index(drop=True)
