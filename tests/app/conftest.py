"""AppTest fixtures: the real router and pages on a private copy of the demo database."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from survey.db import make_engine, session_scope
from survey.models import User

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo_env(demo_db_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", demo_db_url)
    monkeypatch.chdir(ROOT)
    engine = make_engine(demo_db_url)
    with session_scope(engine) as s:
        users = {u.username: u.id for u in s.scalars(select(User))}
    engine.dispose()
    return users


def app(path: str = "streamlit_app.py", user_id: int | None = None, **query) -> AppTest:
    at = AppTest.from_file(str(ROOT / path), default_timeout=30)
    if user_id is not None:
        at.session_state["user_id"] = user_id
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def texts(at: AppTest) -> str:
    """All visible text of a run, for assertions: Markdown sources with the escapes of
    survey.text.md resolved (a reader sees ``Sander (ib)``, the source is ``Sander \\(ib\\)``)."""
    parts = [e.value for e in (*at.title, *at.header, *at.subheader, *at.markdown, *at.caption)]
    parts += [e.value for e in (*at.error, *at.info, *at.success, *at.warning)]
    return shown("\n".join(str(p) for p in parts))


def shown(markdown: str) -> str:
    """What a reader sees of Markdown made with survey.text.md (escapes and U+2060 gone)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")
