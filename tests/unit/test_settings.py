"""survey.settings: every environment variable in one place, read at call time, documented."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from survey import db, first_admin, keys, settings
from survey.__main__ import cli_language
from survey.instruments import installed

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ["survey", "analysis", "ui", "app_pages", "sample_data", "streamlit_app.py"]
ENV_NAMES = {"environ", "environb", "getenv", "getenvb", "putenv", "unsetenv"}


def product_files() -> list[Path]:
    files = []
    for name in PRODUCT:
        path = ROOT / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return files


def environment_reads(path: Path) -> list[int]:
    """Lines of ``path`` that touch os.environ / getenv (also ``from os import environ``)."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Attribute) and node.attr in ENV_NAMES:
            lines.append(node.lineno)
        elif isinstance(node, ast.Name) and node.id in ENV_NAMES:
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and any(a.name in ENV_NAMES for a in node.names):
            lines.append(node.lineno)
    return lines


def test_only_the_settings_module_reads_the_environment():
    files = product_files()
    assert len(files) > 50 and ROOT / "survey" / "settings.py" in files
    offenders = {
        str(path.relative_to(ROOT)): lines
        for path in files
        if path != ROOT / "survey" / "settings.py" and (lines := environment_reads(path))
    }
    assert offenders == {}, "read the environment through survey.settings.current()"
    assert environment_reads(ROOT / "survey" / "settings.py")  # the scan does find reads


def test_defaults_when_nothing_is_set():
    s = settings.current({})
    assert s == settings.Settings(
        database_url=None,
        secret=None,
        secret_file=settings.ROOT / "data" / "secret_key",
        setup_code_file=settings.ROOT / "data" / "first-admin-code.txt",
        trust_proxy=0,
        base_url=None,
        wording_dir=settings.ROOT / "data" / "wording",
        cli_language="en",
    )
    assert settings.ROOT == ROOT == db.ROOT
    empty = {name: "" for name in documented_names()}
    assert settings.current(empty) == s  # an empty value counts as unset


def test_values_are_taken_as_given():
    s = settings.current({
        "DATABASE_URL": "postgresql://u@h/db",
        "KLASKAART_SECRET": "s3cret",
        "KLASKAART_SECRET_FILE": "/srv/k/secret",
        "KLASKAART_SETUP_CODE_FILE": "/srv/k/code.txt",
        "KLASKAART_TRUST_PROXY": "1",
        "KLASKAART_BASE_URL": "https://klaskaart.example/school//",
        "KLASKAART_WORDING_DIR": "/srv/k/wording",
        "LANG": "nl_NL.UTF-8",
    })
    assert (s.database_url, s.secret, s.secret_file, s.setup_code_file) == (
        "postgresql://u@h/db", "s3cret", Path("/srv/k/secret"), Path("/srv/k/code.txt"))
    assert (s.trust_proxy, s.base_url, s.wording_dir, s.cli_language) == (
        1, "https://klaskaart.example/school", Path("/srv/k/wording"), "nl")
    assert "s3cret" not in repr(s)  # the secret never lands in a log through repr


@pytest.mark.parametrize(("value", "hops"), [
    (None, 0), ("", 0), ("0", 0), ("false", 0), ("no", 0), ("OFF", 0),
    ("1", 1), ("true", 1), ("Yes", 1), (" on ", 1), ("2", 2), ("3", 3),
    ("garbage", 0), ("-1", 0), ("1.5", 0), ("²", 0), ("yes please", 0),
])
def test_trust_proxy_parsing(value, hops):
    assert settings.parse_trust_proxy(value) == hops
    env = {} if value is None else {"KLASKAART_TRUST_PROXY": value}
    assert settings.current(env).trust_proxy == hops


def test_values_are_read_at_call_time(monkeypatch, tmp_path):
    monkeypatch.setenv("KLASKAART_WORDING_DIR", str(tmp_path / "w"))
    monkeypatch.setenv("KLASKAART_SETUP_CODE_FILE", str(tmp_path / "code.txt"))
    monkeypatch.setenv("KLASKAART_SECRET_FILE", str(tmp_path / "secret"))
    monkeypatch.setenv("KLASKAART_SECRET", "now-this-one")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    monkeypatch.setenv("KLASKAART_TRUST_PROXY", "2")
    assert installed.wording_dir() == tmp_path / "w"
    assert first_admin.code_path() == tmp_path / "code.txt"
    assert keys.secret_file() == tmp_path / "secret"
    assert keys.server_secret() == b"now-this-one"
    assert db.database_url() == f"sqlite:///{tmp_path / 'x.db'}"
    assert cli_language() == "nl"
    assert settings.current().trust_proxy == 2
    monkeypatch.delenv("DATABASE_URL")
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert db.database_url() == f"sqlite:///{db.DEFAULT_SQLITE_PATH}"
    assert cli_language() == "en"


def read_names() -> set[str]:
    """The variable names survey/settings.py reads (the string literals passed to env)."""
    source = (ROOT / "survey" / "settings.py").read_text(encoding="utf-8")
    code = source.split('"""', 2)[2]  # after the module docstring
    return set(re.findall(r'env(?:\.get\(|, )"([A-Z_]+)"', code))


def documented_names() -> set[str]:
    return set(re.findall(r"^``([A-Z_]+)``", settings.__doc__, re.MULTILINE))


def test_every_variable_is_documented_in_both_tables():
    names = read_names()
    assert {"DATABASE_URL", "KLASKAART_SECRET", "KLASKAART_TRUST_PROXY"} <= names
    assert documented_names() == names
    ops = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    section = ops.split("\n## Settings", 1)[1].split("\n## ", 1)[0]
    assert set(re.findall(r"^\| `([A-Z_]+)`", section, re.MULTILINE)) == names
