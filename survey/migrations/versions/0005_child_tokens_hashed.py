"""child tokens at rest: a random seed and keyed digests instead of the token and short code

Existing rows keep working: their token and short code are replaced by keyed digests of
the same values (HMAC-SHA256 under the server secret, survey.keys), and they get no seed,
so their cards cannot be printed again (survey.tokens gives them a new seed when the
wave's cards are next needed). Run it with the server's ``KLASKAART_SECRET`` (or its
``data/secret_key``): digests made under another secret find nothing.

On SQLite, ``secure_delete`` overwrites the old rows' pages during the conversion, so the
plain values do not linger in free pages of the file.

Downgrade recomputes the plain token and code of rows with a seed; rows without one get
new random values (their cards stop working).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 11:00:00
"""

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from survey import keys

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

tokens = sa.table(
    "child_tokens",
    sa.column("id", sa.Integer), sa.column("token", sa.String), sa.column("short_code", sa.String),
    sa.column("seed", sa.String), sa.column("token_hash", sa.String),
    sa.column("code_hash", sa.String),
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":  # the old values are not left in free pages
        op.execute("PRAGMA secure_delete = ON")
    with op.batch_alter_table("child_tokens") as batch:
        batch.add_column(sa.Column("seed", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("token_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("code_hash", sa.String(length=64), nullable=True))
    conn = op.get_bind()
    for row in conn.execute(sa.select(tokens.c.id, tokens.c.token, tokens.c.short_code)).all():
        conn.execute(tokens.update().where(tokens.c.id == row.id).values(
            token_hash=keys.token_digest(row.token), code_hash=keys.code_digest(row.short_code)))
    with op.batch_alter_table("child_tokens") as batch:
        batch.drop_constraint(op.f("uq_child_tokens_token"), type_="unique")
        batch.drop_constraint(op.f("uq_child_tokens_short_code"), type_="unique")
        batch.drop_column("token")
        batch.drop_column("short_code")
        batch.alter_column("token_hash", existing_type=sa.String(length=64), nullable=False)
        batch.alter_column("code_hash", existing_type=sa.String(length=64), nullable=False)
        batch.create_unique_constraint(op.f("uq_child_tokens_token_hash"), ["token_hash"])
        batch.create_unique_constraint(op.f("uq_child_tokens_code_hash"), ["code_hash"])


def downgrade() -> None:
    with op.batch_alter_table("child_tokens") as batch:
        batch.add_column(sa.Column("token", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("short_code", sa.String(length=12), nullable=True))
    conn = op.get_bind()
    for row in conn.execute(sa.select(tokens.c.id, tokens.c.seed)).all():
        if row.seed:
            token, code = keys.child_token(row.seed), keys.child_code(row.seed)
        else:
            token = secrets.token_urlsafe(24)
            code = "".join(secrets.choice(keys.SHORT_ALPHABET) for _ in range(keys.SHORT_LENGTH))
        conn.execute(tokens.update().where(tokens.c.id == row.id).values(
            token=token, short_code=code))
    with op.batch_alter_table("child_tokens") as batch:
        batch.drop_constraint(op.f("uq_child_tokens_token_hash"), type_="unique")
        batch.drop_constraint(op.f("uq_child_tokens_code_hash"), type_="unique")
        batch.drop_column("seed")
        batch.drop_column("token_hash")
        batch.drop_column("code_hash")
        batch.alter_column("token", existing_type=sa.String(length=64), nullable=False)
        batch.alter_column("short_code", existing_type=sa.String(length=12), nullable=False)
        batch.create_unique_constraint(op.f("uq_child_tokens_token"), ["token"])
        batch.create_unique_constraint(op.f("uq_child_tokens_short_code"), ["short_code"])
