"""Tests for survey.instruments: shipped packs, validation of broken packs, licensed wording."""

from __future__ import annotations

import copy
import csv
import dataclasses
import hashlib
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import survey.instruments as instruments
from analysis.frames import QUESTIONS, SCORING_KEY
from survey.instruments import (
    PackError,
    apply_licensed_wording,
    child_pack,
    format_for_age,
    load_nomination_pack,
    load_pack,
    nomination_pack,
    ordered_questions,
    pictogram_path,
    questions_frame,
    scoring_key,
    teacher_pack,
    texts_for,
)

FIXTURES = Path(__file__).parent / "instrument_fixtures"
REPO = Path(__file__).resolve().parents[2]


def ids(prefix: str, count: int) -> list[str]:
    """ids("strs_cl", 3) -> ['strs_cl01', 'strs_cl02', 'strs_cl03']"""
    return [f"{prefix}{n:02d}" for n in range(1, count + 1)]


def csv_for(pack, text=lambda item, lang: f"[licensed {item.id} {lang}]", sep=",",
            items=None, header="item_id,language,text") -> str:
    """A licensed-wording CSV covering ``items`` (default: scored items) in every language."""
    out = io.StringIO()
    out.write(header.replace(",", sep) + "\n")
    writer = csv.writer(out, delimiter=sep, lineterminator="\n")
    for item in pack.items if items is None else items:
        for lang in pack.languages:
            writer.writerow([item.id, lang, text(item, lang)])
    return out.getvalue()


# --------------------------------------------------------------------------- shipped packs


def test_teacher_pack_has_strs_structure():
    pack = teacher_pack()
    assert (pack.id, pack.kind, pack.version) == ("teacher", "teacher", "1.0")
    assert pack.languages == ("nl", "en")
    assert pack.dimensions == ("closeness", "conflict", "dependency")
    by_dim = {d: [i.id for i in pack.items if i.dimension == d] for d in pack.dimensions}
    assert by_dim == {
        "closeness": ids("strs_cl", 11),
        "conflict": ids("strs_cf", 12),
        "dependency": ids("strs_dp", 5),
    }
    assert [i.id for i in pack.items if i.reverse] == ["strs_cl05"]
    assert pack.practice_items == ()
    assert pack.wording_source == "own:teacher@1.0"
    fmt = pack.response_formats["five_point"]
    assert (fmt.points, fmt.values, fmt.scale_min, fmt.scale_max) == (5, (1, 2, 3, 4, 5), 1, 5)
    assert all(len(fmt.labels[lang]) == 5 for lang in ("nl", "en"))


def test_child_pack_has_carts_dimensions_practice_item_and_two_formats():
    pack = child_pack()
    assert (pack.id, pack.kind) == ("child", "child")
    by_dim = {d: [i.id for i in pack.items if i.dimension == d] for d in pack.dimensions}
    assert by_dim == {
        "closeness": ids("carts_cl", 6),
        "conflict": ids("carts_cf", 6),
        "dependency": ids("carts_dp", 5),
    }
    assert [i.id for i in pack.practice_items] == ["carts_practice"]
    assert pack.practice_items[0].practice and pack.practice_items[0].dimension == "practice"
    assert not any(i.practice for i in pack.items)
    four, yes_no = pack.response_formats["four_point"], pack.response_formats["yes_no"]
    assert (four.values, four.age_min, four.age_max) == ((1, 2, 3, 4), 8, 12)
    assert (yes_no.values, yes_no.age_min, yes_no.age_max) == ((0, 1), 6, 7)
    assert four.labels["en"][0] == "No" and yes_no.labels["nl"] == ("Nee", "Ja")
    assert pack.default_format == "four_point"
    for fmt in (four, yes_no):
        assert len(fmt.pictograms) == fmt.points
        for name in fmt.pictograms:
            path = pictogram_path(pack, name)
            assert path is not None and path.is_file()
            assert "<svg" in path.read_text(encoding="utf-8")


def test_format_for_age_picks_the_band_and_falls_back_to_default():
    pack = child_pack()
    assert [format_for_age(pack, age).id for age in (6, 7, 8, 12)] == [
        "yes_no", "yes_no", "four_point", "four_point"]
    assert format_for_age(pack, 5).id == "four_point"  # outside every band -> default
    assert format_for_age(pack, None).id == "four_point"


def test_every_text_exists_in_every_language():
    for pack in (teacher_pack(), child_pack()):
        for lang in pack.languages:
            texts = texts_for(pack, lang)
            assert len(texts) == len(pack.items) + len(pack.practice_items)
            assert all(t.strip() for t in texts.values())
            assert set(pack.name) == set(pack.languages)
        assert list(texts_for(pack, "nl"))[: len(pack.practice_items)] == [
            i.id for i in pack.practice_items]
    with pytest.raises(PackError, match="no language 'fr'"):
        texts_for(teacher_pack(), "fr")


