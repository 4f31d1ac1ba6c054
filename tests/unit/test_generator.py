"""Tests of the seeded demo-school generator (sample_data.generator).

Shape and invariants are checked on the demo school; the planted effects are measured
with plain numpy/pandas (not the analysis package) over 200 generated classes, so each
check has thousands of pupils behind it and the thresholds sit far from the measured
values (seed fixed: no flakiness).
"""

from __future__ import annotations

import csv
import datetime as dt

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.frames import ANSWERS, NOMINATIONS, ROSTER
from sample_data import make_rosters
from sample_data.generator import (
    CHILD_ITEMS,
    CHILD_PRACTICE,
    QUESTION_IDS,
    TEACHER_ITEMS,
    TEACHER_REVERSE,
    TRUTH_COLUMNS,
    DemoSchool,
    child_item_ids,
    example_roster,
    generate_classes,
    generate_demo_school,
    teacher_item_ids,
)
from survey.instruments import child_pack, nomination_pack, scoring_key, teacher_pack

FRAMES = ("classes", "pupils", "waves", "roster", "child_answers", "teacher_answers",
          "nominations", "truth")


@pytest.fixture(scope="module")
def demo() -> DemoSchool:
    return generate_demo_school(2026)


@pytest.fixture(scope="module")
def big() -> DemoSchool:
    return generate_classes(200, seed=11)


# ----------------------------------------------------------------- determinism


def test_same_seed_gives_identical_frames(demo: DemoSchool) -> None:
    again = generate_demo_school(2026)
    assert again.school == demo.school
    for name in FRAMES:
        pd.testing.assert_frame_equal(getattr(again, name), getattr(demo, name))


def test_other_seed_gives_other_data(demo: DemoSchool) -> None:
    other = generate_demo_school(7)
    assert not other.pupils["first_name"].equals(demo.pupils["first_name"])
    assert not other.teacher_answers.equals(demo.teacher_answers)


def test_generate_classes_is_deterministic() -> None:
    a, b = generate_classes(5, 20, 3, seed=4), generate_classes(5, 20, 3, seed=4)
    for name in FRAMES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))


# ----------------------------------------------------------------- contracts


def test_frames_have_exactly_the_contract_columns(demo: DemoSchool) -> None:
    assert tuple(demo.roster.columns) == ROSTER
    assert tuple(demo.child_answers.columns) == ANSWERS
    assert tuple(demo.teacher_answers.columns) == ANSWERS
    assert tuple(demo.nominations.columns) == NOMINATIONS
    assert tuple(demo.truth.columns) == TRUTH_COLUMNS
    assert list(demo.classes.columns) == ["class_id", "name", "grade", "teacher_name", "age_band"]
    assert list(demo.pupils.columns) == [
        "pupil_id", "class_id", "first_name", "tussenvoegsel", "last_name", "gender",
        "birth_date", "pupil_number", "consent",
    ]
    assert list(demo.waves.columns) == [
        "wave_id", "class_id", "name", "starts_on", "status", "language",
    ]
    assert demo.roster["present"].dtype == bool
    assert demo.child_answers["value"].dtype == float
    assert demo.nominations["target_id"].dtype == "Int64"


def test_ids_are_unique_across_the_whole_school(demo: DemoSchool) -> None:
    class_ids = set(demo.classes["class_id"])
    wave_ids = set(demo.waves["wave_id"])
    pupil_ids = set(demo.pupils["pupil_id"])
    assert len(class_ids) == 3 and len(wave_ids) == 6 and len(pupil_ids) == len(demo.pupils)
    assert not (class_ids & wave_ids or class_ids & pupil_ids or wave_ids & pupil_ids)
    assert demo.pupils["pupil_number"].is_unique


# ----------------------------------------------------------------- demo shape


def test_demo_has_three_classes_of_20_to_30_pupils_and_two_waves(demo: DemoSchool) -> None:
    assert demo.school == {"name": "Basisschool De Regenboog", "consent_mode": "opt_in"}
    assert demo.classes["grade"].tolist() == [5, 6, 7]
    sizes = demo.pupils.groupby("class_id").size()
    assert sizes.between(20, 30).all()
    waves = demo.waves.sort_values(["class_id", "starts_on"])
    assert waves.groupby("class_id")["name"].agg(list).tolist() == [
        ["najaar 2026", "voorjaar 2027"]] * 3
    assert (waves.groupby("class_id")["status"].first() == "closed").all()
    assert set(waves["status"]) <= {"open", "closed"}
    assert (waves["language"] == "nl").all()


