"""Shared fixtures: databases (SQLite and PostgreSQL) and a seeded demo database.

PostgreSQL comes from ``TEST_DATABASE_URL``; each test session creates a database of its
own there and drops it afterwards. Without PostgreSQL the PostgreSQL variants are skipped —
except under ``CI=true``, where a missing server is an error.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from analysis.frames import configure_pandas
from survey import migrate
from survey.db import database_url, make_engine

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
# Licensed wording installed on a developer's machine must not change what tests see
# (servers started by browser tests inherit this too).
os.environ["KLASKAART_WORDING_DIR"] = tempfile.mkdtemp(prefix="klaskaart-wording-")
# The first-run set-up code file (survey.first_admin) never lands in the checkout's data/.
os.environ["KLASKAART_SETUP_CODE_FILE"] = str(
    Path(tempfile.mkdtemp(prefix="klaskaart-setup-")) / "first-admin-code.txt"
)
os.environ.setdefault("KLASKAART_SECRET", "test-secret-" + uuid.uuid4().hex)
configure_pandas()  # the tests run with the options the app and the CLI set
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def unavailable(reason: str) -> None:
    """Skip locally, fail in CI: CI must run every test."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: required)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_url():
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        unavailable("TEST_DATABASE_URL is not set")
    admin_url = database_url(base)
    name = f"klaskaart_test_{uuid.uuid4().hex[:10]}"
    try:
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # any connection problem means "unavailable"
        unavailable(f"PostgreSQL at TEST_DATABASE_URL is not reachable: {exc}")
    url = admin_url.rsplit("/", 1)[0] + f"/{name}"
    migrate.upgrade(url)
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _empty_postgres(url: str) -> None:
    """Delete every row (keeping the migrated schema) so each test starts clean."""
    from survey.models import Base

    engine = make_engine(url)
    with engine.begin() as conn:
        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path):
    """A migrated, empty database: once on SQLite, once on PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'klaskaart.db'}"
        migrate.upgrade(url)
        return url
    url = request.getfixturevalue("postgres_url")
    _empty_postgres(url)
    return url


@pytest.fixture
def engine(db_url):
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory) -> Path:
    """A SQLite file with the demo school seeded, made once per test session."""
    from sample_data.seed import seed_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    url = f"sqlite:///{path}"
    migrate.upgrade(url)
    engine = make_engine(url)
    seed_demo(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def demo_db_url(demo_db_template, tmp_path) -> str:
    """A private copy of the seeded demo database for one test."""
    path = tmp_path / "demo.db"
    shutil.copy(demo_db_template, path)
    return f"sqlite:///{path}"
