"""The one translation mechanism (survey.i18n): a complete table, one fallback rule, and
errors that carry keys.

The table tests run over every table merged in ``survey.i18n.MESSAGES`` (pages, kiosk,
class map, PDF, workbook, figures, risk reasons, import problems and errors). The error
tests read the source of survey/ and analysis/: every place that raises a keyed error (or
builds one of its problems) must name a key of the table, with the values its template
needs, so both languages render without a missing key.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import analysis
import survey
from survey.i18n import LANGUAGES, MESSAGES, KeyedError, Term, placeholders, t

ROOT = Path(__file__).resolve().parents[2]


def test_every_message_has_every_language_none_empty():
    for key, entry in MESSAGES.items():
        assert set(entry) == set(LANGUAGES), key
        assert all(isinstance(v, str) and v.strip() for v in entry.values()), key


def test_every_message_has_the_same_placeholders_in_every_language():
    for key, entry in MESSAGES.items():
        names = {lang: placeholders(text) for lang, text in entry.items()}
        assert len({frozenset(n) for n in names.values()}) == 1, (key, names)


def test_the_one_fallback_rule():
    assert t("child.welcome", "en", name="Zoë") == "Hi Zoë!"
    assert t("child.welcome", "xx", name="Zoë") == "Hoi Zoë!"  # an unknown language: Dutch
    assert t("no.such.key", "en") == "no.such.key"  # an unknown key shows itself
    assert t("pf.profile_is", "en") == MESSAGES["pf.profile_is"]["en"]  # no values: template


def test_a_broken_table_is_caught():
    """The checks above fail on a missing language, an empty text and a placeholder that
    differs (so they can fail)."""
    broken = {"a": {"nl": "x"}, "b": {"nl": "", "en": "y"}, "c": {"nl": "{n}", "en": "{m}"}}
    assert set(broken["a"]) != set(LANGUAGES)
    assert not broken["b"]["nl"].strip()
    assert placeholders(broken["c"]["nl"]) != placeholders(broken["c"]["en"])


# ------------------------------------------------------------------ no second table


def _sources(*roots: str):
    for root in roots:
        for path in sorted((ROOT / root).rglob("*.py")):
            yield path, ast.parse(path.read_text(encoding="utf-8"))


#: dicts keyed by language that hold no text of the product
NOT_TEXT = {("ui/kiosk.py", "SPEECH_LANG"), ("survey/i18n.py", "LANGUAGE_NAMES")}


def test_no_other_table_of_texts_by_language():
    """A dict of nl/en texts outside survey/messages would be a second table."""
    found = []
    for path, tree in _sources("survey", "analysis", "ui", "app_pages"):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("survey/messages/"):
            continue
        for node in ast.walk(tree):
            targets = ()
            if isinstance(node, ast.Assign):
                targets = tuple(getattr(n, "id", "") for n in node.targets)
            for sub in ast.walk(node) if isinstance(node, ast.Assign) else ():
                if isinstance(sub, ast.Dict):
                    keys = {k.value for k in sub.keys if isinstance(k, ast.Constant)}
                    if {"nl", "en"} <= keys and not any((rel, n) in NOT_TEXT for n in targets):
                        found.append(f"{rel}:{sub.lineno}")
    assert not found, found


# ------------------------------------------------------------------ errors carry keys


def _keyed_classes() -> set[str]:
    for package in (survey, analysis):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if ".migrations" in info.name or info.name.endswith("__main__"):
                continue
            importlib.import_module(info.name)
    found, todo = set(), [KeyedError]
    while todo:
        cls = todo.pop()
        found.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return found


#: helpers that build one keyed problem: name → (index of the key argument, the values the
#: helper adds itself)
PROBLEM_BUILDERS = {"_problem": (2, set()), "_FileProblem": (0, set()), "fail": (0, set()),
                    "problem": (1, {"file", "line"})}


def _uses():
    """(where, key, value names or None when values are passed on as **mapping)."""
    classes = _keyed_classes()
    assert {"SurveyError", "AccountError", "NotAllowed", "WaveError", "BoundedError",
            "PackError", "ImportProblem", "FrameError", "WaveNeeded"} <= classes
    for path, tree in _sources("survey", "analysis"):
        rel = path.relative_to(ROOT).as_posix()
        for node in ast.walk(tree):
            where = f"{rel}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Tuple) and len(node.elts) == 2 \
                    and isinstance(node.elts[0], ast.Constant) \
                    and isinstance(node.elts[0].value, str) \
                    and node.elts[0].value.startswith(("pack.", "wording.")) \
                    and isinstance(node.elts[1], ast.Dict):
                names = {k.value for k in node.elts[1].keys if isinstance(k, ast.Constant)}
                yield where, node.elts[0].value, None if None in node.elts[1].keys else names
                continue
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = getattr(func, "id", None) or getattr(func, "attr", None)
            splat = any(k.arg is None for k in node.keywords)
            names = None if splat else {k.arg for k in node.keywords if k.arg != "key"}
            if name in classes:
                keyword = next((k.value for k in node.keywords if k.arg == "key"), None)
                first = keyword if keyword is not None else (node.args[0] if node.args else None)
                assert not isinstance(first, ast.JoinedStr), f"{where}: display text, not a key"
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    yield where, ("import." if name == "ImportProblem" else "") + first.value, names
            elif name in PROBLEM_BUILDERS:
                index, added = PROBLEM_BUILDERS[name]
                if len(node.args) > index and isinstance(node.args[index], ast.Constant) \
                        and isinstance(node.args[index].value, str):
                    yield where, node.args[index].value, None if names is None else names | added


def test_every_raised_error_names_a_key_of_the_table_with_its_values():
    uses = list(_uses())
    assert len(uses) > 150  # the scan finds the raises (so this test can fail)
    for where, key, names in uses:
        assert key in MESSAGES, f"{where}: {key!r} is not in the table"
        for language in LANGUAGES:
            template = t(key, language)
            if names is not None:
                missing = placeholders(template) - names
                assert not missing, f"{where}: {key} needs {sorted(missing)}"
                text = template.format(**{n: "x" for n in names})
                assert text.strip() and text != key


@pytest.mark.parametrize("language", LANGUAGES)
def test_keyed_errors_read_in_both_languages(language):
    from analysis.frames import FrameError
    from analysis.import_messages import ImportProblem
    from survey.access import NotAllowed
    from survey.accounts import AccountError, check_password_strength
    from survey.instruments import PackError
    from survey.services import SurveyError

    with pytest.raises(AccountError) as info:
        check_password_strength("short")
    assert info.value.text(language) == t("account.password_short", language, n=10)
    assert str(info.value) == "A password needs at least 10 characters."
    errors = [NotAllowed(), SurveyError("error.too_many_choices", n=3),
              SurveyError("error.care_too_long", field=Term("care.notes"), length=9, limit=5),
              FrameError("frame.missing_columns", name="roster", columns="a, b"),
              ImportProblem("roster_gender", "klas.csv", value="v"),
              PackError([("wording.empty", {"file": "a.csv", "header": "x"}),
                         ("pack.no_language", {"pack": "p", "language": "fr", "known": "nl"})])]
    for err in errors:
        text = err.text(language)
        assert text.strip() and "{" not in text and err.key in MESSAGES
    assert t("care.notes", language) in errors[2].text(language)
    assert errors[5].text(language).startswith(t("pack.problem_many", language, count=2))


def test_values_are_escaped_not_the_template():
    from survey.services import SurveyError
    from survey.text import md

    err = SurveyError("error.question_not_in_wave", question="*bold*")
    assert err.text("en", escape=md) == "Question '\\*bold\\*' is not part of this wave."


def test_every_key_the_code_looks_up_is_in_the_table():
    """``t("…")`` / ``tr("…")`` with a literal key anywhere in the product name a key of the
    table (a key built at run time, ``t(f"label.{profile}")``, is checked by its own tests)."""
    looked_up = []
    for path, tree in _sources("survey", "analysis", "ui", "app_pages"):
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("t", "tr") \
                    and node.args and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str):
                looked_up.append((f"{path.relative_to(ROOT)}:{node.lineno}", node.args[0].value))
    assert len(looked_up) > 300
    unknown = [(where, key) for where, key in looked_up if key not in MESSAGES]
    assert not unknown, unknown
