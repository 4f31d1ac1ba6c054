"""Command line for storage chores: ``python -m survey migrate``, ``create-user``,
``install-wording`` and ``remove-wording``.

``create-user`` asks for the password twice, checks the scope (``survey.accounts.create_user``:
the school and classes must exist and the classes be of that school) and audits the new
account (``access.user_created``, via the command line); it is also how an installer makes
the first administrator (``--role admin``), which ends the app's first-run set-up.
Errors print in Dutch when ``LANG`` starts with ``nl``, else in English.

The demo school is seeded by ``python -m sample_data.seed`` (``make run`` does both; the
demo goes only into an empty embedded database, never into ``DATABASE_URL``).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from survey import migrate, settings
from survey.accounts import AccountError, create_user
from survey.db import database_url, make_engine, session_scope
from survey.first_admin import discard_setup_code, needs_first_admin
from survey.instruments import PackError, install_wording, remove_wording
from survey.instruments.installed import LICENSABLE
from survey.models import ROLES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m survey", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="create or upgrade the database schema (Alembic)")
    user = sub.add_parser("create-user", help="add an account (asks for the password)")
    user.add_argument("username")
    user.add_argument("--role", choices=ROLES, required=True)
    user.add_argument("--school-id", type=int)
    user.add_argument("--class-id", type=int, action="append", default=[])
    user.add_argument("--name", default="")
    wording = sub.add_parser(
        "install-wording", help="install licensed item wording (CSV: item_id,language,text)"
    )
    wording.add_argument("pack", choices=LICENSABLE)
    wording.add_argument("csv_file")
    remove = sub.add_parser("remove-wording", help="return to the project's own wording")
    remove.add_argument("pack", choices=LICENSABLE)
    args = parser.parse_args(argv)

    if args.command == "install-wording":
        path = Path(args.csv_file)
        try:
            pack = install_wording(args.pack, path.read_bytes(), path.name)
        except (OSError, PackError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(f"{args.pack} pack now uses {pack.wording_source} (new waves record it)")
        return 0
    if args.command == "remove-wording":
        remove_wording(args.pack)
        print(f"{args.pack} pack uses the project's own wording again")
        return 0

    if args.command == "migrate":
        migrate.upgrade()
        print(f"database is up to date: {database_url().split('@')[-1]}")
        return 0
    password = getpass.getpass("password: ")
    if getpass.getpass("repeat password: ") != password:
        print("error: the two passwords differ; nothing was saved", file=sys.stderr)
        return 2
    engine = make_engine()
    try:
        with session_scope(engine) as session:
            create_user(
                session,
                args.username,
                password,
                args.role,
                display_name=args.name,
                school_id=args.school_id,
                class_ids=tuple(args.class_id),
                via="cli",
            )
        with session_scope(engine) as session:
            if not needs_first_admin(session):
                discard_setup_code()  # the first-run set-up is over
    except AccountError as exc:
        print(f"error: {exc.text(cli_language())}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(f"user {args.username.strip().lower()} created")
    return 0


def cli_language() -> str:
    """Dutch when the shell's ``LANG`` says so, else English."""
    return settings.current().cli_language


if __name__ == "__main__":
    raise SystemExit(main())
