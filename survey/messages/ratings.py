"""Teacher ratings pages (per pupil and grid). Messages (nl and en)."""

MESSAGES: dict[str, dict[str, str]] = {}
