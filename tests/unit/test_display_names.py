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
        assert all(v == full_name(*n) or len(v) <= len(full_name(*n))
                   for v, n in zip(labels.values(), names, strict=True))
    assert len(set(labels.values())) == len(labels)  # always distinct strings
    shuffled = list(pupils)
    rnd.shuffle(shuffled)
    assert display_names(shuffled) == labels
    assert display_names(pupils) == labels


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_label_depends_only_on_the_class(seed):
    pupils = [(i, random.Random(seed + i).choice(["Sem", "Eva"]), "", f"B{i}") for i in range(6)]
    assert display_names(pupils) == display_names(list(reversed(pupils)))
