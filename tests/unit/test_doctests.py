"""The docstring examples of every module in survey/, analysis/ and ui/ run (and pass).

The modules are found from the files, so a new module's examples run without being listed
here. app_pages/ is left out: its files are Streamlit page scripts that render on import.
"""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("survey", "analysis", "ui")
# Files that are not modules of the product's import graph, with the reason.
EXCLUDED = {
    "survey/migrations": "Alembic scripts: env.py runs a migration when imported (it needs "
    "alembic.context), the revision files are loaded by Alembic by path",
}


def module_names() -> list[str]:
    names = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if any(relative.is_relative_to(folder) for folder in EXCLUDED):
                continue
            parts = relative.with_suffix("").parts
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


MODULES = module_names()


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_pass(name):
    module = importlib.import_module(name)  # ui/ too: importable without a Streamlit runtime
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed"


def test_the_excluded_files_have_no_examples():
    for folder in EXCLUDED:
        for path in (ROOT / folder).rglob("*.py"):
            assert ">>>" not in path.read_text(encoding="utf-8"), path


def test_every_package_is_covered():
    assert {name.split(".")[0] for name in MODULES} == set(PACKAGES)
    assert {"ui.core", "ui.kiosk", "ui.analysis_cache"} <= set(MODULES)
    finder = doctest.DocTestFinder()
    examples = {
        name: sum(len(test.examples) for test in finder.find(importlib.import_module(name)))
        for name in MODULES
    }
    with_examples = {name for name, count in examples.items() if count}
    assert {
        "survey.bounded", "survey.roster", "survey.instruments", "survey.instruments.loader",
        "survey.instruments.licensed",  # the five whose examples ran before (24 examples)
        "survey.settings", "survey.throttle", "analysis.classmap", "analysis.importers",
    } <= with_examples
    assert sum(examples.values()) >= 150
