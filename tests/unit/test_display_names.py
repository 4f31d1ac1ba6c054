"""The one display-name rule (survey/names.py) and that every screen uses it."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from survey.names import _key, display_names, full_name, surname_initial


def test_the_initial_is_of_the_last_name_proper_not_the_tussenvoegsel():
    assert display_names([(1, "Sem", "de", "Boer"), (2, "Sem", "", "Jansen")]) == {
        1: "Sem B.", 2: "Sem J."}


def test_visser_and_van_vliet_fall_back_to_the_full_name():
    labels = display_names([(1, "Sem", "", "Visser"), (2, "Sem", "van", "Vliet"),
                            (3, "Sem", "de", "Boer"), (4, "Eva", "van", "Vliet")])
    assert labels == {1: "Sem Visser", 2: "Sem van Vliet", 3: "Sem B.", 4: "Eva"}


def test_unique_first_names_stay_first_name_only():
    assert display_names([(1, "Noor", "van", "Dijk"), (2, "Lotte", "", "Bakker")]) == {
        1: "Noor", 2: "Lotte"}


def test_three_way_collisions():
    labels = display_names([(1, "Sem", "", "Visser"), (2, "Sem", "van", "Vliet"),
                            (3, "Sem", "", "Vos"), (4, "Sem", "", "Bos")])
    assert labels == {1: "Sem Visser", 2: "Sem van Vliet", 3: "Sem Vos", 4: "Sem B."}
    # the very same name three times: numbered in id order
    same = display_names([(7, "Sem", "de", "Boer"), (3, "Sem", "de", "Boer"),
                          (5, "Sem", "de", "Boer"), (9, "Eva", "", "Bos")])
    assert same == {3: "Sem de Boer (1)", 5: "Sem de Boer (2)", 7: "Sem de Boer (3)",
                    9: "Eva"}


def test_case_accents_and_spaces_count_as_the_same_name():
    labels = display_names([(1, "Zoë", "", "Smits"), (2, "zoe", "de", "Haan"),
                            (3, " Noëlle ", "", "Bakker"), (4, "Daniël", "", "Öztürk"),
                            (5, "Daniel", "", "Ozdemir")])
    # Zoë/zoe look alike to a child: initials; the original spelling is kept
    assert labels == {1: "Zoë S.", 2: "zoe H.", 3: "Noëlle", 4: "Daniël Öztürk",
                      5: "Daniel Ozdemir"}


def test_a_tussenvoegsel_typed_into_the_last_name_field():
    assert surname_initial("", "de Boer") == "B"
    assert surname_initial("", "Van der Berg") == "B"
    assert surname_initial("", "van 't Hek") == "H"
    assert surname_initial("", "De") == "D"  # nothing after it: it is the name
    assert surname_initial("", "") == ""
    assert full_name("Sem", None, "  de  Boer ") == "Sem de Boer"


def test_missing_names_still_get_a_label():
    labels = display_names([(1, "", "", "Bos"), (2, "Sem", "", ""), (3, "Sem", "", "")])
    assert labels == {1: "Bos", 2: "Sem (1)", 3: "Sem (2)"}


FIRST = st.sampled_from(["Sem", "sem", "Eva", "Noëlle", "Noelle", "Zoë", "Daan", ""])
TV = st.sampled_from(["", "de", "van", "van der", "'t"])
LAST = st.sampled_from(["Boer", "Visser", "Vliet", "Bos", "Berg", "de Vries", "Öztürk",
                        "Oztürk", "V", ""])


@given(st.lists(st.tuples(FIRST, TV, LAST), min_size=1, max_size=15), st.randoms())
def test_labels_are_unique_deterministic_and_order_independent(names, rnd):
    pupils = [(i, *n) for i, n in enumerate(names)]
    labels = display_names(pupils)
    assert set(labels) == set(range(len(pupils)))
    keys = [_key(full_name(*n)) for n in names]
    if len(set(keys)) == len(keys):  # full names unique: labels unique (as a reader sees them)
        assert len({_key(v) for v in labels.values()}) == len(labels)
        assert all(v.startswith(n[0].strip()) for v, n in zip(labels.values(), names,
                                                                  strict=True) if n[0])
    assert len(set(labels.values())) == len(labels)  # always distinct strings
    shuffled = list(pupils)
    rnd.shuffle(shuffled)
    assert display_names(shuffled) == labels
    assert display_names(pupils) == labels


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_label_depends_only_on_the_class(seed):
    pupils = [(i, random.Random(seed + i).choice(["Sem", "Eva"]), "", f"B{i}") for i in range(6)]
    assert display_names(pupils) == display_names(list(reversed(pupils)))


def test_kiosk_hand_over_ratings_and_class_map_show_the_same_names(demo_db_url):
    # The demo school (repeated first names, tussenvoegsels): every screen, one label.
    from sqlalchemy import select

    from analysis import classmap as cm
    from analysis.pipeline import analyse, default_questions
    from survey import child_flow
    from survey.access import SYSTEM
    from survey.dataset import load_frames
    from survey.db import make_engine, session_scope
    from survey.models import Wave
    from survey.ratings import class_overview
    from survey.waves import child_cards

    engine = make_engine(demo_db_url)
    checked = 0
    with session_scope(engine) as s:
        waves = {}
        for wave in s.scalars(select(Wave).order_by(Wave.id)):
            if wave.status == "open" or wave.class_id not in waves:
                waves[wave.class_id] = wave
        for wave in waves.values():
            frames = load_frames(s, [wave.id], actor=SYSTEM)
            mapped = cm.display_names(frames.pupils)
            kiosk: dict[int, str] = {}
            for me in sorted(frames.roster["pupil_id"].unique())[:2]:
                kiosk.update({m.pupil_id: m.label for m in child_flow.classmates(s, wave, me)})
            assert kiosk and all(mapped[pid] == label for pid, label in kiosk.items())
            rated = {r.pupil_id: r.short_name for r in class_overview(s, wave.id, actor=SYSTEM)}
            assert rated and all(mapped[pid] == label for pid, label in rated.items())
            if wave.status == "open":
                cards = {c.pupil_id: c.label for c in child_cards(s, wave.id, actor=SYSTEM)}
                assert cards == {pid: mapped[pid] for pid in cards} and cards
            # the class map's nodes carry exactly these names
            result = analyse(frames.roster, frames.nominations, default_questions(),
                             frames.teacher_answers, frames.child_answers)
            pos = cm.class_layout(frames.roster["pupil_id"].unique(), [], seed=1)
            nodes = cm.node_table(result.pupils_table(), mapped, pos, wave.id, wave.class_id,
                                  frames.roster, frames.nominations, default_questions())
            assert dict(zip(nodes["pupil_id"], nodes["name"], strict=True)) == {
                pid: mapped[pid] for pid in nodes["pupil_id"]}
            assert {pid: kiosk[pid] for pid in nodes["pupil_id"] if pid in kiosk} == {
                pid: n for pid, n in zip(nodes["pupil_id"], nodes["name"], strict=True)
                if pid in kiosk}
            checked += len(set(kiosk.values()) - {p.split()[0] for p in kiosk.values()})
    assert checked  # some label in the demo needed more than a first name
    engine.dispose()