def test_own_wording_differs_between_languages_and_items():
    # Guards against copy-paste slips: no two items share a text.
    for pack in (teacher_pack(), child_pack()):
        for lang in pack.languages:
            texts = [i.text[lang] for i in pack.items]
            assert len(set(texts)) == len(texts)


def test_nomination_pack_questions():
    pack = nomination_pack()
    assert (pack.id, pack.languages) == ("peers", ("nl", "en"))
    expected = {
        "liked_most": ("liking", "positive", False),
        "liked_least": ("disliking", "negative", False),
        "teacher_likes": ("teacher_likes", "positive", False),
        "teacher_angry": ("teacher_angry", "negative", False),
        "prosocial": ("prosocial", "positive", True),
        "aggressive": ("aggressive", "negative", True),
    }
    assert {q.id: (q.kind, q.polarity, q.optional) for q in pack.questions} == expected
    assert all(q.nobody_allowed and q.max_choices is None for q in pack.questions)
    assert all(set(q.text) == {"nl", "en"} for q in pack.questions)
    assert pack.nobody_label == {"nl": "Niemand", "en": "Nobody"}


def test_ordered_questions_puts_positive_first_and_keeps_pack_order():
    pack = nomination_pack()
    # Default = the four non-optional questions; pack order is
    # liked_most(+), liked_least(-), teacher_likes(+), teacher_angry(-).
    assert [q.id for q in ordered_questions(pack)] == [
        "liked_most", "teacher_likes", "liked_least", "teacher_angry"]
    chosen = ["aggressive", "teacher_angry", "prosocial", "liked_most"]
    assert [q.id for q in ordered_questions(pack, chosen)] == [
        "liked_most", "prosocial", "teacher_angry", "aggressive"]
    with pytest.raises(PackError, match="no question.*bullies"):
        ordered_questions(pack, ["liked_most", "bullies"])


def test_questions_frame_matches_analysis_contract():
    frame = questions_frame(nomination_pack())
    assert tuple(frame.columns) == QUESTIONS
    assert frame.loc[1].tolist() == ["liked_least", "disliking", "negative"]
    assert len(frame) == 6


def test_scoring_key_matches_analysis_contract():
    key = scoring_key(teacher_pack())
    assert tuple(key.columns) == SCORING_KEY
    assert len(key) == 28
    assert key["reverse"].dtype == bool
    row = key.set_index("item_id").loc["strs_cl05"]
    assert (row["dimension"], bool(row["reverse"]), row["scale_min"], row["scale_max"]) == (
        "closeness", True, 1, 5)
    # Reverse key: an answer 2 on strs_cl05 counts as scale_min + scale_max - v = 1 + 5 - 2 = 4.
    assert row["scale_min"] + row["scale_max"] - 2 == 4


def test_child_scoring_key_scale_depends_on_format():
    default = scoring_key(child_pack())
    yes_no = scoring_key(child_pack(), "yes_no")
    assert tuple(yes_no.columns) == SCORING_KEY
    assert len(default) == 17 and "carts_practice" not in set(default["item_id"])
    assert set(zip(default["scale_min"], default["scale_max"], strict=True)) == {(1, 4)}
    assert set(zip(yes_no["scale_min"], yes_no["scale_max"], strict=True)) == {(0, 1)}
    with pytest.raises(PackError, match="no response format 'seven_point'"):
        scoring_key(child_pack(), "seven_point")


def test_packs_are_frozen_and_cached():
    pack = teacher_pack()
    assert teacher_pack() is pack
    with pytest.raises(dataclasses.FrozenInstanceError):
        pack.version = "2.0"  # type: ignore[misc]


def test_load_by_path_equals_load_by_name():
    path = Path(instruments.__file__).parent / "child_carts.yaml"
    assert load_pack(path) == load_pack("child") == load_pack("child_carts")
    assert load_nomination_pack() == load_nomination_pack(str(path.parent / "peer_nominations.yaml"))


# --------------------------------------------------------------------------- broken packs

