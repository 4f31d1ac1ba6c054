"""Pipeline and CLI: every step wired, result tables, batched change, command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import change as change_mod
from analysis.importers import write_adjacency_matrix, write_edge_list
from analysis.network import network_measures
from analysis.pipeline import (
    AnalysisResult,
    PipelineSettings,
    _batched_change,
    analyse,
    default_keys,
    default_questions,
)
from analysis.sociometry import SociometrySettings, sociometry
from sample_data.generator import generate_classes

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def school():
    return generate_classes(3, 10, n_waves=2, seed=7)


@pytest.fixture(scope="module")
def result(school):
    return analyse(school.roster, school.nominations, default_questions(),
                   school.teacher_answers, school.child_answers)


def test_every_frame_is_filled(result: AnalysisResult, school):
    for name in ("scores", "alphas", "percentiles", "sociometry_pupil_question",
                 "sociometry_pupils", "sociometry_classes", "network_pupils", "network_classes",
                 "agreement_pupils", "agreement_classes", "risk", "change"):
        assert len(getattr(result, name)) > 0, name
    assert result.notes == []
    assert set(result.scores["informant"]) == {"teacher", "child"}
    # one network row per class × wave, for the liking question
    assert len(result.network_classes) == school.roster.groupby(["wave_id", "class_id"]).ngroups
    assert set(result.network_classes["question_id"]) == {"liked_most"}


def test_pipeline_equals_the_steps_called_directly(result, school):
    q = default_questions()
    direct = sociometry(school.nominations, school.roster, q)[1]
    pd.testing.assert_frame_equal(result.sociometry_pupils, direct)
    net = network_measures(school.nominations, school.roster, "liked_most")[1]
    pd.testing.assert_frame_equal(result.network_classes, net)


def test_risk_gets_the_sociometry_columns(result):
    risk = result.risk.set_index(["wave_id", "pupil_id"]).sort_index()
    soc = result.sociometry_pupils.set_index(["wave_id", "pupil_id"]).sort_index()
    joined = risk.join(soc[["social_preference", "status_cd"]].add_suffix("_soc"), how="inner")
    assert len(joined) == len(soc)
    assert np.allclose(joined["social_preference"], joined["social_preference_soc"],
                       equal_nan=True)
    # peer risk follows the documented rule: SP ≤ −1 or rejected
    rule = (joined["social_preference"] <= -1) | (joined["status_cd_soc"] == "rejected")
    assert (joined["peer_risk"] == rule).all()


def test_pupils_and_classes_tables(result, school):
    pupils = result.pupils_table()
    assert len(pupils) == len(school.roster)
    assert not pupils.duplicated(["wave_id", "class_id", "pupil_id"]).any()
    for col in ("social_preference", "status_cd", "status_nb", "net_in_degree",
                "net_community", "teacher_conflict", "teacher_conflict_pct", "child_closeness",
                "agreement_closeness", "double_risk", "reasons"):
        assert col in pupils.columns, col
    classes = result.classes_table()
    assert not classes.duplicated(["wave_id", "class_id", "question_id"]).any()
    liking = classes[classes["question_id"] == "liked_most"]
    assert liking["net_density"].notna().all()
    assert "agreement_r_closeness" in classes.columns


def test_batched_change_equals_change(result, school):
    order = sorted(school.roster["wave_id"].unique())
    direct = change_mod.change(result.scores, result.alphas, order)
    keys = ["pupil_id", "informant", "dimension", "wave_id"]
    a = direct.sort_values(keys).reset_index(drop=True)
    b = result.change[list(direct.columns)].sort_values(keys).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b, check_dtype=False)
    assert len(a) > 0


def test_batched_change_with_one_alpha_per_dimension(result):
    alphas = result.alphas.drop(columns="wave_id").drop_duplicates(["informant", "dimension"])
    order = sorted(result.scores["wave_id"].unique())
    direct = change_mod.change(result.scores, alphas, order)
    batched = _batched_change(result.scores, alphas, order)
    keys = ["pupil_id", "informant", "dimension", "wave_id"]
    pd.testing.assert_frame_equal(
        direct.sort_values(keys).reset_index(drop=True),
        batched[list(direct.columns)].sort_values(keys).reset_index(drop=True),
        check_dtype=False,
    )


def test_without_answers_notes_and_empty_frames(school):
    res = analyse(school.roster, school.nominations, default_questions())
    assert len(res.notes) == 2 and "no teacher answers" in res.notes[0]
    assert res.scores.empty and res.percentiles.empty and res.change.empty
    assert len(res.risk) == len(school.roster)
    assert not res.risk["teacher_data"].any()
    table = res.pupils_table()
    assert len(table) == len(school.roster)


def test_settings_reach_the_steps(school):
    strict = PipelineSettings(sociometry=SociometrySettings(min_participation=0.99), seed=3)
    res = analyse(school.roster, school.nominations, default_questions(), settings=strict)
    # with a 99 % threshold the classes with an absent pupil are flagged
    assert res.sociometry_classes["low_participation"].any()


def test_default_keys_come_from_the_packs():
    teacher, child = default_keys()
    assert teacher["item_id"].str.startswith("strs_").all()
    assert set(child["dimension"]) == {"closeness", "conflict", "dependency"}


# ------------------------------------------------------------------ command line


def _cli(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *map(str, args)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )


@pytest.fixture(scope="module")
def files(tmp_path_factory, school):
    d = tmp_path_factory.mktemp("cli")
    wave = sorted(school.roster["wave_id"].unique())[0]
    roster = school.roster[school.roster["wave_id"] == wave]
    noms = school.nominations[school.nominations["wave_id"] == wave]
    roster.to_csv(d / "roster.csv", index=False)
    (d / "edges.csv").write_text(write_edge_list(noms))
    answers = school.teacher_answers[school.teacher_answers["wave_id"] == wave]
    wide = answers.pivot(index="pupil_id", columns="item_id", values="value").reset_index()
    wide.to_csv(d / "teacher.csv", index=False)
    klass = roster["class_id"].iloc[0]
    (d / "matrices").mkdir()
    for q in ("liked_most", "liked_least"):
        text = write_adjacency_matrix(noms, roster, q, wave, klass)
        (d / "matrices" / f"{wave}__{klass}__{q}.csv").write_text(text)
    return d, wave, klass, roster


def test_cli_edge_list_and_answers(files):
    d, wave, _, roster = files
    out = d / "out"
    proc = _cli("--roster", d / "roster.csv", "--nominations", d / "edges.csv",
                "--answers-teacher", d / "teacher.csv", "--out", out)
    assert proc.returncode == 0, proc.stderr
    pupils = pd.read_csv(out / "pupils.csv")
    classes = pd.read_csv(out / "classes.csv")
    assert len(pupils) == len(roster)
    assert pupils["teacher_conflict"].notna().any()
    assert set(classes["question_id"]) >= {"liked_most", "liked_least"}
    assert "no child answers" in proc.stderr


def test_cli_matrix_dir_gives_same_liking_scores(files):
    d, wave, klass, roster = files
    out_m, out_e = d / "out_m", d / "out_e"
    assert _cli("--matrix-dir", d / "matrices", "--out", out_m).returncode == 0
    assert _cli("--roster", d / "roster.csv", "--nominations", d / "edges.csv",
                "--out", out_e).returncode == 0
    m = pd.read_csv(out_m / "pupils.csv").set_index("pupil_id")
    e = pd.read_csv(out_e / "pupils.csv")
    e = e[e["class_id"] == klass].set_index("pupil_id")
    pd.testing.assert_series_equal(m["lm_prop"], e["lm_prop"].loc[m.index])
    pd.testing.assert_series_equal(m["status_cd"], e["status_cd"].loc[m.index])


def test_cli_help_and_errors(files, tmp_path):
    d, *_ = files
    helped = _cli("--help")
    assert helped.returncode == 0 and "--matrix-dir" in helped.stdout
    assert "pupils.csv" in helped.stdout
    assert _cli("--out", tmp_path).returncode == 2  # no nominations at all
    missing = _cli("--roster", d / "nope.csv", "--nominations", d / "edges.csv", "--out", tmp_path)
    assert missing.returncode == 2 and "file not found" in missing.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("wave_id,class_id,rater_id\n1,1,1\n")
    broken = _cli("--roster", d / "roster.csv", "--nominations", bad, "--out", tmp_path)
    assert broken.returncode == 1 and "missing column(s) question_id, target_id" in broken.stderr


def test_wave_reference_self_uses_all_pupils_of_the_wave():
    # two classes share one wave: with "self" the percentiles rank within the wave
    school = generate_classes(2, 8, n_waves=1, seed=3)
    roster = school.roster.assign(wave_id=1)
    noms = school.nominations.assign(wave_id=1)
    teacher = school.teacher_answers.assign(wave_id=1)
    own = analyse(roster, noms, default_questions(), teacher, wave_reference="self")
    cls = analyse(roster, noms, default_questions(), teacher)
    assert set(own.percentiles["reference"]) == {"wave"}
    assert set(cls.percentiles["reference"]) == {"class"}
    with pytest.raises(ValueError, match="wave_reference"):
        analyse(roster, noms, default_questions(), teacher, wave_reference="db")


def test_no_nominations_at_all(school):
    empty = school.nominations.iloc[:0]
    res = analyse(school.roster, empty, default_questions(), school.teacher_answers)
    assert res.sociometry_classes.empty and res.network_classes.empty
    assert any("network" in note for note in res.notes)
    assert res.sociometry_pupils["social_preference"].isna().all()
    # teacher risk is still computed; peer data is missing, so no double risk
    assert res.risk["teacher_data"].any() and not res.risk["peer_data"].any()
    assert not res.risk["double_risk"].any()


def test_batched_change_with_alphas_without_informant(result):
    teacher = result.scores[result.scores["informant"] == "teacher"]
    alphas = result.alphas[result.alphas["informant"] == "teacher"].drop(columns="informant")
    order = sorted(result.scores["wave_id"].unique())
    direct = change_mod.change(teacher, alphas, order)
    batched = _batched_change(teacher, alphas, order)
    keys = ["pupil_id", "dimension", "wave_id"]
    pd.testing.assert_frame_equal(
        direct.sort_values(keys).reset_index(drop=True),
        batched[list(direct.columns)].sort_values(keys).reset_index(drop=True),
        check_dtype=False,
    )


def test_same_results_with_pandas_default_string_storage():
    """The programs run pandas with Python string storage (analysis.frames.configure_pandas);
    a researcher importing ``analysis`` keeps pandas' default (pyarrow). Both give the same
    numbers, texts and order — only the storage of the text columns differs."""

    def run(storage):
        with pd.option_context("mode.string_storage", storage):
            data = generate_classes(2, 12, 2, 4)
            return analyse(data.roster, data.nominations, default_questions(),
                           data.teacher_answers, data.child_answers)

    python, pyarrow = run("python"), run("pyarrow")
    assert pyarrow.pupils_table()["teacher_closeness"].notna().any()
    for name in ("scores", "percentiles", "sociometry_pupils", "sociometry_classes",
                 "network_pupils", "agreement_pupils", "risk", "change"):
        a, b = getattr(python, name), getattr(pyarrow, name)
        pd.testing.assert_frame_equal(a, b, check_dtype=False, check_index_type=False,
                                      check_column_type=False)
        for col in a.columns:  # text columns: str dtype under either storage
            assert (a[col].dtype == "str") == (b[col].dtype == "str"), (name, col)
