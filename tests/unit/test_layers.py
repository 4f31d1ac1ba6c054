"""The layer rules import-linter cannot see: the router script ``streamlit_app.py`` is not a
package, so its imports are checked here; and every page runs in a ``main()``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STORAGE = ("sqlalchemy", "alembic", "survey.models", "survey.db", "survey.migrate")
PAGES = sorted((ROOT / "app_pages").glob("*.py"))


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{a.name}" for a in node.names}
    return names


def _storage(names: set[str]) -> list[str]:
    return sorted(n for n in names if any(n == s or n.startswith(s + ".") for s in STORAGE))


def test_the_router_never_imports_storage():
    assert _storage(_imports(ROOT / "streamlit_app.py")) == []


def test_the_checker_sees_a_storage_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from survey.models import User\nimport sqlalchemy.orm\n", encoding="utf-8")
    assert _storage(_imports(bad)) == ["sqlalchemy.orm", "survey.models", "survey.models.User"]


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_every_page_runs_in_main(page):
    tree = ast.parse(page.read_text(encoding="utf-8"))
    assert any(isinstance(n, ast.FunctionDef) and n.name == "main" for n in tree.body)
    last = tree.body[-1]
    assert isinstance(last, ast.Expr) and isinstance(last.value, ast.Call)
    assert getattr(last.value.func, "id", None) == "main"
    # nothing runs at module level but main() (the kiosk also freezes the start-up heap
    # and reads its callback flag first, ui.kiosk / app_pages/child.py)
    calls = [
        getattr(c.func, "attr", getattr(c.func, "id", None))
        for node in tree.body if not isinstance(node, (ast.FunctionDef, ast.ClassDef))
        for c in ast.walk(node) if isinstance(c, ast.Call)
    ]
    assert set(calls) <= {"main", "freeze_startup_heap", "pop"}, page.name
