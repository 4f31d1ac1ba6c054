"""At rest (issue 14 item 13): the SQLite file is private (0600, folder 0700) and child
tokens and short codes are stored as a seed plus keyed digests, never in plain text; the
child still enters with the typed code; migration 0005 converts existing plain tokens."""

from __future__ import annotations

import os
import stat

import pytest
from sqlalchemy import select, text

from survey import migrate
from survey.access import SYSTEM
from survey.db import make_engine, session_scope
from survey.keys import code_digest, token_digest
from survey.models import ChildToken
from survey.tokens import issue_tokens, lookup, revoke
from survey.waves import child_cards
from tests.unit.test_storage import make_class


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def loose_umask():
    old = os.umask(0o022)  # the usual umask: files 0644 unless the code says otherwise
    yield
    os.umask(old)


def test_a_new_database_file_and_folder_are_private(tmp_path, loose_umask):
    folder = tmp_path / "data"
    path = folder / "klaskaart.db"
    url = f"sqlite:///{path}"
    migrate.upgrade(url)
    engine = make_engine(url)
    with session_scope(engine) as s:
        make_class(s, n=3)
    with engine.connect() as conn:  # the WAL files exist while a connection is open
        conn.execute(text("select count(*) from pupils"))
        for name in ("klaskaart.db", "klaskaart.db-wal", "klaskaart.db-shm"):
            assert (folder / name).exists() and mode(folder / name) == 0o600, name
    engine.dispose()
    assert mode(folder) == 0o700


def test_an_old_world_readable_database_is_narrowed(tmp_path, loose_umask):
    path = tmp_path / "klaskaart.db"
    path.touch(mode=0o644)
    path.chmod(0o644)
    make_engine(f"sqlite:///{path}").dispose()
    assert mode(path) == 0o600


def test_no_plain_token_or_code_in_the_database_file(tmp_path):
    path = tmp_path / "klaskaart.db"
    url = f"sqlite:///{path}"
    migrate.upgrade(url)
    engine = make_engine(url)
    with session_scope(engine) as s:
        wave_id, _ = make_class(s, n=6)
        cards = child_cards(s, wave_id, actor=SYSTEM)
        revoke(s, s.scalars(select(ChildToken)).first())  # a lost card, a new seed
        cards += child_cards(s, wave_id, actor=SYSTEM)
    with engine.connect() as conn:
        raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith(
            "klaskaart.db"))
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    raw += path.read_bytes()
    engine.dispose()
    assert len(cards) == 12 and all(c.token and c.short_code for c in cards)
    for card in cards:
        assert card.token.encode() not in raw
        assert card.short_code.encode() not in raw
    assert token_digest(cards[-1].token).encode() in raw  # what is stored instead


def test_the_child_still_enters_with_the_typed_code_and_the_qr_token(engine):
    with session_scope(engine) as s:
        wave_id, ids = make_class(s, n=4)
        cards = {c.pupil_id: c for c in child_cards(s, wave_id, actor=SYSTEM)}
    with session_scope(engine) as s:
        card = cards[ids[0]]
        assert len(card.short_code) == 8 and len(card.token) == 32
        for typed in (card.short_code, card.short_code.lower(), f" {card.short_code} ",
                      card.token):
            found = lookup(s, typed)
            assert found.state == "ok" and found.pupil.id == ids[0], typed
        assert lookup(s, "ABCDEFGH").state == "unknown"
        # a reprint recomputes the same card; a lost card gets a new one
        assert {c.pupil_id: c.token for c in child_cards(s, wave_id, actor=SYSTEM)} == {
            p: c.token for p, c in cards.items()}
        row = s.scalar(select(ChildToken).where(ChildToken.token == card.token))
        revoke(s, row)
        assert lookup(s, card.short_code).state == "unknown"
        assert lookup(s, row.short_code).state == "ok"
        with pytest.raises(TypeError, match="hashed"):
            select(ChildToken.token)


def test_another_server_secret_opens_no_card(engine, monkeypatch):
    with session_scope(engine) as s:
        wave_id, _ = make_class(s, n=2)
        code = child_cards(s, wave_id, actor=SYSTEM)[0].short_code
    monkeypatch.setenv("KLASKAART_SECRET", "a different secret")
    with session_scope(engine) as s:
        assert lookup(s, code).state == "unknown"


def test_the_migration_converts_existing_plain_tokens(tmp_path):
    url = f"sqlite:///{tmp_path / 'klaskaart.db'}"
    migrate.upgrade(url, "0004")
    engine = make_engine(url)
    with session_scope(engine) as s:
        wave_id, ids = make_class_plain(s)
        s.execute(text(
            "insert into child_tokens (wave_id, pupil_id, token, short_code, status, created_at)"
            " values (:w, :p, :t, :c, 'active', '2026-11-01 09:00:00')"),
            [{"w": wave_id, "p": ids[0], "t": "old-plain-token-aaaaaaaaaaaaaaaaaa", "c": "KLM23456"},
             {"w": wave_id, "p": ids[1], "t": "old-plain-token-bbbbbbbbbbbbbbbbbb", "c": "PQR34567"}])
    engine.dispose()
    migrate.upgrade(url)
    engine = make_engine(url)
    with session_scope(engine) as s:
        rows = s.execute(text("select * from child_tokens order by id")).mappings().all()
        assert all("token" not in r and "short_code" not in r for r in rows)
        assert [r["token_hash"] for r in rows] == [
            token_digest("old-plain-token-aaaaaaaaaaaaaaaaaa"),
            token_digest("old-plain-token-bbbbbbbbbbbbbbbbbb")]
        assert [r["code_hash"] for r in rows] == [code_digest("KLM23456"), code_digest("PQR34567")]
        assert all(r["seed"] is None for r in rows)
        # the printed cards keep working ...
        assert lookup(s, "old-plain-token-aaaaaaaaaaaaaaaaaa").pupil.id == ids[0]
        assert lookup(s, "pqr34567").pupil.id == ids[1]
        # ... until the cards are needed again: then they get a seed (a new card)
        tokens = issue_tokens(s, wave_id)
        assert all(t.seed and t.token for t in tokens)
        assert lookup(s, "KLM23456").state == "unknown"
    engine.dispose()
    # nor left behind in the file's free pages
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert b"old-plain-token" not in raw and b"KLM23456" not in raw


def make_class_plain(session):
    """``make_class`` without issuing tokens (they are added as plain rows above)."""
    return make_class(session, n=3)
