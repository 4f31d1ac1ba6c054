"""Audit trail: who did what to which object, appended in the same transaction as the change."""

from __future__ import annotations

from sqlalchemy.orm import Session

from survey.models import AuditEvent


def record(
    session: Session,
    action: str,
    *,
    user_id: int | None = None,
    object_type: str = "",
    object_id: object = "",
    **detail: object,
) -> None:
    """Add an audit event (e.g. ``record(s, "login", user_id=3)``); the caller commits."""
    session.add(
        AuditEvent(
            user_id=user_id,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            detail={k: v for k, v in detail.items() if v is not None},
        )
    )
