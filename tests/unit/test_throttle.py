"""Log-in throttling (survey.throttle): atomic reservations, per account × address, per
address and per account, bounded table."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import func, select

import survey.accounts as accounts
from survey import throttle
from survey.accounts import authenticate, create_user
from survey.db import make_engine, session_scope
from survey.models import LoginThrottle

PASSWORD = "correct horse battery"
T0 = dt.datetime(2026, 11, 23, 9, 0, 0)
STRANGER, OWNER = "198.51.100.66", "203.0.113.10"


def at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


@pytest.fixture
def checks(monkeypatch):
    """Counts the passwords actually checked (calls of accounts.verify_password)."""
    calls = []
    lock = threading.Lock()
    real = accounts.verify_password

    def counting(password_hash, password):
        with lock:
            calls.append(password)
        return real(password_hash, password)

    monkeypatch.setattr(accounts, "verify_password", counting)
    return calls


def rows(engine) -> int:
    with session_scope(engine) as s:
        return s.scalar(select(func.count()).select_from(LoginThrottle))


def test_thirty_parallel_wrong_attempts_check_exactly_three_passwords(db_url, checks):
    setup = make_engine(db_url)
    with session_scope(setup) as s:
        create_user(s, "anna", PASSWORD, "teacher")
    setup.dispose()
    engine = make_engine(db_url)
    barrier = threading.Barrier(30)
    results, errors = [], []

    def attempt(i: int) -> None:
        try:
            barrier.wait()
            with session_scope(engine) as s:  # each thread its own database session
                results.append(authenticate(s, "anna", f"guess {i}", now=T0, address=STRANGER))
        except Exception as exc:  # any error fails the test below
            errors.append(exc)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(results) == 30 and all(r.user is None for r in results)
    assert len(checks) == 3
    assert sum(r.wait_s > 0 for r in results) == 27
    with session_scope(engine) as s:
        counts = dict(s.execute(select(LoginThrottle.key, LoginThrottle.failures)).all())
    assert counts == {f"addr:{STRANGER}": 3, "acct:anna": 3, f"pair:anna|{STRANGER}": 3}
    engine.dispose()


def test_a_stranger_is_throttled_while_the_owner_logs_in_from_elsewhere(engine, checks):
    with session_scope(engine) as s:
        create_user(s, "anna", PASSWORD, "teacher")
    for i in range(3):
        with session_scope(engine) as s:
            assert authenticate(s, "anna", f"guess {i}", now=at(i), address=STRANGER).wait_s == 0
    with session_scope(engine) as s:  # the stranger must wait — even with the right password
        refused = authenticate(s, "anna", PASSWORD, now=at(3), address=STRANGER)
        assert refused.user is None and refused.wait_s > 0
    assert len(checks) == 3
    with session_scope(engine) as s:  # the owner, from school, gets in at once
        assert authenticate(s, "anna", PASSWORD, now=at(3), address=OWNER).user is not None
    with session_scope(engine) as s:  # and the stranger is still waiting
        assert authenticate(s, "anna", "guess 9", now=at(3.5), address=STRANGER).wait_s > 0


def test_waits_double_and_a_success_resets_the_account_and_address(engine):
    with session_scope(engine) as s:
        create_user(s, "anna", PASSWORD, "teacher")
    for _ in range(3):  # 3 free failures; after the 3rd a 2 s wait
        with session_scope(engine) as s:
            assert authenticate(s, "anna", "wrong", now=T0, address=OWNER).wait_s == 0
    with session_scope(engine) as s:  # too soon, even with the right password
        result = authenticate(s, "anna", PASSWORD, now=at(1), address=OWNER)
        assert result.user is None and result.wait_s == 1
    with session_scope(engine) as s:  # 4th failure after the wait: now 4 s
        assert authenticate(s, "anna", "wrong", now=at(2), address=OWNER).wait_s == 0
    with session_scope(engine) as s:
        assert authenticate(s, "anna", PASSWORD, now=at(4), address=OWNER).wait_s == 2
    with session_scope(engine) as s:
        assert authenticate(s, "anna", PASSWORD, now=at(6), address=OWNER).user
    for _ in range(3):  # counter reset: 3 failures are free again
        with session_scope(engine) as s:
            assert authenticate(s, "anna", "wrong", now=at(7), address=OWNER).wait_s == 0
    with session_scope(engine) as s:
        counts = dict(s.execute(select(LoginThrottle.key, LoginThrottle.failures)).all())
    # the success gave the address its attempt back: 4 failures before, 3 after
    assert counts[f"addr:{OWNER}"] == 7 and counts["acct:anna"] == 3


def test_one_address_is_limited_across_accounts_and_unknown_names(engine, checks):
    with session_scope(engine) as s:
        for name in ("anna", "bert", "carl", "dirk", "eva", "fien", "gijs", "hans"):
            create_user(s, name, PASSWORD, "teacher")
    names = ["anna", "bert", "carl", "dirk", "eva", "fien", "gijs", "ghost", "nobody", "x"]
    n = 0
    for name in names:
        for _ in range(3):
            with session_scope(engine) as s:
                if authenticate(s, name, "spray", now=at(n), address=STRANGER).wait_s:
                    break
            n += 1
    assert len(checks) == throttle.ADDRESS.free  # 20 guesses, then the address waits
    with session_scope(engine) as s:  # a new account from that address: still waiting
        assert authenticate(s, "hans", PASSWORD, now=at(n), address=STRANGER).wait_s > 0
    with session_scope(engine) as s:  # hans from home is not affected
        assert authenticate(s, "hans", PASSWORD, now=at(n), address=OWNER).user is not None


def test_many_addresses_slow_the_account_without_locking_it(engine, checks):
    with session_scope(engine) as s:
        create_user(s, "anna", PASSWORD, "teacher")
    for i in range(throttle.ACCOUNT.free):  # a failed attempt = a reservation not given back
        assert throttle.reserve(engine, "anna", f"192.0.2.{i + 1}", at(i / 10)) == 0
    with session_scope(engine) as s:  # the owner too must wait, but at most a minute
        wait = authenticate(s, "anna", PASSWORD, now=at(5), address=OWNER).wait_s
        assert 0 < wait <= throttle.ACCOUNT.max_wait_s
    with session_scope(engine) as s:
        assert authenticate(s, "anna", PASSWORD, now=at(5 + wait), address=OWNER).user


def test_unknown_usernames_add_no_rows_and_the_table_is_capped(engine, monkeypatch):
    for i in range(15):  # made-up names from one address: one row
        with session_scope(engine) as s:
            authenticate(s, f"ghost{i}", "x", now=at(i * 1000), address=STRANGER)
    assert rows(engine) == 1
    monkeypatch.setattr(throttle, "MAX_ROWS", 10)
    for i in range(40):  # many addresses: never more than the cap
        assert throttle.reserve(engine, None, f"192.0.2.{i + 1}", at(20_000 + i)) == 0
        assert rows(engine) <= 10
    # untouched for a day: forgotten
    with session_scope(engine) as s:
        authenticate(s, "ghost", "x", now=at(30_000 + throttle.FORGET_AFTER_S), address=OWNER)
    assert rows(engine) == 1


def test_the_client_address_trusts_forwarded_for_only_behind_a_proxy():
    key = throttle.address_key
    assert key("203.0.113.9", "1.1.1.1") == "203.0.113.9"
    assert key("10.0.0.2", "6.6.6.6, 203.0.113.9", 1) == "203.0.113.9"
    assert key("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.1", 2) == "203.0.113.9"
    assert key("10.0.0.2", "6.6.6.6, 203.0.113.9", 0) == "10.0.0.2"
    assert key("10.0.0.2", "6.6.6.6, 203.0.113.9", 3) == "10.0.0.2"  # fewer entries: the peer
    assert key("10.0.0.2", None, 1) == "10.0.0.2"
    assert key("2001:db8::1") == key("2001:db8::ffff") == "2001:db8::/64"
    assert key("::ffff:203.0.113.9") == "203.0.113.9"
    assert key(None) == "local" and key("not an address") == "unknown"
