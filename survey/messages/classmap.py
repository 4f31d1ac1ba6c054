"""Class map, pupil profile, counsellor overview and exports. Messages (nl and en)."""

MESSAGES: dict[str, dict[str, str]] = {}