def test_demo_pupils_are_8_to_11_at_every_wave(demo: DemoSchool) -> None:
    merged = demo.pupils.merge(demo.waves, on="class_id")
    ages = [
        s.year - b.year - ((s.month, s.day) < (b.month, b.day))
        for b, s in zip(merged["birth_date"], merged["starts_on"], strict=True)
    ]
    assert min(ages) == 8 and max(ages) == 11
    assert all(isinstance(b, dt.date) for b in demo.pupils["birth_date"])


def test_exactly_one_refused_pupil_who_appears_nowhere(demo: DemoSchool) -> None:
    consent = demo.pupils["consent"]
    assert (consent == "refused").sum() == 1
    assert set(consent) == {"given", "refused"}
    refused = int(demo.pupils.loc[consent == "refused", "pupil_id"].iloc[0])
    noms = demo.nominations
    assert refused not in set(demo.roster["pupil_id"])
    assert refused not in set(demo.child_answers["pupil_id"])
    assert refused not in set(demo.teacher_answers["pupil_id"])
    assert refused not in set(demo.truth["pupil_id"])
    assert refused not in set(noms["rater_id"])
    assert refused not in set(noms["target_id"].dropna())


def test_roster_is_every_consented_pupil_in_every_wave_of_its_class(demo: DemoSchool) -> None:
    consented = demo.pupils[demo.pupils["consent"] == "given"]
    expected = consented.merge(demo.waves[["wave_id", "class_id"]], on="class_id")
    got = demo.roster.merge(
        expected[["wave_id", "class_id", "pupil_id", "gender"]], how="outer", indicator=True
    )
    assert (got["_merge"] == "both").all()
    assert len(demo.roster) == len(expected)


def test_absentees_have_teacher_ratings_but_no_child_answers_or_nominations(
    demo: DemoSchool,
) -> None:
    roster = demo.roster
    absent_per_class_wave = (~roster["present"]).groupby(
        [roster["class_id"], roster["wave_id"]]).sum()
    assert absent_per_class_wave.between(1, 2).all()

    def pairs(frame: pd.DataFrame, pupil: str = "pupil_id") -> set[tuple[int, int]]:
        return set(zip(frame["wave_id"], frame[pupil], strict=True))

    absent = pairs(roster[~roster["present"]])
    child = pairs(demo.child_answers)
    raters = pairs(demo.nominations, "rater_id")
    teacher = pairs(demo.teacher_answers)
    assert not absent & child
    assert not absent & raters
    assert absent <= teacher
    # every present pupil answered items and took part in every nomination question
    present = pairs(roster[roster["present"]])
    assert child == present
    per_question = demo.nominations.groupby("question_id")[["wave_id", "rater_id"]]
    for _, frame in per_question:
        assert set(zip(frame["wave_id"], frame["rater_id"], strict=True)) == present


def test_some_items_are_skipped_but_practice_never(demo: DemoSchool) -> None:
    roster = demo.roster
    n_teacher_cells = len(roster) * 28  # teacher rates every consented pupil on 28 items
    skipped_teacher = 1 - len(demo.teacher_answers) / n_teacher_cells
    scored_child = demo.child_answers[demo.child_answers["item_id"] != CHILD_PRACTICE]
    skipped_child = 1 - len(scored_child) / (roster["present"].sum() * 17)
    assert 0.002 < skipped_teacher < 0.03
    assert 0.002 < skipped_child < 0.04
    practice = demo.child_answers[demo.child_answers["item_id"] == CHILD_PRACTICE]
    assert len(practice) == roster["present"].sum()
    assert not demo.teacher_answers.duplicated(["wave_id", "pupil_id", "item_id"]).any()
    assert not demo.child_answers.duplicated(["wave_id", "pupil_id", "item_id"]).any()


def test_values_are_within_their_scales(demo: DemoSchool) -> None:
    t, c = demo.teacher_answers["value"], demo.child_answers["value"]
    assert t.between(1, 5).all() and (t == t.round()).all()
    assert c.between(1, 4).all() and (c == c.round()).all()
    assert set(demo.teacher_answers["item_id"]) == set(teacher_item_ids())
    assert set(demo.child_answers["item_id"]) == set(child_item_ids())
    assert demo.truth.notna().all().all()


