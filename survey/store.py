"""The one session provider of the app: an engine for the configured database and short
units of work on it, so ``ui/`` and the pages never touch SQLAlchemy or ``survey.db``.

``ui.core`` keeps one ``Store`` per process (``st.cache_resource``) and opens every unit of
work with ``Store.session()``: commit on success, roll back on any error
(``survey.db.session_scope``). What a page does inside it is a call of a ``survey``
function that takes the session.

>>> store = Store("sqlite://")
>>> with store.session() as session:
...     session.connection().exec_driver_sql("select 1").scalar()
1
>>> store.dispose()
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

from sqlalchemy.orm import Session

from survey.db import database_url, make_engine, session_scope


def configured_url() -> str:
    """The database URL of the settings (``DATABASE_URL``, else the embedded SQLite file)."""
    return database_url()


class Store:
    """An engine for ``url`` (``configured_url()`` when None) with the durability settings of
    ``survey.db.make_engine``."""

    def __init__(self, url: str | None = None) -> None:
        self.url = database_url(url)
        self._engine = make_engine(self.url)

    @contextmanager
    def _scope(self) -> Iterator[Session]:
        with session_scope(self._engine) as session:
            yield session

    def session(self) -> AbstractContextManager[Session]:
        """A short unit of work: commit on success, roll back on any error."""
        return self._scope()

    def dispose(self) -> None:
        self._engine.dispose()
