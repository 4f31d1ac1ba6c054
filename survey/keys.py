"""The server secret and the keyed hashes made with it.

``server_secret()`` is ``KLASKAART_SECRET`` when set, else a random key created once in
``data/secret_key`` (mode 0600; ``KLASKAART_SECRET_FILE`` moves it). The secret must be
**stable** (keep it across restarts and upgrades, back it up apart from the database) and
**shared** by every replica serving one database: child login cards are derived from it and
looked up by a keyed hash of it (survey.tokens), so a new secret makes every printed card
stop working. Adult log-in sessions do not depend on it (survey.sessions).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from survey import settings


def secret_file() -> Path:
    return settings.current().secret_file


def server_secret() -> bytes:
    """``KLASKAART_SECRET`` (set it when several replicas serve one database), else a random
    key created once in ``data/secret_key`` (readable by the owner only)."""
    env = settings.current().secret
    if env:
        return env.encode()
    return _file_secret(str(secret_file()))


@functools.lru_cache(maxsize=4)
def _file_secret(name: str) -> bytes:
    """The secret in file ``name``, made first when missing (read once per process)."""
    path = Path(name)
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first: use theirs
            pass
        else:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
    return path.read_text().strip().encode()


@functools.lru_cache(maxsize=8)
def _subkey(secret: bytes, purpose: str) -> bytes:
    return hmac.new(secret, f"klaskaart/{purpose}/v1".encode(), hashlib.sha256).digest()


def keyed(purpose: str, data: bytes | str) -> bytes:
    """HMAC-SHA256 of ``data`` under a key derived from the server secret for ``purpose``
    (domain separation: a value made for one purpose is worthless for another)."""
    if isinstance(data, str):
        data = data.encode()
    return hmac.new(_subkey(server_secret(), purpose), data, hashlib.sha256).digest()


# ------------------------------------------------------------------ child login cards
# A card is derived from a random ``seed`` stored with it: the token in the QR code and the
# short code a child types are HMACs of the seed under the server secret, and the database
# finds a typed value by its keyed digest. The database alone (a backup, a dump) therefore
# holds no token and no code; the server recomputes both to print a card again.

# 26 signs a child cannot mix up on a card: Crockford's base32 (no I, L, O, U) without the
# pairs that still look alike in print or handwriting: S/5, Z/2, B/8, G/6, D/0 and Q/0.
SHORT_ALPHABET = "0123456789ACEFHJKMNPRTVWXY"
SHORT_LENGTH = 8  # 26**8: 37.6 bits (typing is rate limited: survey.throttle)
# What a typed look-alike means: read as the sign the card shows (case-insensitively).
_LOOK_ALIKES = str.maketrans("OQDILSZBGU", "000115286V")


def normalise_code(typed: str) -> str:
    """A typed short code as the card means it: upper case, spaces and dashes out, and
    look-alikes read as the card's sign (O, Q, D → 0; I, L → 1; S → 5; Z → 2; B → 8;
    G → 6; U → V).

    >>> normalise_code(" v9s3-t45y "), normalise_code("hoiz"), normalise_code("ubgq")
    ('V953T45Y', 'H012', 'V860')
    """
    text = "".join((typed or "").split()).replace("-", "").upper()
    return text.translate(_LOOK_ALIKES)


def new_seed() -> str:
    return secrets.token_hex(16)


def child_token(seed: str) -> str:
    """The card's token (32 URL-safe characters, 192 bits) for ``seed``."""
    return base64.urlsafe_b64encode(keyed("child-token", seed)[:24]).decode()


def child_code(seed: str) -> str:
    """The card's short code (SHORT_LENGTH signs of SHORT_ALPHABET) for ``seed``."""
    number = int.from_bytes(keyed("child-code", seed)[:16], "big")  # 128 bits: no bias
    signs = []
    for _ in range(SHORT_LENGTH):
        number, sign = divmod(number, len(SHORT_ALPHABET))
        signs.append(SHORT_ALPHABET[sign])
    return "".join(signs)


def tablet_token(seed: str) -> str:
    """A class tablet's token (32 URL-safe characters, 192 bits) for ``seed``; its own
    purpose, so no tablet token is ever a child's token or the other way round."""
    return base64.urlsafe_b64encode(keyed("class-tablet", seed)[:24]).decode()


def pin_digest(tablet_seed: str, pin: str) -> str:
    """What the database keeps of a class tablet's PIN: a keyed hash bound to the tablet."""
    return keyed("tablet-pin", f"{tablet_seed}:{pin.strip()}").hex()


def token_digest(token: str) -> str:
    """What the database keeps to find a token: a keyed hash (hex)."""
    return keyed("child-token-lookup", token).hex()


def code_digest(code: str) -> str:
    """What the database keeps to find a short code (``normalise_code``d): a keyed hash."""
    return keyed("child-code-lookup", normalise_code(code)).hex()


def legacy_code_digest(code: str) -> str:
    """The digest of a code printed before the look-alike-free alphabet (upper case only):
    such a card's typed code keeps working until the wave's cards are next made
    (``survey.tokens.issue_tokens`` then stores the digest of its new code)."""
    return keyed("child-code-lookup", code.strip().upper()).hex()