def test_nominations_are_valid(demo: DemoSchool) -> None:
    noms = demo.nominations
    assert set(noms["question_id"]) == set(QUESTION_IDS)
    chosen = noms.dropna(subset=["target_id"])
    assert (chosen["rater_id"] != chosen["target_id"]).all()
    assert not noms.duplicated(["wave_id", "question_id", "rater_id", "target_id"]).any()
    # targets are consented pupils of the rater's own class; wave and class agree
    pupil_class = demo.pupils.set_index("pupil_id")["class_id"]
    consented = set(demo.pupils.loc[demo.pupils["consent"] == "given", "pupil_id"])
    assert set(chosen["target_id"].astype(int)) <= consented
    assert (pupil_class.loc[chosen["target_id"].astype(int)].to_numpy()
            == chosen["class_id"].to_numpy()).all()
    assert (pupil_class.loc[noms["rater_id"]].to_numpy() == noms["class_id"].to_numpy()).all()
    wave_class = demo.waves.set_index("wave_id")["class_id"]
    assert (wave_class.loc[noms["wave_id"]].to_numpy() == noms["class_id"].to_numpy()).all()
    # "nobody" is the rater's only row for that question, and some children chose it
    nobody = noms[noms["target_id"].isna()]
    rows = noms.groupby(["wave_id", "question_id", "rater_id"]).size()
    assert (rows.loc[list(zip(nobody["wave_id"], nobody["question_id"], nobody["rater_id"],
                              strict=True))] == 1).all()
    assert set(nobody["question_id"]) >= {"liked_least", "teacher_likes", "teacher_angry"}
    # liked-least never repeats one of the same rater's liked-most picks
    key = ["wave_id", "rater_id", "target_id"]
    lm = chosen[chosen["question_id"] == "liked_most"][key]
    ll = chosen[chosen["question_id"] == "liked_least"][key]
    assert lm.merge(ll, on=key).empty
    # unlimited format: liked-most choosers name 3..5 classmates, liked-least 1..3
    picks = chosen.groupby(["wave_id", "question_id", "rater_id"]).size()
    assert picks.loc[:, "liked_most", :].between(1, 5).all()
    assert picks.loc[:, "liked_most", :].median() >= 3
    assert picks.drop("liked_most", level=1).between(1, 3).all()


def test_names_have_tussenvoegsels_diacritics_and_repeats(demo: DemoSchool) -> None:
    p = demo.pupils
    assert (p["tussenvoegsel"] != "").any() and p["tussenvoegsel"].notna().all()
    names = pd.concat([p["first_name"], p["last_name"]])
    assert names.map(lambda s: not s.isascii()).any()
    assert p.groupby("class_id")["first_name"].agg(lambda s: s.duplicated().any()).any()
    assert set(p["gender"]) <= {"m", "f", "x"}


def test_first_name_and_last_initial_identify_a_pupil_within_a_class(big: DemoSchool) -> None:
    for school in (generate_demo_school(2026), big):
        p = school.pupils
        assert not p.assign(initial=p["last_name"].str[0]).duplicated(
            ["class_id", "first_name", "initial"]).any()


@settings(max_examples=25, deadline=None)
@given(
    n_classes=st.integers(1, 3), size=st.integers(3, 9), n_waves=st.integers(1, 3),
    seed=st.integers(0, 2**32 - 1),
)
def test_invariants_hold_for_any_small_configuration(
    n_classes: int, size: int, n_waves: int, seed: int
) -> None:
    s = generate_classes(n_classes, size, n_waves, seed=seed)
    assert len(s.pupils) == n_classes * size and len(s.waves) == n_classes * n_waves
    chosen = s.nominations.dropna(subset=["target_id"])
    assert (chosen["rater_id"] != chosen["target_id"]).all()
    present = s.roster[s.roster["present"]]
    raters = set(zip(s.nominations["wave_id"], s.nominations["rater_id"], strict=True))
    assert raters <= set(zip(present["wave_id"], present["pupil_id"], strict=True))
    consented = set(s.pupils.loc[s.pupils["consent"] == "given", "pupil_id"])
    assert set(chosen["target_id"].astype(int)) <= consented
    assert set(s.roster["pupil_id"]) == consented


