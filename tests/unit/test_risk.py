"""Double risk: flags obey their criteria exactly, every flag has its reasons."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.risk import RiskSettings, double_risk, format_number

NAN = float("nan")


def pct_frame(rows, informant="teacher", reference="wave", reference_n=480):
    """rows: pupil_id -> (conflict percentile, closeness percentile); None = no row."""
    out = []
    for pupil, (conflict, closeness) in rows.items():
        for dim, p in (("conflict", conflict), ("closeness", closeness)):
            if p is not None:
                out.append({"wave_id": 1, "class_id": "A", "pupil_id": pupil,
                            "informant": informant, "dimension": dim, "score": 3.0,
                            "percentile": p, "reference": reference,
                            "reference_n": reference_n})
    cols = ["wave_id", "class_id", "pupil_id", "informant", "dimension", "score",
            "percentile", "reference", "reference_n"]
    return pd.DataFrame(out, columns=cols)


def soc_frame(rows, participation=0.9):
    """rows: pupil_id -> (social_preference, status_cd)."""
    return pd.DataFrame(
        [{"wave_id": 1, "class_id": "A", "pupil_id": p, "social_preference": sp,
          "status_cd": st_, "participation_rate": participation}
         for p, (sp, st_) in rows.items()],
        columns=["wave_id", "class_id", "pupil_id", "social_preference", "status_cd",
                 "participation_rate"])


def by_pupil(frame):
    return frame.set_index("pupil_id")


def test_double_risk_with_reasons_in_english():
    teacher = pct_frame({1: (82, 60), 2: (50, 50)})
    soc = soc_frame({1: (-1.4, "rejected"), 2: (-1.4, "average")})
    out = by_pupil(double_risk(teacher, soc, language="en"))
    one = out.loc[1]
    assert one["teacher_risk"] and one["peer_risk"] and one["double_risk"]
    assert one["teacher_reasons"] == [
        "conflict with the teacher at percentile 82 (top quarter; reference group: all "
        "classes of this wave, 480 pupils with a score)"]
    assert one["peer_reasons"] == ["social preference \u22121.4 (at or below \u22121.0)",
                                   "status group: rejected"]
    assert one["reasons"] == "; ".join(one["teacher_reasons"] + one["peer_reasons"])
    two = out.loc[2]
    assert not two["teacher_risk"] and two["peer_risk"] and not two["double_risk"]
    assert two["teacher_reasons"] == [] and two["teacher_data"]


def test_dutch_sentences_use_decimal_comma():
    out = double_risk(pct_frame({1: (90, 10)}, reference="class", reference_n=24),
                      soc_frame({1: (-2.25, "rejected")}), language="nl").iloc[0]
    assert out["teacher_reasons"] == [
        "conflict met de leerkracht op percentiel 90 (hoogste kwart; referentiegroep: deze "
        "klas, 24 leerlingen met een score)",
        "nabijheid met de leerkracht op percentiel 10 (laagste kwart; referentiegroep: deze "
        "klas, 24 leerlingen met een score)"]
    assert out["peer_reasons"][0] == "sociale voorkeur \u22122,2 (\u22121,0 of lager)"
    assert out["peer_reasons"][1] == "statusgroep: afgewezen"


@pytest.mark.parametrize(
    "conflict, closeness, expected",
    [(75, 50, True), (74.9, 50, False), (50, 25, True), (50, 25.1, False)],
)
def test_teacher_thresholds_are_inclusive(conflict, closeness, expected):
    out = double_risk(pct_frame({1: (conflict, closeness)}), soc_frame({1: (0.0, "average")}))
    assert bool(out["teacher_risk"].iloc[0]) is expected


@pytest.mark.parametrize(
    "sp, status, rejected_counts, expected",
    [(-1.0, "average", True, True), (-0.99, "average", True, False),
     (0.5, "rejected", True, True), (0.5, "rejected", False, False)],
)
def test_peer_thresholds(sp, status, rejected_counts, expected):
    out = double_risk(pct_frame({1: (50, 50)}), soc_frame({1: (sp, status)}),
                      settings=RiskSettings(rejected_counts=rejected_counts), language="en")
    assert bool(out["peer_risk"].iloc[0]) is expected


def test_value_next_to_the_cut_gets_an_extra_decimal():
    out = double_risk(pct_frame({1: (50, 50)}), soc_frame({1: (-1.04, "average")}),
                      language="en")
    assert out["peer_reasons"].iloc[0] == ["social preference \u22121.04 (at or below \u22121.0)"]


def test_missing_data_is_stated_not_silently_false():
    teacher = pct_frame({1: (80, 50), 3: (None, 10)})
    soc = soc_frame({1: (NAN, None), 2: (-2.0, "rejected"), 3: (0.0, "average")})
    out = by_pupil(double_risk(teacher, soc, language="en"))
    assert not out.loc[1, "peer_data"] and not out.loc[1, "peer_risk"]
    assert out.loc[1, "peer_reasons"] == ["too few nominators"]
    assert out.loc[1, "teacher_risk"] and not out.loc[1, "double_risk"]
    assert not out.loc[2, "teacher_data"] and not out.loc[2, "teacher_risk"]
    assert out.loc[2, "teacher_reasons"] == ["no teacher ratings"]
    # one teacher dimension missing: the other still counts, and the gap is named
    assert out.loc[3, "teacher_risk"] and out.loc[3, "teacher_data"]
    assert "no teacher conflict score (too few items answered)" in out.loc[3, "teacher_reasons"]


def test_low_participation_adds_a_caution_without_changing_flags():
    out = double_risk(pct_frame({1: (50, 50)}), soc_frame({1: (0.0, "average")}, 0.45),
                      language="en").iloc[0]
    assert not out["peer_risk"]
    assert out["peer_reasons"] == ["only 45% of classmates took part (below 60%): "
                                   "interpret with care"]


def test_child_view_is_shown_but_never_changes_the_flags():
    teacher = pct_frame({1: (50, 50)})
    child = pct_frame({1: (99, 1)}, informant="child")
    soc = soc_frame({1: (-2.0, "rejected")})
    with_child = double_risk(teacher, soc, child, language="en").iloc[0]
    without = double_risk(teacher, soc, language="en").iloc[0]
    assert with_child["child_conflict_pct"] == 99 and with_child["child_closeness_pct"] == 1
    assert with_child["child_view"] == ("the child's own view: closeness percentile 1, "
                                        "conflict percentile 99")
    for col in ("teacher_risk", "peer_risk", "double_risk", "reasons"):
        assert with_child[col] == without[col]
    assert math.isnan(without["child_conflict_pct"]) and without["child_view"] == ""


def test_a_wave_reference_names_its_classes_and_pupils():
    """'alle leerlingen van deze meting, n = 70' for a class of 28 read as an error: the
    reason says which classes and how many pupils ([Everyday] item 8)."""
    teacher = pct_frame({1: (96, 50)}, reference="wave", reference_n=70)
    soc = soc_frame({1: (-1.7, "average")})
    classes = {1: ("Groep 5a", "Groep 6b", "Groep 7a")}
    nl = double_risk(teacher, soc, language="nl", reference_classes=classes).iloc[0]
    assert nl["teacher_reasons"] == [
        "conflict met de leerkracht op percentiel 96 (hoogste kwart; referentiegroep: de 3 "
        "klassen van deze meting (Groep 5a, Groep 6b, Groep 7a), 70 leerlingen met een score)"]
    en = double_risk(teacher, soc, language="en", reference_classes=classes).iloc[0]
    assert ("reference group: the 3 classes of this wave (Groep 5a, Groep 6b, Groep 7a), "
            "70 pupils with a score)") in en["reasons"]
    # another wave's classes are not this wave's; one class alone is not a list
    other = double_risk(teacher, soc, language="en", reference_classes={2: ("6A", "6B")})
    assert "all classes of this wave, 70 pupils" in other["reasons"].iloc[0]
    one = double_risk(teacher, soc, language="en", reference_classes={1: ("6A",)})
    assert "all classes of this wave, 70 pupils" in one["reasons"].iloc[0]


def test_custom_percentile_cuts_are_named():
    out = double_risk(pct_frame({1: (92, 50)}), soc_frame({1: (0.0, "average")}),
                      settings=RiskSettings(conflict_pct=90), language="en").iloc[0]
    assert ("(P90 or higher; reference group: all classes of this wave, 480 pupils with a "
            "score)") in out["reasons"]


def test_norm_reference_is_named():
    out = double_risk(pct_frame({1: (80, 50)}, reference="norms", reference_n=pd.NA),
                      soc_frame({1: (0.0, "average")}), language="en").iloc[0]
    assert "reference group: the norm group of the imported norm table" in out["reasons"]
    assert out["teacher_reference"] == "norms"


def test_degenerate_inputs_do_not_raise():
    empty = double_risk(pct_frame({}), soc_frame({}))
    assert empty.empty and "double_risk" in empty.columns
    only_soc = double_risk(pct_frame({}), soc_frame({1: (-1.5, "rejected")}), language="en")
    assert only_soc["teacher_reasons"].iloc[0] == ["no teacher ratings"]
    only_teacher = double_risk(pct_frame({1: (80, 10)}), soc_frame({}), language="en")
    assert only_teacher["peer_reasons"].iloc[0] == ["too few nominators"]
    assert only_teacher["class_id"].iloc[0] == "A"


def test_bad_language_is_refused():
    with pytest.raises(ValueError, match="language"):
        double_risk(pct_frame({}), soc_frame({}), language="fr")


def test_numbers_are_written_the_readers_way():
    assert format_number(-1.4, "nl") == "\u22121,4" and format_number(0.04, "en") == "0.0"


maybe_pct = st.one_of(st.none(), st.floats(0, 100))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(maybe_pct, maybe_pct,
                          st.one_of(st.just(NAN), st.floats(-3, 3)),
                          st.sampled_from([None, "popular", "rejected", "neglected",
                                           "controversial", "average"])),
                min_size=1, max_size=8),
       st.sampled_from(["nl", "en"]))
def test_flags_obey_their_criteria_exactly(rows, language):
    teacher = pct_frame({i: (c, cl) for i, (c, cl, _, _) in enumerate(rows)})
    soc = soc_frame({i: (sp, s) for i, (_, _, sp, s) in enumerate(rows)})
    out = by_pupil(double_risk(teacher, soc, language=language))
    assert len(out) == len(rows)
    for i, (c, cl, sp, s) in enumerate(rows):
        r = out.loc[i]
        t_expected = (c is not None and c >= 75) or (cl is not None and cl <= 25)
        p_expected = (not np.isnan(sp) and sp <= -1.0) or s == "rejected"
        assert r["teacher_risk"] == t_expected
        assert r["peer_risk"] == p_expected
        assert r["double_risk"] == (t_expected and p_expected)
        assert r["teacher_data"] == (c is not None or cl is not None)
        assert r["peer_data"] == (not np.isnan(sp) or s is not None)
        # a raised flag always comes with at least one reason
        assert not r["teacher_risk"] or r["teacher_reasons"]
        assert not r["peer_risk"] or r["peer_reasons"]
