"""Column lengths that code outside the storage layer must know without importing it.

``survey.instruments`` may not import ``survey.models`` (analysis reads the packs, and
analysis stays free of storage), yet a pack's ``wording_source`` is stored in columns of
this length, so the length lives here and ``survey.models`` declares those columns with it.
Every other limit is read from the model itself (``Model.__table__.c.<name>.type.length``).
"""

#: ``Wave.teacher_wording`` / ``child_wording`` and ``*.wording_source``: "own:teacher@1",
#: "licensed:<file name>:<12 hex digits>".
WORDING_SOURCE_LENGTH = 200