def test_generate_classes_rejects_impossible_sizes() -> None:
    with pytest.raises(ValueError):
        generate_classes(0)
    with pytest.raises(ValueError):
        generate_classes(2, pupils_per_class=2)


# ----------------------------------------------------------------- planted effects


def _scale_means(answers: pd.DataFrame, reverse: frozenset[str], top: int) -> pd.DataFrame:
    """Mean item score per (wave, pupil) × dimension ('cl', 'cf', 'dp'), reverse items flipped."""
    a = answers[answers["item_id"] != CHILD_PRACTICE]
    value = a["value"].where(~a["item_id"].isin(reverse), 1 + top - a["value"])
    dim = a["item_id"].str.split("_").str[1].str[:2]
    return value.groupby([a["wave_id"], a["pupil_id"], dim]).mean().unstack()


def _received(s: DemoSchool, question: str) -> pd.Series:
    """Received proportion per roster row: nominations received / (present raters − 1)."""
    chosen = s.nominations.dropna(subset=["target_id"])
    chosen = chosen[chosen["question_id"] == question]
    received = chosen.groupby(["wave_id", "target_id"]).size()
    received.index = received.index.set_names(["wave_id", "pupil_id"])
    roster = s.roster.set_index(["wave_id", "pupil_id"])
    raters = roster["present"].groupby(level="wave_id").sum()
    denominators = raters.loc[roster.index.get_level_values("wave_id")].to_numpy() - 1
    return received.reindex(roster.index, fill_value=0) / denominators


@pytest.fixture(scope="module")
def measures(big: DemoSchool) -> pd.DataFrame:
    teacher = _scale_means(big.teacher_answers, TEACHER_REVERSE, 5).add_prefix("t_")
    child = _scale_means(big.child_answers, frozenset(), 4).add_prefix("c_")
    return teacher.join(child).join(pd.DataFrame({
        "lm": _received(big, "liked_most"), "ll": _received(big, "liked_least"),
        "tl": _received(big, "teacher_likes"), "ta": _received(big, "teacher_angry"),
    }))


def test_liking_is_reciprocated_far_above_density(big: DemoSchool) -> None:
    lm = big.nominations.dropna(subset=["target_id"])
    lm = lm[lm["question_id"] == "liked_most"]
    ties = set(zip(lm["wave_id"], lm["rater_id"], lm["target_id"].astype(int), strict=True))
    reciprocity = np.mean([(w, j, i) in ties for (w, i, j) in ties])
    roster = big.roster
    consented = roster.groupby("wave_id").size()
    present = roster["present"].groupby(roster["wave_id"]).sum()
    density = len(ties) / (present * (consented - 1)).sum()
    # measured (seed 11): reciprocity ≈ .45, density ≈ .16
    assert 0.35 < reciprocity < 0.65
    assert 0.10 < density < 0.22
    assert reciprocity > 2 * density


def test_liking_goes_to_same_gender_classmates_more_than_chance(big: DemoSchool) -> None:
    gender = big.roster.set_index(["wave_id", "pupil_id"])["gender"]
    lm = big.nominations.dropna(subset=["target_id"])
    lm = lm[lm["question_id"] == "liked_most"]
    rg = gender.loc[list(zip(lm["wave_id"], lm["rater_id"], strict=True))].to_numpy()
    tg = gender.loc[list(zip(lm["wave_id"], lm["target_id"].astype(int), strict=True))].to_numpy()
    binary = np.isin(rg, ["m", "f"])
    same_share = np.mean(rg[binary] == tg[binary])
    # chance: the share of a rater's consented classmates with the rater's gender
    r = big.roster
    counts = r.groupby(["wave_id", "gender"]).size()
    size = r.groupby("wave_id").size()
    raters = r[r["present"] & r["gender"].isin(["m", "f"])]
    chance = np.mean([(counts[(w, g)] - 1) / (size[w] - 1)
                      for w, g in zip(raters["wave_id"], raters["gender"], strict=True)])
    # measured (seed 11): .65 vs .50
    assert same_share > chance + 0.08


def test_teacher_conflict_lowers_peer_acceptance(measures: pd.DataFrame) -> None:
    # measured (seed 11): r(conflict, liked-most) ≈ −.38, r(conflict, liked-least) ≈ +.56
    assert measures["t_cf"].corr(measures["lm"]) < -0.2
    assert measures["t_cf"].corr(measures["ll"]) > 0.2
    assert measures["t_cl"].corr(measures["tl"]) > 0.3
    assert measures["t_cf"].corr(measures["ta"]) > 0.3