BROKEN_ITEM_PACKS = [
    ("broken_missing_language.yaml", "items[1].text has no text in language 'en'"),
    ("broken_duplicate_id.yaml", "items[2].id 'mini_cl01' is used twice (also at items[0])"),
    ("broken_unknown_dimension.yaml",
     "items[2].dimension 'closenes' is not one of closeness, conflict"),
    ("broken_yaml_syntax.yaml", "YAML syntax error at line 14"),
    ("broken_label_count.yaml",
     "response_formats[0].labels.en has 2 labels but the format has 3 points"),
    ("broken_pictogram_count.yaml",
     "response_formats[0].pictograms has 2 pictograms but the format has 3 points"),
    ("broken_values_count.yaml", "response_formats[0].values has 4 values but points is 3"),
    ("broken_missing_pictogram_file.yaml", "pictogram file 'pictograms/a.svg' does not exist"),
    ("broken_unquoted_no.yaml", "labels.en[0] must be text, found false (put it in quotes)"),
    ("broken_duplicate_key.yaml", "duplicate key 'nl'"),
    ("broken_version_number.yaml", "version must be text"),
    ("broken_missing_key.yaml", "items[2] is missing the required key 'dimension'"),
    ("broken_not_a_mapping.yaml", "must be a mapping of keys to values, found a list"),
]
BROKEN_NOMINATION_PACKS = [
    ("broken_peers_max_choices.yaml",
     "questions[1].max_choices must be null (unlimited) or a whole number of at least 1, found 0"),
    ("broken_peers_polarity.yaml",
     "questions[0].polarity 'neutral' is not one of positive, negative"),
    ("broken_peers_kind.yaml", "questions[1].kind 'bullying' is not one of liking"),
    ("broken_peers_duplicate_id.yaml", "questions[1].id 'angry' is used twice"),
]


def test_fixture_bases_are_valid():
    # The broken_* files are one-change variants of these two, so these must load.
    pack = load_pack(FIXTURES / "minimal_ok.yaml")
    assert [i.id for i in pack.items if i.reverse] == ["mini_cl02"]
    assert pack.response_formats["three_point"].pictograms == ("🙁", "😐", "🙂")
    assert pictogram_path(pack, "🙁") is None
    peers = load_nomination_pack(FIXTURES / "peers_ok.yaml")
    assert [q.max_choices for q in peers.questions] == [None, 3]
    assert [q.nobody_allowed for q in peers.questions] == [True, True]  # default true


@pytest.mark.parametrize(("file_name", "expected"), BROKEN_ITEM_PACKS)
def test_broken_item_pack_is_refused_with_a_clear_message(file_name, expected):
    with pytest.raises(PackError) as info:
        load_pack(FIXTURES / file_name)
    message = str(info.value)
    assert f"{file_name}: " in message
    assert expected in message
    assert all(line.startswith(f"{file_name}: ") for line in info.value.problems)


@pytest.mark.parametrize(("file_name", "expected"), BROKEN_NOMINATION_PACKS)
def test_broken_nomination_pack_is_refused_with_a_clear_message(file_name, expected):
    with pytest.raises(PackError) as info:
        load_nomination_pack(FIXTURES / file_name)
    assert f"{file_name}: {expected}" in str(info.value)


def test_all_problems_are_reported_at_once():
    with pytest.raises(PackError) as info:
        load_pack(FIXTURES / "broken_many.yaml")
    problems = info.value.problems
    assert "broken_many.yaml: response_formats[0] age_min 6 is above age_max 4" in problems
    assert "broken_many.yaml: items[1].id 'mini_cl01' is used twice (also at items[0])" in problems
    assert ("broken_many.yaml: items[2].dimension 'confict' is not one of closeness, conflict"
            in problems)
    assert str(info.value).startswith(f"{len(problems)} problems:")


def test_wrong_loader_unknown_name_and_missing_file():
    with pytest.raises(PackError, match="is a peer-nomination pack"):
        load_pack("peers")
    with pytest.raises(PackError, match="kind 'teacher' must be 'nominations'"):
        load_nomination_pack("teacher")
    with pytest.raises(PackError, match="not a known pack name"):
        load_pack("teachr")
    with pytest.raises(PackError, match="nothing_here.yaml: file not found"):
        load_pack(FIXTURES / "nothing_here.yaml")


# --------------------------------------------------------------------------- licensed wording


def test_licensed_wording_utf8_bom_replaces_texts():
    pack = teacher_pack()
    before = copy.deepcopy(pack)
    data = csv_for(pack, text=lambda item, lang: f"[gelicentieerd {item.id} {lang}: één café]")
    raw = data.encode("utf-8-sig")
    licensed = apply_licensed_wording(pack, raw, "strs_licence.csv")
    assert texts_for(licensed, "nl")["strs_cl01"] == "[gelicentieerd strs_cl01 nl: één café]"
    assert licensed.items[4].reverse and licensed.items[4].id == "strs_cl05"
    digest = hashlib.sha256(raw).hexdigest()[:12]
    assert licensed.wording_source == f"licensed:strs_licence.csv:{digest}"
    assert scoring_key(licensed).equals(scoring_key(pack))
    assert pack == before and pack.wording_source == "own:teacher@1.0"


