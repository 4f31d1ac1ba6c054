"""Database engine and sessions.

SQLite file ``data/klaskaart.db`` by default; ``DATABASE_URL`` switches to PostgreSQL
(``postgresql+psycopg://…``; a plain ``postgresql://`` URL is mapped to psycopg 3).

Durability (docs/design.md): every saved answer is committed before the screen moves on.
SQLite runs in WAL mode with ``synchronous=FULL`` so a commit survives power loss,
with a busy timeout so concurrent tablets wait instead of failing, and foreign keys on.

At rest: the SQLite file, its ``-wal`` and ``-shm`` files are created mode 0600 and the
``data`` folder 0700 (only the server's user reads pupils' answers).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from survey import settings

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = ROOT / "data" / "klaskaart.db"
BUSY_TIMEOUT_MS = 10_000


def database_url(url: str | None = None) -> str:
    """The URL to use: the argument, else ``DATABASE_URL``, else the embedded SQLite file."""
    url = url or settings.current().database_url or f"sqlite:///{DEFAULT_SQLITE_PATH}"
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def private_sqlite_file(path: Path) -> None:
    """Make the database file readable by its owner only, before SQLite opens it.

    A missing folder is created 0700 and a missing file created empty with mode 0600 (SQLite
    takes an empty file as a new database, and gives its ``-wal`` and ``-shm`` files the
    file's mode). An existing file (and its -wal/-shm) readable by others — made by an
    older version — is narrowed to 0600 when it is ours.
    """
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            if file.stat().st_mode & 0o077 and file.stat().st_uid == os.getuid():
                file.chmod(0o600)
        except OSError:  # not there, or not ours: leave it
            pass


def make_engine(url: str | None = None) -> Engine:
    """Create an engine for ``url`` with the durability settings described above; a SQLite
    file is private to the server's user (``private_sqlite_file``)."""
    url = database_url(url)
    if url.startswith("sqlite"):
        # "sqlite://" and "sqlite:///:memory:" are in memory: there is no file to protect
        path = url.split("///", 1)[1].split("?", 1)[0] if "///" in url else ""
        if path and path != ":memory:" and not path.startswith("file:"):
            private_sqlite_file(Path(path))
        engine = create_engine(
            url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit (pages read them afterwards)."""
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One short unit of work: commit on success, roll back on any error."""
    with make_sessionmaker(engine)() as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
