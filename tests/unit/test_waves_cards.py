"""Waves (survey.waves) and login cards (survey.cards): create with question choice, open
issues tokens, closing locks them, lost cards, hand-over labels, progress, and the PDF
(8 cards a page, every QR code decodes to a token that opens that child's survey).
Storage tests run on SQLite and PostgreSQL (``engine`` fixture)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import func, select

from survey.access import SYSTEM
from survey.cards import CARDS_PER_PAGE, card_url, login_cards_pdf
from survey.db import session_scope
from survey.models import AuditEvent, ChildToken, Consent, Pupil, School, SchoolClass, Wave
from survey.names import pupil_names
from survey.services import save_child_answer
from survey.tokens import lookup
from survey.waves import (
    WaveError,
    child_cards,
    class_progress,
    close_wave,
    create_wave,
    delete_draft,
    issue_for_open_waves,
    new_card,
    open_wave,
)

BASE = "https://klaskaart.example.nl"


def make_class(engine, n: int = 5, refused: tuple[int, ...] = ()) -> tuple[int, list[int]]:
    """A class of ``n`` pupils with consent given, except indexes in ``refused``."""
    with session_scope(engine) as s:
        school = School(name="De Linde", consent_mode="opt_in")
        s.add(school)
        s.flush()
        school_class = SchoolClass(school_id=school.id, name="Groep 6A", grade=6)
        s.add(school_class)
        s.flush()
        ids = []
        for i in range(n):
            p = Pupil(class_id=school_class.id, first_name=f"Kind{i:02d}", last_name="Bos",
                      gender="f" if i % 2 else "m")
            s.add(p)
            s.flush()
            s.add(Consent(pupil_id=p.id, status="refused" if i in refused else "given"))
            ids.append(p.id)
        return school_class.id, ids


def test_create_wave_records_choices_and_wording(engine):
    class_id, _ = make_class(engine, 2)
    with session_scope(engine) as s:
        wave = create_wave(s, class_id, " Najaar  2026 ", language="en", child_format="yes_no",
                           questions=["teacher_angry", "liked_most", "prosocial"], actor=SYSTEM)
        assert (wave.name, wave.status, wave.language, wave.child_format) == (
            "Najaar 2026", "draft", "en", "yes_no")
        assert wave.questions == ["liked_most", "teacher_angry", "prosocial"]  # pack order
        assert wave.child_wording.startswith("own:child@")
        default = create_wave(s, class_id, "Voorjaar 2027", actor=SYSTEM)
        # liked_least is on by default, the optional questions are off
        assert default.questions == ["liked_most", "liked_least", "teacher_likes",
                                     "teacher_angry"]
        without = create_wave(s, class_id, "Zonder negatief",
                              questions=["liked_most", "teacher_likes"], actor=SYSTEM)
        assert "liked_least" not in without.questions
        for kwargs, key in [
            (dict(name="Najaar 2026"), "wave.err_name_taken"),
            (dict(name=""), "wave.err_name"),
            (dict(name="x", language="fr"), "wave.err_language"),
            (dict(name="x", child_format="ten_point"), "wave.err_format"),
            (dict(name="x", questions=["best_friend"]), "wave.err_question"),
            (dict(name="x", questions=[]), "wave.err_no_questions"),
        ]:
            with pytest.raises(WaveError) as info:
                create_wave(s, class_id, **kwargs, actor=SYSTEM)
            assert info.value.key == key


def test_open_issues_tokens_only_for_pupils_with_consent(engine):
    class_id, ids = make_class(engine, 5, refused=(1,))
    with session_scope(engine) as s:
        wave = create_wave(s, class_id, "Najaar", actor=SYSTEM)
        open_wave(s, wave.id, actor=SYSTEM)
        tokens = s.scalars(select(ChildToken).where(ChildToken.wave_id == wave.id)).all()
        assert sorted(t.pupil_id for t in tokens) == sorted(ids[:1] + ids[2:])
        # 24 random bytes, URL-safe: 32 characters, all different
        assert all(len(t.token) == 32 for t in tokens)
        assert len({t.token for t in tokens}) == 4
        assert s.scalar(select(AuditEvent.detail).where(AuditEvent.action == "wave.open")) == {
            "tokens": 4}


def test_one_open_wave_per_class_and_no_reopening(engine):
    class_id, _ = make_class(engine, 2)
    with session_scope(engine) as s:
        first = create_wave(s, class_id, "Najaar", actor=SYSTEM)
        second = create_wave(s, class_id, "Voorjaar", actor=SYSTEM)
        open_wave(s, first.id, actor=SYSTEM)
        with pytest.raises(WaveError) as info:
            open_wave(s, second.id, actor=SYSTEM)
        assert info.value.key == "wave.err_other_open"
        close_wave(s, first.id, actor=SYSTEM)
        for step in (open_wave, close_wave, delete_draft):
            with pytest.raises(WaveError):
                step(s, first.id, actor=SYSTEM)
        open_wave(s, second.id, actor=SYSTEM)


def test_closing_locks_every_token_and_keeps_answers(engine):
    class_id, ids = make_class(engine, 3)
    with session_scope(engine) as s:
        wave = create_wave(s, class_id, "Najaar", actor=SYSTEM)
        open_wave(s, wave.id, actor=SYSTEM)
        save_child_answer(s, wave.id, ids[0], "carts_practice", 1)
        cards = child_cards(s, wave.id, actor=SYSTEM)
        assert {lookup(s, c.token).state for c in cards} == {"ok"}
        close_wave(s, wave.id, actor=SYSTEM)
        assert {lookup(s, c.token).state for c in cards} == {"closed"}
        assert {lookup(s, c.short_code).state for c in cards} == {"closed"}
        assert s.get(Wave, wave.id).closed_at is not None


def test_delete_draft_only(engine):
    class_id, _ = make_class(engine, 1)
    with session_scope(engine) as s:
        wave = create_wave(s, class_id, "Probeersel", actor=SYSTEM)
        delete_draft(s, wave.id, actor=SYSTEM)
        assert s.scalar(select(func.count()).select_from(Wave)) == 0


def test_pupils_who_get_consent_later_get_a_token(engine):
    class_id, ids = make_class(engine, 3, refused=(2,))
    with session_scope(engine) as s:
        wave = create_wave(s, class_id, "Najaar", actor=SYSTEM)
        open_wave(s, wave.id, actor=SYSTEM)
        assert issue_for_open_waves(s, class_id) == 0
        s.get(Pupil, ids[2]).consent.status = "given"
        s.flush()
        assert issue_for_open_waves(s, class_id) == 1
        assert len(child_cards(s, wave.id, actor=SYSTEM)) == 3


def test_reprint_keeps_tokens_and_a_lost_card_is_replaced(engine):
    class_id, ids = make_class(engine, 3)
    with session_scope(engine) as s:
        wave = create_wave(s, class_id, "Najaar", actor=SYSTEM)
        open_wave(s, wave.id, actor=SYSTEM)
        first = {c.pupil_id: c.token for c in child_cards(s, wave.id, actor=SYSTEM)}
        save_child_answer(s, wave.id, ids[0], "carts_practice", 2)
        again = {c.pupil_id: c.token for c in child_cards(s, wave.id, actor=SYSTEM)}
        assert again == first  # a reprint does not invalidate anything
        old = first[ids[0]]
        token = new_card(s, wave.id, ids[0], actor=SYSTEM)
        assert token.token != old
        assert lookup(s, old).state == "unknown"
        found = lookup(s, token.token)
        assert (found.state, found.pupil.id) == ("ok", ids[0])
        # the answer given with the old card is still there
        rows, _ = class_progress(s, wave.id, actor=SYSTEM)
        assert {r.pupil_id: r.state for r in rows}[ids[0]] == "busy"
        token.status = "finished"
        with pytest.raises(WaveError) as info:
            new_card(s, wave.id, ids[0], actor=SYSTEM)
        assert info.value.key == "wave.err_finished"


def test_progress_and_completion(engine):
    class_id, ids = make_class(engine, 4, refused=(3,))
    with session_scope(engine) as s:
        wave = create_wave(s, class_id, "Najaar", actor=SYSTEM)
        open_wave(s, wave.id, actor=SYSTEM)
        save_child_answer(s, wave.id, ids[1], "carts_practice", 3)
        token = s.scalar(select(ChildToken).where(ChildToken.pupil_id == ids[2]))
        token.status = "finished"
        rows, percent = class_progress(s, wave.id, actor=SYSTEM)
    states = {r.pupil_id: r.state for r in rows}
    assert states == {ids[0]: "not_started", ids[1]: "busy", ids[2]: "done"}
    busy = next(r for r in rows if r.pupil_id == ids[1])
    assert busy.answered == 1 and busy.current == 2 and busy.total > 20
    # 1 of the 3 pupils taking part is done: 100 × 1 / 3
    assert percent == pytest.approx(100 / 3)


def test_handover_labels_follow_the_one_name_rule():
    # the buttons use survey.names (hand examples and properties: test_display_names.py)
    pupils = [Pupil(id=1, first_name="Sem", tussenvoegsel="", last_name="Bos"),
              Pupil(id=2, first_name="Sem", tussenvoegsel="", last_name="Jansen"),
              Pupil(id=3, first_name="Eva", tussenvoegsel="", last_name="Bos"),
              Pupil(id=4, first_name="Noa", tussenvoegsel="", last_name="Smit"),
              Pupil(id=5, first_name="noa", tussenvoegsel="van", last_name="Sanders")]
    assert pupil_names(pupils) == {1: "Sem B.", 2: "Sem J.", 3: "Eva", 4: "Noa Smit",
                                   5: "noa van Sanders"}


# ------------------------------------------------------------------ PDF


def render(pdf: bytes, tmp_path: Path, page: int) -> Image.Image:
    path = tmp_path / "cards.pdf"
    path.write_bytes(pdf)
    out = tmp_path / f"page{page}"
    subprocess.run(["pdftoppm", "-r", "150", "-f", str(page), "-l", str(page), "-png",
                    "-singlefile", str(path), str(out)], check=True)
    return Image.open(f"{out}.png")


def pages(pdf: bytes, tmp_path: Path) -> int:
    path = tmp_path / "count.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    line = next(x for x in info.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def test_card_pdf_has_8_cards_a_page_and_working_qr_codes(engine, tmp_path):
    class_id, ids = make_class(engine, 10)
    with session_scope(engine) as s:
        wave = create_wave(s, class_id, "Najaar", actor=SYSTEM)
        open_wave(s, wave.id, actor=SYSTEM)
        cards = child_cards(s, wave.id, actor=SYSTEM)
        pdf = login_cards_pdf(cards, BASE, class_name="Groep 6A", wave_name="Najaar")
        assert pdf.startswith(b"%PDF-")
        # 10 cards at 8 a page: ceil(10 / 8) = 2 pages
        assert pages(pdf, tmp_path) == 2
        first = zxingcpp.read_barcodes(render(pdf, tmp_path, 1))
        second = zxingcpp.read_barcodes(render(pdf, tmp_path, 2))
        assert (len(first), len(second)) == (CARDS_PER_PAGE, 2)
        urls = sorted(b.text for b in first + second)
        assert urls == sorted(card_url(BASE, c.token) for c in cards)
        for url in urls:
            token = url.split("?t=", 1)[1]
            found = lookup(s, token)
            assert found.state == "ok" and found.wave.id == wave.id


def test_card_pdf_prints_any_name_and_an_empty_class(tmp_path):
    from survey.waves import ChildCard

    cards = [ChildCard(1, "Łucja", "Łucja Wiśniewska-Çelik", "tok", "ABCDEFGH", "active")]
    assert pages(login_cards_pdf(cards, BASE), tmp_path) == 1
    assert pages(login_cards_pdf([], BASE), tmp_path) == 1
    assert card_url(BASE + "/", "a_b-c") == BASE + "/?t=a_b-c"
