"""Teacher pages: class set-up, roster import, waves, login cards, ratings. Messages (nl and en)."""

MESSAGES: dict[str, dict[str, str]] = {}