def test_teacher_and_child_agree_moderately(measures: pd.DataFrame) -> None:
    # measured (seed 11): closeness ≈ .30, conflict ≈ .39 (latent .35 and .45)
    assert 0.2 < measures["t_cl"].corr(measures["c_cl"]) < 0.6
    assert 0.2 < measures["t_cf"].corr(measures["c_cf"]) < 0.6
    assert -0.55 < measures["t_cl"].corr(measures["t_cf"]) < -0.2


def test_scores_change_between_waves_but_are_stable(
    big: DemoSchool, measures: pd.DataFrame
) -> None:
    order = big.waves.sort_values(["class_id", "starts_on"])
    first = set(order.groupby("class_id")["wave_id"].first())
    is_first = measures.index.get_level_values("wave_id").isin(first)
    w1 = measures.loc[is_first, "t_cf"].droplevel("wave_id")
    w2 = measures.loc[~is_first, "t_cf"].droplevel("wave_id")
    r = w1.corr(w2.reindex(w1.index))
    assert 0.4 < r < 0.85


def test_boys_have_slightly_more_teacher_conflict(big: DemoSchool, measures: pd.DataFrame) -> None:
    gender = big.roster.set_index(["wave_id", "pupil_id"])["gender"].reindex(measures.index)
    means = measures["t_cf"].groupby(gender.to_numpy()).mean()
    assert 0.1 < means["m"] - means["f"] < 0.6


# ----------------------------------------------------------------- instrument packs


def test_item_ids_match_the_instrument_packs() -> None:
    tkey = scoring_key(teacher_pack())
    assert tkey["item_id"].tolist() == teacher_item_ids()
    assert tkey.groupby("dimension", sort=False)["item_id"].agg(tuple).to_dict() == TEACHER_ITEMS
    assert set(tkey.loc[tkey["reverse"], "item_id"]) == TEACHER_REVERSE
    assert tkey["scale_min"].eq(1).all() and tkey["scale_max"].eq(5).all()
    ckey = scoring_key(child_pack(), "four_point")
    assert ckey["item_id"].tolist() == child_item_ids(include_practice=False)
    assert ckey.groupby("dimension", sort=False)["item_id"].agg(tuple).to_dict() == CHILD_ITEMS
    assert not ckey["reverse"].any()
    assert ckey["scale_min"].eq(1).all() and ckey["scale_max"].eq(4).all()
    assert [i.id for i in child_pack().practice_items] == [CHILD_PRACTICE]
    questions = {q.id: q.kind for q in nomination_pack().questions}
    assert {q: questions[q] for q in QUESTION_IDS} == {
        "liked_most": "liking", "liked_least": "disliking",
        "teacher_likes": "teacher_likes", "teacher_angry": "teacher_angry",
    }


# ----------------------------------------------------------------- example roster files


def test_example_roster_looks_like_a_dutch_admin_export() -> None:
    roster = example_roster(24, grade=6)
    assert list(roster.columns) == [
        "Voornaam", "Tussenvoegsel", "Achternaam", "Geslacht", "Geboortedatum", "Leerlingnummer",
    ]
    assert len(roster) == 24
    assert set(roster["Geslacht"]) == {"J", "M"}
    births = pd.to_datetime(roster["Geboortedatum"], format="%d-%m-%Y")
    # groep 6 in 2026/27: born 2 Oct 2016 – 1 Oct 2017
    assert births.min() >= pd.Timestamp("2016-10-02") and births.max() <= pd.Timestamp("2017-10-01")
    assert roster["Leerlingnummer"].is_unique
    assert (roster["Tussenvoegsel"] != "").any()
    assert not roster["Voornaam"].str.match(r"^[=+\-@]").any()


def test_committed_roster_files_match_the_generator() -> None:
    """The files in sample_data/ are what ``python -m sample_data.make_rosters`` writes."""
    expected = example_roster(24, grade=6)
    raw = make_rosters.CSV_PATH.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with make_rosters.CSV_PATH.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == list(expected.columns)
    assert rows[1:] == expected.astype(str).to_numpy().tolist()
    sheet = openpyxl.load_workbook(make_rosters.XLSX_PATH).active
    cells = [[c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)]
    assert cells == rows
