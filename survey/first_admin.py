"""First-run administrator set-up: an install without an active administrator gets one only
from the installer, who chooses the password.

Two ways: ``python -m survey create-user NAME --role admin`` on the server, or the app's
first-run screen (app_pages/first_run.py), shown instead of the log-in form while no active
administrator exists. That screen must not let a stranger who reaches a fresh install first
take it over, so it asks for a one-time set-up code that only the installer can see: the
server prints it to its log and writes it to ``data/first-admin-code.txt`` (mode 0600;
``KLASKAART_SETUP_CODE_FILE`` moves it). The code

- exists only while no active administrator exists (``setup_code`` makes it then; creating
  the administrator deletes it, and ``create_first_admin`` refuses once an admin exists);
- is random (20 characters, ~100 bits) and compared in constant time, so guessing is hopeless
  without throttling; dashes, spaces and case do not matter when typed.
"""

from __future__ import annotations

import hmac
import os
import secrets
import sys
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from survey import settings
from survey.accounts import AccountError, create_user
from survey.keys import SHORT_ALPHABET, normalise_code
from survey.models import User

CODE_ALPHABET = SHORT_ALPHABET  # the card codes' signs: no look-alikes, typeable from a log
CODE_LENGTH = 20
_announced: set[str] = set()  # codes this process printed to its log already


def code_path() -> Path:
    """Where the set-up code is written (``KLASKAART_SETUP_CODE_FILE`` or data/)."""
    return settings.current().setup_code_file


def needs_first_admin(session: Session) -> bool:
    """True while no active administrator exists."""
    return not session.scalar(
        select(func.count()).select_from(User).where(User.role == "admin", User.active.is_(True))
    )


def _normalise(code: str) -> str:
    """As typed → as meant: the card codes' rule (case, look-alikes), letters and digits only."""
    return "".join(ch for ch in normalise_code(code) if ch.isalnum())


def _format(raw: str) -> str:
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def setup_code(session: Session) -> str | None:
    """The current set-up code, made (file mode 0600) and printed to the server log when
    needed; None (and no file) when an active administrator exists."""
    path = code_path()
    if not needs_first_admin(session):
        discard_setup_code()
        return None
    code = _read(path)
    if code is None:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fresh = _format("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)))
        tmp = path.with_name(f"{path.name}.{secrets.token_hex(6)}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(fresh + "\n")
        try:
            os.link(tmp, path)  # atomic "create if absent": two first visits agree on one code
        except FileExistsError:
            if _read(path) is None:  # a damaged file: replace it
                os.replace(tmp, path)
        except OSError:  # a file system without hard links
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        code = _read(path) or fresh
    os.chmod(path, 0o600)
    if code not in _announced:
        _announced.add(code)
        print(
            "Klaskaart: no administrator yet. First-run set-up code (give it on the set-up "
            f"screen; also in {path}): {code}",
            file=sys.stderr,
            flush=True,
        )
    return code


def _read(path: Path) -> str | None:
    """The code in ``path`` (formatted), or None when there is no valid one."""
    try:
        raw = _normalise(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return _format(raw) if len(raw) == CODE_LENGTH else None


def discard_setup_code() -> None:
    """Delete the code file (an administrator exists now)."""
    code_path().unlink(missing_ok=True)


def create_first_admin(
    session: Session, code: str, username: str, password: str, display_name: str = ""
) -> User:
    """Create the first administrator if ``code`` is the set-up code and no active
    administrator exists; the caller commits, then calls ``discard_setup_code``.

    Raises ``AccountError`` (``first_run.done``, ``first_run.wrong_code`` or the checks of
    ``create_user``); nothing is written then.
    """
    if not needs_first_admin(session):
        raise AccountError(key="first_run.done")
    expected = setup_code(session) or ""
    given = _normalise(code or "")
    # Constant time: compare_digest on equal-length digests of both codes.
    if not hmac.compare_digest(
        hmac.digest(b"klaskaart-setup", given.encode(), "sha256"),
        hmac.digest(b"klaskaart-setup", _normalise(expected).encode(), "sha256"),
    ) or not given:
        raise AccountError(key="first_run.wrong_code")
    return create_user(
        session, username, password, "admin", display_name=display_name, via="first_run"
    )