def test_licensed_wording_cp1252_semicolons_with_practice_item():
    pack = child_pack()
    raw = (FIXTURES / "licensed_child_cp1252.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the fixture really is Windows-1252
    licensed = apply_licensed_wording(pack, raw, "carts.csv")
    assert texts_for(licensed, "nl")["carts_cl01"] == "[licentietekst carts_cl01: café, ideeën]"
    assert texts_for(licensed, "en")["carts_dp05"] == "[licensed text carts_dp05; naïve café]"
    assert licensed.practice_items[0].text["en"] == "[licensed text carts_practice; naïve café]"
    assert licensed.wording_source.startswith("licensed:carts.csv:")


def test_practice_items_keep_own_wording_when_not_in_the_file():
    pack = child_pack()
    licensed = apply_licensed_wording(pack, csv_for(pack), "scored_only.csv")
    assert licensed.practice_items == pack.practice_items
    assert licensed.items[0].text == {"nl": "[licensed carts_cl01 nl]",
                                      "en": "[licensed carts_cl01 en]"}


def test_sample_licensed_wording_file_fits_the_teacher_pack():
    raw = (REPO / "sample_data" / "licensed_wording_example.csv").read_bytes()
    licensed = apply_licensed_wording(teacher_pack(), raw, "licensed_wording_example.csv")
    assert texts_for(licensed, "en")["strs_cl01"] == "[licensed text for strs_cl01 (en)]"


def _refused(pack, data, name="bad.csv") -> str:
    before = copy.deepcopy(pack)
    with pytest.raises(PackError) as info:
        apply_licensed_wording(pack, data, name)
    assert pack == before and pack.wording_source.startswith("own:")
    return str(info.value)


def test_licensed_wording_errors_are_listed_and_pack_is_unchanged():
    pack = teacher_pack()
    good = csv_for(pack)
    lines = good.splitlines()
    # line 1 is the header; line 2 = strs_cl01 nl, line 3 = strs_cl01 en, ...
    unknown = good + "strs_cl99,nl,extra\n"
    assert "bad.csv: line 58: unknown item id 'strs_cl99'" in _refused(pack, unknown)

    missing_language = "\n".join(line for line in lines if line != lines[2]) + "\n"
    assert "item 'strs_cl01' has no text in language 'en'" in _refused(pack, missing_language)

    duplicate = good + lines[1] + "\n"
    assert "line 58: 'strs_cl01' in 'nl' appears twice (first on line 2)" in _refused(pack, duplicate)

    wrong_header = good.replace("item_id,language,text", "id,lang,wording", 1)
    assert "line 1: the header must be 'item_id,language,text'" in _refused(pack, wrong_header)

    empty = good.replace("[licensed strs_cf03 en]", "  ")
    assert "the text for 'strs_cf03' in 'en' is empty" in _refused(pack, empty)

    not_covered = csv_for(pack, items=pack.items[:-2])
    assert ("2 scored item(s) of pack 'teacher' are not in the file: strs_dp04, strs_dp05"
            in _refused(pack, not_covered))

    french = good + "strs_cl01,fr,texte\n"
    assert "language 'fr' is not one of the pack languages (nl, en)" in _refused(pack, french)

    columns = good + "strs_cl01,nl\n"
    assert "expected 3 columns" in _refused(pack, columns)

    assert "the file is empty" in _refused(pack, b"")


def test_several_csv_problems_come_in_one_error():
    pack = teacher_pack()
    data = csv_for(pack) + "strs_cl99,nl,x\nstrs_cl01,nl,again\n"
    with pytest.raises(PackError) as info:
        apply_licensed_wording(pack, data, "two.csv")
    assert len(info.value.problems) == 2
    assert str(info.value).startswith("2 problems:")


_CP1252_TEXT = st.text(
    alphabet=st.sampled_from(list("abcxyz ABC,;\"'-éëïöüçàñ—€0123456789")), min_size=1, max_size=30
).filter(lambda t: t.strip())


@settings(max_examples=40, deadline=None)
@given(texts=st.lists(_CP1252_TEXT, min_size=34, max_size=34),
       sep=st.sampled_from([",", ";"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_licensed_wording_round_trips_any_text(texts, sep, encoding):
    # Whatever the separator, quotes or encoding, the texts come back as written (trimmed).
    pack = child_pack()  # 17 scored items x 2 languages = 34 texts
    wanted = {(item.id, lang): texts[2 * n + k]
              for n, item in enumerate(pack.items) for k, lang in enumerate(pack.languages)}
    data = csv_for(pack, text=lambda item, lang: wanted[(item.id, lang)], sep=sep)
    licensed = apply_licensed_wording(pack, data.encode(encoding), "round.csv")
    for item in licensed.items:
        for lang in pack.languages:
            assert item.text[lang] == wanted[(item.id, lang)].strip()
