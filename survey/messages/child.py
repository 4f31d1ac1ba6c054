"""Child kiosk: the tablet survey (relationship items, nominations). Messages (nl and en)."""

MESSAGES: dict[str, dict[str, str]] = {}
