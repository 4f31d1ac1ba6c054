"""Card codes a child can type ([Tablet] item 5): an alphabet without look-alikes, typed in
any case, with spaces or a dash, a look-alike read as the sign the card shows; a card
printed with the old alphabet keeps its typed code until the wave's cards are made again."""

from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st

from survey.access import SYSTEM
from survey.db import session_scope
from survey.keys import (
    SHORT_ALPHABET,
    SHORT_LENGTH,
    child_code,
    legacy_code_digest,
    normalise_code,
)
from survey.models import ChildToken
from survey.tokens import issue_tokens, lookup
from survey.waves import child_cards
from tests.unit.test_storage import make_class

LOOK_ALIKE_PAIRS = ("0O", "0Q", "0D", "1I", "1L", "5S", "2Z", "8B", "6G", "VU")


def test_no_two_signs_of_the_alphabet_look_alike():
    assert len(set(SHORT_ALPHABET)) == len(SHORT_ALPHABET) == 26
    for pair in LOOK_ALIKE_PAIRS:
        assert len(set(pair) & set(SHORT_ALPHABET)) == 1, pair  # exactly one of each pair
    assert set(SHORT_ALPHABET) <= set(string.digits + string.ascii_uppercase)


def test_each_look_alike_is_read_as_its_partner():
    for sign, look_alike in LOOK_ALIKE_PAIRS:
        assert normalise_code(look_alike) == normalise_code(look_alike.lower()) == sign


def test_the_issue_example_is_read_as_the_card_means_it():
    assert normalise_code("V9S3T45Y") == "V953T45Y"
    assert normalise_code("v9s3-t45y") == normalise_code(" V953 T45Y ") == "V953T45Y"


@given(st.text(alphabet="0123456789abcdef", min_size=32, max_size=32))
def test_every_code_uses_the_alphabet_and_survives_normalising(seed):
    code = child_code(seed)
    assert len(code) == SHORT_LENGTH and set(code) <= set(SHORT_ALPHABET)
    assert normalise_code(code) == code == normalise_code(code.lower())


@given(st.text(alphabet=SHORT_ALPHABET + SHORT_ALPHABET.lower() + "OQDILSZBGUoqdilszbgu -",
               max_size=12))
def test_normalising_lands_in_the_alphabet_and_is_idempotent(typed):
    once = normalise_code(typed)
    assert set(once) <= set(SHORT_ALPHABET)
    assert normalise_code(once) == once


def test_the_child_enters_with_a_look_alike_typed(engine):
    with session_scope(engine) as s:
        wave_id, ids = make_class(s, n=3)
        card = next(c for c in child_cards(s, wave_id, actor=SYSTEM) if c.pupil_id == ids[0])
    confusable = card.short_code.translate(str.maketrans("015286V", "OISZBGU"))
    typed = f"{confusable[:4].lower()}-{confusable[4:]}"
    with session_scope(engine) as s:
        found = lookup(s, typed)
        assert found.state == "ok" and found.pupil.id == ids[0], typed


def test_a_card_printed_with_the_old_alphabet_keeps_its_code_until_cards_are_made(engine):
    old_code = "SZB4GDQU"  # signs of the old alphabet that are gone now
    with session_scope(engine) as s:
        wave_id, ids = make_class(s, n=2)
        issue_tokens(s, wave_id)
        row = s.query(ChildToken).filter_by(wave_id=wave_id, pupil_id=ids[0]).one()
        row.code_hash = legacy_code_digest(old_code)  # as stored before the new alphabet
        qr = row.token
    with session_scope(engine) as s:
        assert lookup(s, old_code).pupil.id == ids[0]
        assert lookup(s, old_code.lower()).pupil.id == ids[0]
        cards = {c.pupil_id: c for c in child_cards(s, wave_id, actor=SYSTEM)}  # reprint
    with session_scope(engine) as s:
        new = cards[ids[0]]
        assert new.token == qr  # the QR code of the old card still opens the survey
        assert lookup(s, new.short_code).pupil.id == ids[0]
        assert lookup(s, old_code).state == "unknown"
