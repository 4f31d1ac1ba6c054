"""The "same wave" reference group: waves of one occasion across a school, their scores
relabelled to a class's waves, and yes/no child answers put on the 4-point range."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from analysis.norms import percentiles
from analysis.reference import occasion_scores, to_common_scale
from survey.dataset import occasion_class_names, occasion_wave_ids
from survey.db import session_scope
from survey.models import School, SchoolClass, Wave

KEY = pd.DataFrame({"item_id": ["c1", "c2"], "dimension": "conflict", "reverse": False,
                    "scale_min": 1, "scale_max": 5})


def test_occasions_group_waves_by_school_year_and_name(engine):
    with session_scope(engine) as s:
        a, b = School(name="A"), School(name="B")
        s.add_all([a, b])
        s.flush()
        classes = [SchoolClass(school_id=a.id, name="5a"), SchoolClass(school_id=a.id, name="6b"),
                   SchoolClass(school_id=b.id, name="5a"),
                   SchoolClass(school_id=a.id, name="7c", school_year="2027-2028")]
        s.add_all(classes)
        s.flush()
        waves = [Wave(class_id=c.id, name=n, starts_on=dt.date(2026, 10, 1))
                 for c, n in zip(classes, ["Najaar 2026", " najaar 2026 ", "najaar 2026",
                                           "najaar 2026"], strict=True)]
        waves.append(Wave(class_id=classes[0].id, name="voorjaar 2027"))
        s.add_all(waves)
        s.flush()
        ids = [w.id for w in waves]
        got = occasion_wave_ids(s, [ids[0], ids[4]])
        names = occasion_class_names(s, got)
    # same school, same year, same name (case/spaces ignored); other school and other year
    # are separate occasions
    assert got == {ids[0]: sorted([ids[0], ids[1]]), ids[4]: [ids[4]]}
    # the words of the reference group: the occasion's class names, sorted
    assert names == {ids[0]: ("5a", "6b"), ids[4]: ("5a",)}


def test_occasion_scores_rank_a_class_against_the_whole_occasion():
    # class wave 10 has pupils 1, 2; wave 20 (another class, same occasion) has pupils 3, 4.
    answers = pd.DataFrame({
        "wave_id": [10, 10, 10, 10, 20, 20, 20, 20],
        "pupil_id": [1, 1, 2, 2, 3, 3, 4, 4],
        "item_id": ["c1", "c2"] * 4,
        "value": [1.0, 1.0, 2.0, 2.0, 4.0, 4.0, 5.0, 5.0],
    })
    ref = occasion_scores({"teacher": (answers, KEY)}, {10: 10, 20: 10})
    assert sorted(ref["score"]) == [1.0, 2.0, 4.0, 5.0] and set(ref["wave_id"]) == {10}
    roster = pd.DataFrame({"wave_id": 10, "class_id": 1, "pupil_id": [1, 2], "gender": "m",
                           "present": True})
    own = ref[ref["pupil_id"].isin([1, 2])]
    pct = percentiles(own, roster, wave_reference=ref).sort_values("pupil_id")
    # mid-rank among the 4 pupils of the occasion: pupil 2 (score 2) has 1 below → 37.5
    assert pct["percentile"].tolist() == [12.5, 37.5]
    assert set(pct["reference"]) == {"wave"} and set(pct["reference_n"]) == {4}


@given(st.lists(st.sampled_from([0.0, 1.0]), min_size=2, max_size=20))
def test_yes_no_mapping_keeps_ranks_and_range(values):
    a = pd.DataFrame({"wave_id": 1, "pupil_id": range(len(values)), "item_id": "x",
                      "value": values})
    mapped = to_common_scale(a, {1: (0.0, 1.0)}, (1.0, 4.0))["value"].to_numpy()
    assert set(mapped) <= {1.0, 4.0}
    assert (np.argsort(mapped, kind="stable") == np.argsort(values, kind="stable")).all()
