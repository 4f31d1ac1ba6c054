"""Column contracts between storage, the sample generator and the analysis functions.

Every analysis function takes and returns pandas DataFrames whose columns are listed
here. ``survey/dataset.py`` (storage → frames) and ``sample_data/generator.py``
(synthetic data → frames) both produce exactly these frames, so analysis never needs
to know where the data came from.

Identifiers (``wave_id``, ``class_id``, ``pupil_id``, ``rater_id``, ``target_id``) are
hashable scalars: integers from the database, strings from imported research files.

Input frames
------------
ROSTER            one row per consented pupil per wave (non-consented pupils never appear):
                  wave_id, class_id, pupil_id, gender ('m' | 'f' | 'x'), present (bool:
                  False when the teacher marked the pupil absent for this wave).
ANSWERS           raw item answers, one row per answered item (a skipped item has no row,
                  or a NaN value): wave_id, pupil_id, item_id, value (float).
                  Used for both child answers (CARTS pack) and teacher ratings (STRS pack).
SCORING_KEY       from ``survey.instruments.scoring_key(pack)``: item_id, dimension,
                  reverse (bool), scale_min, scale_max. A reverse-keyed value v becomes
                  scale_min + scale_max - v.
NOMINATIONS       one row per (wave, question, rater, target): wave_id, class_id,
                  question_id, rater_id, target_id. ``target_id`` is missing (None/NA)
                  for an explicit "nobody" answer. A rater with at least one row for a
                  question took part in that question.
QUESTIONS         from ``survey.instruments``: question_id, kind ('liking', 'disliking',
                  'teacher_likes', 'teacher_angry', 'prosocial', 'aggressive'), polarity
                  ('positive' | 'negative').

Output frames are documented in the module that makes them.
"""

from __future__ import annotations

import pandas as pd

from survey.i18n import KeyedError

ROSTER = ("wave_id", "class_id", "pupil_id", "gender", "present")
ANSWERS = ("wave_id", "pupil_id", "item_id", "value")
SCORING_KEY = ("item_id", "dimension", "reverse", "scale_min", "scale_max")
NOMINATIONS = ("wave_id", "class_id", "question_id", "rater_id", "target_id")
QUESTIONS = ("question_id", "kind", "polarity")


class FrameError(KeyedError):
    """A frame handed to an analysis function lacks columns its contract requires
    (``frame.missing_columns``, a keyed error of survey.i18n)."""


def require_columns(frame: pd.DataFrame, columns: tuple[str, ...], name: str) -> None:
    """Raise FrameError naming every missing column of ``frame`` (called ``name``).

    >>> require_columns(pd.DataFrame({"a": [1]}), ("a",), "demo")
    """
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise FrameError("frame.missing_columns", name=name, columns=", ".join(missing))


def configure_pandas() -> None:
    """Set the process-wide pandas options Klaskaart's programs run with.

    Called once at start-up by the programs (the app's router, ``python -m analysis``,
    the benchmark, the test session) — never on import, so a researcher who imports
    ``analysis`` into a notebook keeps their own settings.

    ``mode.string_storage = "python"``: pandas 3 keeps text columns (and the column
    labels of every frame) in pyarrow arrays by default. Results are identical with
    Python-object storage (the same ``str`` dtype and missing-value semantics), but the
    per-operation cost on the small frames of one class is lower: the one-class pipeline
    runs about a quarter faster (``bench/analysis_scale.py`` prints both), and the
    1,000-class run is not slower. Frames made before the call keep their storage.
    """
    pd.set_option("mode.string_storage", "python")
