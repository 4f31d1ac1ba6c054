"""Seeded generator of a realistic demo school with known, planted effects.

The generator produces the frames of :mod:`analysis.frames` (ROSTER, ANSWERS,
NOMINATIONS) plus the descriptive tables a database would hold (classes, pupils,
waves) and the latent ``truth`` behind every answer, so tests and the documentation
can check that analyses recover what was planted. Everything is pure and
deterministic for a seed: no database, no global random state.

The model (constants in :class:`ModelParams`, sizes documented in docs/research.md
(Demo data)):

* teacher-side latents per pupil: conflict (boys a little higher, a right tail of
  pupils with a clearly strained relationship), closeness correlated ≈ −.4 with
  conflict, dependency mildly positive with conflict;
* child-side latents agree moderately with the teacher's (closeness .35, conflict .45);
* peer acceptance = −β·teacher conflict + noise (social referencing);
* every latent is stable across waves at .7 (wave w+1 = .7·wave w + innovation);
* items = latent + noise, rounded and clipped to the scale; ``strs_cl05`` reverse-keyed;
* nominations are sampled without replacement with probability ∝ exp(utility)
  (Gumbel top-k), from a symmetric friendship affinity (reciprocity), a same-gender
  bonus and the target's acceptance / teacher closeness / teacher conflict.

>>> demo = generate_demo_school(2026)
>>> len(demo.classes), demo.waves.groupby("class_id").size().tolist()
(3, [2, 2, 2])
>>> (demo.pupils["consent"] == "refused").sum()
np.int64(1)
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.frames import ANSWERS, NOMINATIONS, ROSTER
from sample_data.names import BACKGROUNDS, TEACHERS

# --------------------------------------------------------------------------- items

#: Teacher rating items (STRS structure, values 1..5), in pack order.
TEACHER_ITEMS: dict[str, tuple[str, ...]] = {
    "closeness": tuple(f"strs_cl{i:02d}" for i in range(1, 12)),
    "conflict": tuple(f"strs_cf{i:02d}" for i in range(1, 13)),
    "dependency": tuple(f"strs_dp{i:02d}" for i in range(1, 6)),
}
#: Teacher items whose raw value runs against their dimension (high = LOW closeness).
TEACHER_REVERSE: frozenset[str] = frozenset({"strs_cl05"})
#: Child items (CARTS structure, four-point 1..4), in pack order; practice item first.
CHILD_PRACTICE = "carts_practice"
CHILD_ITEMS: dict[str, tuple[str, ...]] = {
    "closeness": tuple(f"carts_cl{i:02d}" for i in range(1, 7)),
    "conflict": tuple(f"carts_cf{i:02d}" for i in range(1, 7)),
    "dependency": tuple(f"carts_dp{i:02d}" for i in range(1, 6)),
}
#: Nomination questions used in the demo waves (question_id == kind).
QUESTION_IDS: tuple[str, ...] = ("liked_most", "liked_least", "teacher_likes", "teacher_angry")

TRUTH_COLUMNS = (
    "wave_id", "pupil_id", "t_closeness", "t_conflict", "t_dependency",
    "c_closeness", "c_conflict", "c_dependency", "acceptance",
)
SCHOOL_YEAR = 2026  # first wave is "najaar 2026"


def teacher_item_ids() -> list[str]:
    """All teacher item ids in pack order (28 items)."""
    return [i for items in TEACHER_ITEMS.values() for i in items]


def child_item_ids(include_practice: bool = True) -> list[str]:
    """All child item ids in pack order (17 scored items, plus the practice item first)."""
    scored = [i for items in CHILD_ITEMS.values() for i in items]
    return [CHILD_PRACTICE, *scored] if include_practice else scored


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class ModelParams:
    """Every planted effect of the generator, in one place (see docs/research.md (Demo data)).

    Latents are on a standard-normal scale. ``*_r`` are latent correlations,
    ``*_weight`` / ``*_bonus`` are logits in the nomination choice model.
    """

    boy_conflict_shift: float = 0.2       # t_conflict +.2 boys, −.2 girls (d ≈ .4)
    conflict_tail_prob: float = 0.12      # share of pupils with a strained relationship
    conflict_tail_size: float = 1.5       # their extra conflict (before standardising)
    closeness_conflict_r: float = -0.4
    dependency_conflict_r: float = 0.25
    stability: float = 0.7                # wave-to-wave autocorrelation of every latent
    agreement_closeness_r: float = 0.35   # teacher vs child latent
    agreement_conflict_r: float = 0.45
    agreement_dependency_r: float = 0.25
    acceptance_conflict_beta: float = 0.55  # acceptance = −β·t_conflict + √(1−β²)·noise
    skip_rate_teacher: float = 0.01
    skip_rate_child: float = 0.015
    absent_per_class: tuple[int, int] = (1, 2)  # inclusive range per class per wave
    # nominations
    acceptance_weight: float = 1.3        # liked_most: + acceptance of target
    same_gender_bonus: float = 1.5
    affinity_sd: float = 2.8              # symmetric friendship affinity (reciprocity)
    disliking_acceptance_weight: float = 1.3  # liked_least: − acceptance of target
    disliking_conflict_weight: float = 0.5    # liked_least: + teacher conflict of target
    disliking_affinity_weight: float = 0.5    # liked_least: − friendship affinity
    teacher_likes_weight: float = 1.2     # teacher_likes: + t_closeness of target
    teacher_angry_weight: float = 1.5     # teacher_angry: + t_conflict of target
    liking_nobody_prob: float = 0.03
    liking_picks: tuple[int, int] = (3, 5)
    # probabilities of choosing 0 ("nobody"), 1, 2, 3 classmates
    disliking_k_probs: tuple[float, float, float, float] = (0.2, 0.3, 0.3, 0.2)
    teacher_likes_k_probs: tuple[float, float, float, float] = (0.15, 0.3, 0.3, 0.25)
    teacher_angry_k_probs: tuple[float, float, float, float] = (0.25, 0.35, 0.25, 0.15)


PARAMS = ModelParams()

# Item response model: value = round(mean + offset_k + loading·latent + noise_sd·ε).
# (mean, loading, noise_sd) per dimension; offsets are fixed item "difficulties".
_TEACHER_RESPONSE = {
    "closeness": (4.0, 0.75, 0.6),
    "conflict": (1.9, 0.8, 0.55),
    "dependency": (2.2, 0.6, 0.65),
}
_CHILD_RESPONSE = {
    "closeness": (3.1, 0.55, 0.6),
    "conflict": (1.8, 0.55, 0.55),
    "dependency": (2.2, 0.5, 0.6),
}
_OFFSETS = np.random.default_rng(20260923).uniform(-0.3, 0.3, size=64)

LATENT_NAMES = (
    "t_closeness", "t_conflict", "t_dependency",
    "c_closeness", "c_conflict", "c_dependency", "acceptance",
)


@dataclass
class DemoSchool:
    """One generated school: descriptive tables, analysis frames and the latent truth.

    ``roster``, ``child_answers``, ``teacher_answers`` and ``nominations`` follow
    :mod:`analysis.frames` exactly (ROSTER, ANSWERS, ANSWERS, NOMINATIONS).
    """

    school: dict
    classes: pd.DataFrame
    pupils: pd.DataFrame
    waves: pd.DataFrame
    roster: pd.DataFrame
    child_answers: pd.DataFrame
    teacher_answers: pd.DataFrame
    nominations: pd.DataFrame
    truth: pd.DataFrame


# --------------------------------------------------------------------------- public API


def generate_demo_school(seed: int = 2026) -> DemoSchool:
    """The demo school: 3 classes (groep 5, 6, 7; ages 8–11), 21–29 pupils each, 2 waves.

    Exactly one pupil has refused consent and appears in no frame; 1–2 pupils per class
    are absent in each wave; the second wave of the last class is still open.

    >>> demo = generate_demo_school()
    >>> demo.classes["name"].tolist()
    ['Groep 5a', 'Groep 6b', 'Groep 7a']
    """
    rng = np.random.default_rng(seed)
    sizes = rng.integers(21, 30, size=3)
    classes = pd.DataFrame({
        "class_id": np.arange(1, 4, dtype=np.int64),
        "name": ["Groep 5a", "Groep 6b", "Groep 7a"],
        "grade": np.array([5, 6, 7], dtype=np.int64),
        "teacher_name": ["juf Fatima", "meester Jeroen", "juf Marieke"],
        "age_band": "8-12",
    })
    n_total = int(sizes.sum())
    refused = np.zeros(n_total, dtype=bool)
    refused[rng.integers(n_total)] = True
    school = {"name": "Basisschool De Regenboog", "consent_mode": "opt_in"}
    return _build(school, classes, sizes, 2, rng, refused, open_last=True, demo=True)


def generate_classes(
    n_classes: int, pupils_per_class: int = 25, n_waves: int = 2, seed: int = 0
) -> DemoSchool:
    """The same model at scale, for benchmarks and effect-recovery tests.

    Every class has ``pupils_per_class`` pupils (grades cycle 5, 6, 7, 8); about 2% of
    pupils refuse consent; all waves are closed. Ids never collide across tables.

    >>> big = generate_classes(4, 20, seed=1)
    >>> len(big.classes), len(big.pupils), len(big.waves)
    (4, 80, 8)
    """
    if n_classes < 1 or pupils_per_class < 3 or n_waves < 1:
        raise ValueError("need n_classes >= 1, pupils_per_class >= 3, n_waves >= 1")
    rng = np.random.default_rng(seed)
    grades = 5 + np.arange(n_classes) % 4
    classes = pd.DataFrame({
        "class_id": np.arange(1, n_classes + 1, dtype=np.int64),
        "name": [f"Groep {g}{_suffix(i // 4)}" for i, g in enumerate(grades)],
        "grade": grades.astype(np.int64),
        "teacher_name": [TEACHERS[i % len(TEACHERS)] for i in range(n_classes)],
        "age_band": "8-12",
    })
    sizes = np.full(n_classes, pupils_per_class)
    refused = rng.random(int(sizes.sum())) < 0.02
    # keep at least 3 consented pupils per class so every class can nominate
    refused.reshape(n_classes, pupils_per_class)[:, :3] = False
    school = {"name": "Benchmarkschool", "consent_mode": "opt_in"}
    return _build(school, classes, sizes, n_waves, rng, refused, open_last=False, demo=False)


def example_roster(n_pupils: int = 24, grade: int = 6, seed: int = 606) -> pd.DataFrame:
    """A roster of a new class as a Dutch school administration system exports it.

    Columns: Voornaam, Tussenvoegsel, Achternaam, Geslacht ('J' jongen / 'M' meisje),
    Geboortedatum ('dd-mm-jjjj'), Leerlingnummer (text). Used by
    ``python -m sample_data.make_rosters``.

    >>> example_roster(3).columns.tolist()[:3]
    ['Voornaam', 'Tussenvoegsel', 'Achternaam']
    """
    rng = np.random.default_rng(seed)
    gender = np.where(rng.random(n_pupils) < 0.5, "m", "f")
    first, tv, last = _sample_names(rng, gender, np.zeros(n_pupils, dtype=np.int64))
    birth = _birth_dates(rng, np.full(n_pupils, grade))
    order = np.lexsort(([_sort_key(f) for f in first], [_sort_key(n) for n in last]))
    numbers = 4000 + rng.choice(6000, size=n_pupils, replace=False)
    return pd.DataFrame({
        "Voornaam": first[order],
        "Tussenvoegsel": tv[order],
        "Achternaam": last[order],
        "Geslacht": np.where(gender[order] == "m", "J", "M"),
        "Geboortedatum": [d.strftime("%d-%m-%Y") for d in birth[order]],
        "Leerlingnummer": [str(n) for n in numbers[order]],
    })


# --------------------------------------------------------------------------- building


def _sort_key(name: str) -> str:
    """Alphabetical key ignoring case and diacritics: 'Çelik' sorts with 'Celik'."""
    decomposed = unicodedata.normalize("NFKD", name.replace("ı", "i"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _suffix(i: int) -> str:
    """Class letter(s): 0 → 'a', 25 → 'z', 26 → 'ba' (only matters for benchmarks)."""
    letters = ""
    while True:
        letters = chr(ord("a") + i % 26) + letters
        i //= 26
        if i == 0:
            return letters


def _build(
    school: dict,
    classes: pd.DataFrame,
    sizes: np.ndarray,
    n_waves: int,
    rng: np.random.Generator,
    refused: np.ndarray,
    *,
    open_last: bool,
    demo: bool,
) -> DemoSchool:
    """Assemble every table for the given classes; see the module docstring for the model."""
    r_people, r_latent, r_absent, r_items, r_noms = rng.spawn(5)
    n_classes = len(classes)
    n = int(sizes.sum())
    cls = np.repeat(np.arange(n_classes), sizes)                     # class index per pupil
    pos = np.arange(n) - np.repeat(np.cumsum(sizes) - sizes, sizes)  # position in class

    # ids: classes 1..C, waves C+1..C+C·W, pupils after that — disjoint ranges
    class_ids = classes["class_id"].to_numpy()
    wave_ids = (n_classes + 1 + np.arange(n_classes * n_waves)).reshape(n_classes, n_waves)
    pupil_ids = n_classes + n_classes * n_waves + 1 + np.arange(n, dtype=np.int64)

    pupils = _pupils(r_people, classes, cls, pupil_ids, refused, demo)
    waves = _waves(class_ids, wave_ids, open_last)
    consented = ~refused
    gender = pupils["gender"].to_numpy()

    latents = _latents(r_latent, gender, n_waves)   # (W, 7, N)
    absent = _absentees(r_absent, cls, consented, n_classes, n_waves)  # (W, N)

    rosters, teacher, child, noms, truth = [], [], [], [], []
    c_idx = np.flatnonzero(consented)
    nmax = int(sizes.max())
    affinity = _fresh_affinity(r_noms, n_classes, nmax)
    for w in range(n_waves):
        if w:  # friendships are stable too: A_{w+1} = .7·A_w + √(1−.7²)·fresh
            fresh = _fresh_affinity(r_noms, n_classes, nmax)
            affinity = PARAMS.stability * affinity + np.sqrt(1 - PARAMS.stability**2) * fresh
        wid = wave_ids[cls, w]
        present = consented & ~absent[w]
        rosters.append(pd.DataFrame({
            "wave_id": wid[c_idx], "class_id": class_ids[cls[c_idx]],
            "pupil_id": pupil_ids[c_idx], "gender": gender[c_idx],
            "present": present[c_idx],
        }))
        truth.append(pd.DataFrame(
            {"wave_id": wid[c_idx], "pupil_id": pupil_ids[c_idx]}
            | {name: latents[w, k, c_idx] for k, name in enumerate(LATENT_NAMES)}
        ))
        teacher.append(_answers(
            r_items, latents[w, :3], c_idx, wid, pupil_ids, TEACHER_ITEMS,
            _TEACHER_RESPONSE, (1, 5), PARAMS.skip_rate_teacher, TEACHER_REVERSE, None,
        ))
        p_idx = np.flatnonzero(present)
        child.append(_answers(
            r_items, latents[w, 3:6], p_idx, wid, pupil_ids, CHILD_ITEMS,
            _CHILD_RESPONSE, (1, 4), PARAMS.skip_rate_child, frozenset(), CHILD_PRACTICE,
        ))
        noms.append(_nominations(
            r_noms, latents[w], cls, pos, sizes, consented, present, gender,
            pupil_ids, class_ids, wave_ids[:, w], affinity,
        ))
    return DemoSchool(
        school=dict(school),
        classes=classes,
        pupils=pupils,
        waves=waves,
        roster=_concat(rosters, ROSTER),
        child_answers=_concat(child, ANSWERS),
        teacher_answers=_concat(teacher, ANSWERS),
        nominations=_sort_nominations(_concat(noms, NOMINATIONS)),
        truth=_concat(truth, TRUTH_COLUMNS),
    )


def _concat(frames: list[pd.DataFrame], columns: tuple[str, ...]) -> pd.DataFrame:
    """Concatenate per-wave frames, order rows by wave_id (stable), keep exactly ``columns``."""
    out = pd.concat(frames, ignore_index=True).loc[:, list(columns)]
    return out.sort_values("wave_id", kind="stable", ignore_index=True)


def _sort_nominations(noms: pd.DataFrame) -> pd.DataFrame:
    """Order by wave, question (pack order), rater, target ("nobody" last)."""
    q = noms["question_id"].map({q: i for i, q in enumerate(QUESTION_IDS)}).to_numpy()
    target = noms["target_id"].fillna(-1).to_numpy(dtype=np.int64)
    order = np.lexsort((target, noms["rater_id"].to_numpy(), q, noms["wave_id"].to_numpy()))
    return noms.iloc[order].reset_index(drop=True)


def _sample_names(
    rng: np.random.Generator, gender: np.ndarray, cls: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """First name, tussenvoegsel and last name per pupil, coherent within a background.

    First names are drawn with weights ∝ 1/(rank + 4) so popular names repeat within a
    class, but (class, first name, last-name initial) is unique, so "Noëlle S." and
    "Noëlle H." can always be told apart.
    """
    n = len(gender)
    keys = list(BACKGROUNDS)
    weights = np.array([BACKGROUNDS[k]["weight"] for k in keys])
    bg = rng.choice(len(keys), size=n, p=weights / weights.sum())
    first = np.empty(n, dtype=object)
    tv = np.empty(n, dtype=object)
    last = np.empty(n, dtype=object)
    todo = np.ones(n, dtype=bool)
    for _ in range(50):
        _draw_names(rng, gender, bg, todo, first, tv, last)
        initials = pd.Series(last, dtype=object).str[0]
        todo = pd.DataFrame({"c": cls, "f": first, "i": initials}).duplicated().to_numpy()
        if not todo.any():
            break
    return first, tv, last


def _draw_names(
    rng: np.random.Generator, gender: np.ndarray, bg: np.ndarray, todo: np.ndarray,
    first: np.ndarray, tv: np.ndarray, last: np.ndarray,
) -> None:
    """Fill first/tv/last in place for the pupils where ``todo`` is True."""
    for b, key in enumerate(BACKGROUNDS):
        data = BACKGROUNDS[key]
        in_bg = (bg == b) & todo
        for names, sel in (
            (data["boys"], in_bg & (gender == "m")),
            (data["girls"], in_bg & (gender == "f")),
            (data["boys"] + data["girls"], in_bg & (gender == "x")),
        ):
            w = 1.0 / (np.arange(len(names)) + 4.0)
            first[sel] = np.asarray(names, dtype=object)[
                rng.choice(len(names), size=int(sel.sum()), p=w / w.sum())
            ]
        surnames = data["surnames"]
        pick = rng.integers(len(surnames), size=int(in_bg.sum()))
        tv[in_bg] = np.array([s[0] for s in surnames], dtype=object)[pick]
        last[in_bg] = np.array([s[1] for s in surnames], dtype=object)[pick]


def _birth_dates(rng: np.random.Generator, grades: np.ndarray) -> np.ndarray:
    """Birth dates (datetime.date) so that a pupil in groep g is g+3 on 1 October 2026.

    Groep 5 in school year 2026/27 was born 2 Oct 2017 – 1 Oct 2018.
    """
    start = np.array(
        [np.datetime64(f"{SCHOOL_YEAR - g - 4}-10-02") for g in range(0, 13)]
    )[grades]
    days = rng.integers(0, 365, size=len(grades)).astype("timedelta64[D]")
    return (start + days).astype(object)


def _pupils(
    rng: np.random.Generator,
    classes: pd.DataFrame,
    cls: np.ndarray,
    pupil_ids: np.ndarray,
    refused: np.ndarray,
    demo: bool,
) -> pd.DataFrame:
    """The pupils table: names, gender, birth date, pupil number, consent."""
    n = len(cls)
    u = rng.random(n)
    gender = np.where(u < 0.495, "m", np.where(u < 0.99, "f", "x")).astype(object)
    first, tv, last = _sample_names(rng, gender, cls)
    if demo:
        _ensure_repeated_first_name(first, gender, cls, last)
    grades = classes["grade"].to_numpy()[cls]
    return pd.DataFrame({
        "pupil_id": pupil_ids,
        "class_id": classes["class_id"].to_numpy()[cls],
        "first_name": first,
        "tussenvoegsel": tv,
        "last_name": last,
        "gender": gender,
        "birth_date": _birth_dates(rng, grades),
        "pupil_number": [str(100000 + i) for i in pupil_ids],
        "consent": np.where(refused, "refused", "given"),
    })


def _ensure_repeated_first_name(first: np.ndarray, gender: np.ndarray, cls: np.ndarray,
                                last: np.ndarray) -> None:
    """Make sure the demo has two pupils with the same first name in one class.

    The copy goes to a girl of the first class whose last name starts with another
    letter, so the UI can still tell them apart by last initial.
    """
    for c in np.unique(cls):
        if pd.Series(first[cls == c]).duplicated().any():
            return
    girls = np.flatnonzero((cls == 0) & (gender == "f"))
    other = [g for g in girls[1:] if last[g][0] != last[girls[0]][0]]
    first[other[0]] = first[girls[0]]


def _waves(class_ids: np.ndarray, wave_ids: np.ndarray, open_last: bool) -> pd.DataFrame:
    """Waves per class: 'najaar 2026' (closed), 'voorjaar 2027', 'najaar 2027', ..."""
    n_classes, n_waves = wave_ids.shape
    names, starts = [], []
    for w in range(n_waves):
        year = SCHOOL_YEAR + (w + 1) // 2
        if w % 2 == 0:
            names.append(f"najaar {year}")
            starts.append(dt.date(year, 10, 5))
        else:
            names.append(f"voorjaar {year}")
            starts.append(dt.date(year, 3, 8))
    status = np.full((n_classes, n_waves), "closed", dtype=object)
    if open_last and n_waves > 1:
        status[-1, -1] = "open"
    return pd.DataFrame({
        "wave_id": wave_ids.ravel(),
        "class_id": np.repeat(class_ids, n_waves),
        "name": names * n_classes,
        "starts_on": starts * n_classes,
        "status": status.ravel(),
        "language": "nl",
    })


def _conflict_source(rng: np.random.Generator, n: int) -> np.ndarray:
    """Standardised conflict source: normal plus a right tail of strained relationships."""
    p, size = PARAMS.conflict_tail_prob, PARAMS.conflict_tail_size
    x = rng.standard_normal(n) + size * ((rng.random(n) < p) - p)
    return x / np.sqrt(1.0 + size**2 * p * (1 - p))


def _latents(rng: np.random.Generator, gender: np.ndarray, n_waves: int) -> np.ndarray:
    """Latent scores (wave, latent, pupil) in the order of LATENT_NAMES.

    Seven independent standardised sources evolve as s_{w+1} = .7·s_w + √(1−.7²)·fresh;
    the latents are the same linear combinations of the sources in every wave, so the
    cross-sectional correlations are constant and each latent has stability .7.
    """
    p = PARAMS
    n = len(gender)

    def fresh() -> np.ndarray:
        src = rng.standard_normal((7, n))
        src[0] = _conflict_source(rng, n)
        return src

    shift = p.boy_conflict_shift * np.select([gender == "m", gender == "f"], [1.0, -1.0], 0.0)
    out = np.empty((n_waves, 7, n))
    src = fresh()
    for w in range(n_waves):
        if w:
            src = p.stability * src + np.sqrt(1 - p.stability**2) * fresh()
        t_cf = src[0] + shift

        def mix(r: float, base: np.ndarray, own: np.ndarray) -> np.ndarray:
            return r * base + np.sqrt(1 - r**2) * own

        t_cl = mix(p.closeness_conflict_r, src[0], src[1])
        t_dp = mix(p.dependency_conflict_r, src[0], src[2])
        out[w] = (
            t_cl, t_cf, t_dp,
            mix(p.agreement_closeness_r, t_cl, src[3]),
            mix(p.agreement_conflict_r, t_cf, src[4]),
            mix(p.agreement_dependency_r, t_dp, src[5]),
            mix(-p.acceptance_conflict_beta, t_cf, src[6]),
        )
    return out


def _absentees(
    rng: np.random.Generator, cls: np.ndarray, consented: np.ndarray, n_classes: int,
    n_waves: int,
) -> np.ndarray:
    """Boolean (wave, pupil): 1–2 consented pupils per class are absent in each wave."""
    lo, hi = PARAMS.absent_per_class
    out = np.zeros((n_waves, len(cls)), dtype=bool)
    for w in range(n_waves):
        key = np.where(consented, rng.random(len(cls)), 2.0)
        order = np.lexsort((key, cls))
        starts = np.searchsorted(cls[order], np.arange(n_classes))
        rank = np.empty(len(cls), dtype=np.int64)
        rank[order] = np.arange(len(cls)) - np.repeat(starts, np.bincount(cls, minlength=n_classes))
        n_absent = rng.integers(lo, hi + 1, size=n_classes)
        out[w] = consented & (rank < n_absent[cls])
    return out


def _answers(
    rng: np.random.Generator,
    latents: np.ndarray,
    idx: np.ndarray,
    wid: np.ndarray,
    pupil_ids: np.ndarray,
    items: dict[str, tuple[str, ...]],
    response: dict[str, tuple[float, float, float]],
    scale: tuple[int, int],
    skip_rate: float,
    reverse: frozenset[str],
    practice: str | None,
) -> pd.DataFrame:
    """Long ANSWERS frame for the pupils ``idx``: latent + noise, rounded, clipped, skipped."""
    lo, hi = scale
    blocks, ids = [], []
    for d, (dim, dim_items) in enumerate(items.items()):
        mean, loading, noise = response[dim]
        k = len(dim_items)
        raw = (mean + _OFFSETS[len(ids):len(ids) + k]
               + loading * latents[d, idx][:, None]
               + noise * rng.standard_normal((len(idx), k)))
        blocks.append(np.clip(np.rint(raw), lo, hi))
        ids.extend(dim_items)
    values = np.hstack(blocks)
    rev = np.array([i in reverse for i in ids])
    values[:, rev] = lo + hi - values[:, rev]
    keep = rng.random(values.shape) >= skip_rate
    if practice is not None:
        ids = [practice, *ids]
        values = np.hstack([rng.integers(lo, hi + 1, size=(len(idx), 1)), values])
        keep = np.hstack([np.ones((len(idx), 1), dtype=bool), keep])
    rows, cols = np.nonzero(keep)
    return pd.DataFrame({
        "wave_id": wid[idx][rows],
        "pupil_id": pupil_ids[idx][rows],
        "item_id": np.asarray(ids, dtype=object)[cols],
        "value": values[rows, cols].astype(float),
    })


def _nominations(
    rng: np.random.Generator,
    lat: np.ndarray,
    cls: np.ndarray,
    pos: np.ndarray,
    sizes: np.ndarray,
    consented: np.ndarray,
    present: np.ndarray,
    gender: np.ndarray,
    pupil_ids: np.ndarray,
    class_ids: np.ndarray,
    wave_ids: np.ndarray,
    affinity_src: np.ndarray,
) -> pd.DataFrame:
    """NOMINATIONS for one wave of every class, on padded (class, rater, target) arrays.

    Each question draws k_i targets without replacement with probability ∝ exp(utility):
    add Gumbel noise to the utility and keep the k_i largest (Gumbel top-k trick).
    """
    p = PARAMS
    n_classes, nmax = len(sizes), int(sizes.max())
    grid = np.full((n_classes, nmax), -1)
    grid[cls, pos] = np.arange(len(cls))
    real = grid >= 0
    g = np.where(real, grid, 0)

    def node(values: np.ndarray, fill: object = 0) -> np.ndarray:
        return np.where(real, values[g], fill)

    is_target = node(consented, False)
    is_rater = node(present, False)
    valid = is_rater[:, :, None] & is_target[:, None, :] & ~np.eye(nmax, dtype=bool)[None]
    acc, t_cl, t_cf = node(lat[6]), node(lat[0]), node(lat[1])
    sex = node(gender, "")
    same = (sex[:, :, None] == sex[:, None, :]).astype(float)

    affinity = PARAMS.affinity_sd * affinity_src

    def choose(utility: np.ndarray, k: np.ndarray, allowed: np.ndarray) -> np.ndarray:
        score = np.where(allowed, utility + rng.gumbel(size=utility.shape), -np.inf)
        order = np.argsort(-score, axis=2, kind="stable")
        rank = np.empty_like(order)
        np.put_along_axis(rank, order, np.arange(nmax)[None, None, :], axis=2)
        return allowed & (rank < k[:, :, None])

    def counts(probs: tuple[float, ...]) -> np.ndarray:
        return rng.choice(len(probs), size=(n_classes, nmax), p=np.asarray(probs))

    lo, hi = p.liking_picks
    k_lm = np.where(rng.random((n_classes, nmax)) < p.liking_nobody_prob, 0,
                    rng.integers(lo, hi + 1, size=(n_classes, nmax)))
    lm = choose(p.acceptance_weight * acc[:, None, :] + p.same_gender_bonus * same + affinity,
                k_lm, valid)
    ll = choose(-p.disliking_acceptance_weight * acc[:, None, :]
                + p.disliking_conflict_weight * t_cf[:, None, :]
                - p.disliking_affinity_weight * affinity,
                counts(p.disliking_k_probs), valid & ~lm)
    tl = choose(np.broadcast_to(p.teacher_likes_weight * t_cl[:, None, :], valid.shape),
                counts(p.teacher_likes_k_probs), valid)
    ta = choose(np.broadcast_to(p.teacher_angry_weight * t_cf[:, None, :], valid.shape),
                counts(p.teacher_angry_k_probs), valid)

    frames = []
    for qid, chosen in zip(QUESTION_IDS, (lm, ll, tl, ta), strict=True):
        c, i, j = np.nonzero(chosen)
        nobody_c, nobody_i = np.nonzero(is_rater & ~chosen.any(axis=2))
        cc = np.concatenate([c, nobody_c])
        ii = np.concatenate([i, nobody_i])
        target = pd.array(
            np.concatenate([pupil_ids[grid[c, j]], np.zeros(len(nobody_c), dtype=np.int64)]),
            dtype="Int64",
        )
        target[len(c):] = pd.NA
        frames.append(pd.DataFrame({
            "wave_id": wave_ids[cc],
            "class_id": class_ids[cc],
            "question_id": qid,
            "rater_id": pupil_ids[grid[cc, ii]],
            "target_id": target,
        }))
    return pd.concat(frames, ignore_index=True)


def _fresh_affinity(rng: np.random.Generator, n_classes: int, nmax: int) -> np.ndarray:
    """Symmetric standard-normal affinity per pair of classmates: A[c, i, j] == A[c, j, i]."""
    a = rng.standard_normal((n_classes, nmax, nmax))
    return (a + a.transpose(0, 2, 1)) / np.sqrt(2.0)
