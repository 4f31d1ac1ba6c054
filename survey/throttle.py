"""Log-in throttling: atomic counters per account × address, per address and per account.

Every log-in attempt first **reserves** itself: one transaction adds 1 to each counter that
applies, each with a single ``INSERT … ON CONFLICT DO UPDATE … WHERE <not waiting>
RETURNING`` (SQLite ≥ 3.35 and PostgreSQL), and is refused — the transaction rolled back,
nothing counted — when any counter is still waiting. Only a reserved attempt checks the
password, so concurrent attempts can never check more passwords than the allowance, and two
attempts on a new counter never collide on its key. A success clears the account × address
and the account counters and gives the address its reservation back; a failure leaves the
reservation counted.

=================  ==============  =====================================================
counter            free failures   then waits (doubling from 2 s)
=================  ==============  =====================================================
account × address  3               up to 5 min — the guesser, not the owner elsewhere
address            20              up to 15 min — all accounts and unknown names from it
account            50              up to 1 min — slows many addresses, never locks out
=================  ==============  =====================================================

So one stranger, from one address, gets 3 guesses at an account before waiting, at most
about 20 a day in all, and cannot push the account counter to its limit: the owner logging
in from another address is not slowed. Many addresses together slow the account to one
attempt a minute, which also the owner must wait out. A wait counts from the last reserved
attempt. An unknown (or deactivated) username is counted for the address only: no row per
typed name.

The table stays bounded: a row not touched for ``FORGET_AFTER_S`` (a day) is deleted, and
beyond ``MAX_ROWS`` rows the least recently touched go first. Addresses are grouped by
IPv6 /64 (one home or school network), see ``address_key``.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import math
from dataclasses import dataclass

from sqlalchemy import Engine, case, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from survey.models import LoginThrottle


@dataclass(frozen=True)
class Policy:
    name: str
    free: int  # failures that cost no wait
    max_wait_s: int

    def wait_after(self, failures: int) -> int:
        """Seconds to wait after ``failures`` failures (counting the one in progress).

        >>> p = Policy("pair", 3, 300)
        >>> [p.wait_after(n) for n in (0, 1, 2, 3, 4, 5, 20)]
        [0, 0, 0, 2, 4, 8, 300]
        """
        if failures < self.free:
            return 0
        return min(2 ** (failures - self.free + 1), self.max_wait_s)


PAIR = Policy("pair", free=3, max_wait_s=300)
ADDRESS = Policy("addr", free=20, max_wait_s=900)
ACCOUNT = Policy("acct", free=50, max_wait_s=60)
FORGET_AFTER_S = 24 * 3600
MAX_ROWS = 10_000
UNKNOWN_ADDRESS = "unknown"


def address_key(peer: object, forwarded_for: object = None, trust_proxy: int = 0) -> str:
    """The client address to count attempts by.

    ``peer`` is the connection's address (``st.context.ip_address``: None for localhost).
    ``forwarded_for`` (the ``X-Forwarded-For`` header) is used only when ``trust_proxy``
    (``KLASKAART_TRUST_PROXY``, parsed by survey.settings.parse_trust_proxy) is n >= 1: the
    n-th entry from the right (1: the right-most, the one the proxy added; n proxies in a
    row). Anyone can send the header, so without a proxy it must not be trusted. IPv6
    addresses count per /64.

    >>> address_key("203.0.113.9")
    '203.0.113.9'
    >>> address_key("10.0.0.2", "1.2.3.4, 198.51.100.7", 1)
    '198.51.100.7'
    >>> address_key("10.0.0.2", "1.2.3.4, 198.51.100.7")  # not trusted: the peer
    '10.0.0.2'
    >>> address_key("2001:db8:1:2:aaaa::1")
    '2001:db8:1:2::/64'
    >>> address_key(None)
    'local'
    """
    value = peer if isinstance(peer, str) and peer else None
    hops = trust_proxy if isinstance(trust_proxy, int) else 0
    if hops >= 1 and isinstance(forwarded_for, str):
        parts = [p.strip() for p in forwarded_for.split(",") if p.strip()]
        if len(parts) >= hops:
            value = parts[-hops]
    if value is None:
        return "local" if peer is None else UNKNOWN_ADDRESS
    try:
        ip = ipaddress.ip_address(value.strip("[]"))
    except ValueError:
        return UNKNOWN_ADDRESS
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def counters(username: str | None, address: str) -> list[tuple[str, Policy]]:
    """The counters an attempt adds to, in a fixed order (no deadlocks between attempts):
    the address, and for an existing account the account and account × address."""
    keys = [(f"addr:{address}", ADDRESS)]
    if username is not None:
        keys += [(f"acct:{username}", ACCOUNT), (f"pair:{username}|{address}", PAIR)]
    return keys


def _wait_sql(policy: Policy, failures):
    """``policy.wait_after(failures)`` as an SQL expression (portable: a CASE)."""
    whens, n = [], policy.free
    while policy.wait_after(n) < policy.max_wait_s:
        whens.append((failures == n, policy.wait_after(n)))
        n += 1
    return case((failures < policy.free, 0), *whens, else_=policy.max_wait_s)


def _insert(conn: Connection):
    return postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert


def _bump(conn: Connection, key: str, policy: Policy, now: float) -> int | None:
    """Add one to the counter unless it is waiting; the new count, or None when waiting."""
    table = LoginThrottle.__table__
    stmt = _insert(conn)(table).values(key=key, failures=1, last_at=now)
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.key],
        set_={"failures": table.c.failures + 1, "last_at": now},
        where=table.c.last_at + _wait_sql(policy, table.c.failures) <= now,
    ).returning(table.c.failures)
    return conn.execute(stmt).scalar()


def _remaining(conn: Connection, key: str, policy: Policy, now: float) -> int:
    row = conn.execute(
        select(LoginThrottle.failures, LoginThrottle.last_at).where(LoginThrottle.key == key)
    ).first()
    if row is None:
        return 1
    return max(1, math.ceil(row.last_at + policy.wait_after(row.failures) - now))


def _epoch(now: dt.datetime | float | None) -> float:
    if now is None:
        return dt.datetime.now(dt.UTC).timestamp()
    if isinstance(now, dt.datetime):
        return (now if now.tzinfo else now.replace(tzinfo=dt.UTC)).timestamp()
    return float(now)


def reserve(
    engine: Engine, username: str | None, address: str, now: dt.datetime | float | None = None
) -> int:
    """Reserve one attempt (committed before the password is checked). Returns 0 when the
    attempt may go ahead, else the seconds to wait (and nothing was counted)."""
    at = _epoch(now)
    with engine.connect() as conn:
        with conn.begin() as tx:
            for key, policy in counters(username, address):
                if _bump(conn, key, policy, at) is None:
                    wait = _remaining(conn, key, policy, at)
                    tx.rollback()
                    return wait
        prune(conn, at)
    return 0


def succeeded(engine: Engine, username: str, address: str) -> None:
    """A correct password: clear the account and account × address counters and give the
    address back the attempt (logging in is not guessing)."""
    (addr, _), (acct, _), (pair, _) = counters(username, address)
    with engine.begin() as conn:
        conn.execute(update(LoginThrottle).where(LoginThrottle.key == addr).values(
            failures=case((LoginThrottle.failures > 0, LoginThrottle.failures - 1), else_=0)))
        conn.execute(delete(LoginThrottle).where(LoginThrottle.key.in_((acct, pair))))


def prune(conn: Connection, now: float) -> None:
    """Forget counters untouched for FORGET_AFTER_S; keep at most MAX_ROWS (the least
    recently touched go first). Its own short transaction."""
    # Rows another attempt holds are skipped (PostgreSQL), so pruning never waits for an
    # attempt that waits for it; SQLite has one writer at a time anyway.
    with conn.begin():
        stale = (select(LoginThrottle.key).where(LoginThrottle.last_at < now - FORGET_AFTER_S)
                 .with_for_update(skip_locked=True))
        conn.execute(delete(LoginThrottle).where(LoginThrottle.key.in_(stale)))
        excess = conn.execute(select(func.count()).select_from(LoginThrottle)).scalar() - MAX_ROWS
        if excess > 0:
            oldest = (select(LoginThrottle.key).order_by(LoginThrottle.last_at, LoginThrottle.key)
                      .limit(excess).with_for_update(skip_locked=True))
            conn.execute(delete(LoginThrottle).where(LoginThrottle.key.in_(oldest)))
