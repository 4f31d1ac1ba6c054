"""The class map: a stable layout, relationship profiles and the plotly figure (pure).

Three perspectives on one picture:

- node **fill** = the teacher's view of the relationship (a profile from the teacher scale
  percentiles, or one continuous teacher dimension);
- node **ring** = the child's own view (the same rule on the child scale percentiles);
- node **size** = peer acceptance (share of classmates who name the pupil as liked most);
- **arrows** = positive nominations of one question; mutual ties are drawn as thick lines
  without arrow heads; negative nominations and the "how classmates see the teacher"
  questions are optional layers (off by default);
- a thick black outer circle marks **double risk**.

Relationship profile rule (``relationship_profile``), on percentiles against the stated
reference group, "high" = P75 or higher, "low" = P25 or lower, checked in this order:

1. ``close_conflictual``  conflict high AND closeness above the median (> P50);
   both in the top quarter almost never happens because the two correlate negatively,
   so "above the median" stands for "also close" (Spilt & Buyse: moments where it
   clicks and moments where it does not);
2. ``conflictual``        conflict high;
3. ``dependent``          dependency high;
4. ``distant``            closeness low (and neither conflictual nor dependent:
   little closeness, little conflict, little dependency);
5. ``close``              closeness high;
6. ``average``            everything else;
   ``unknown``            no closeness AND no conflict percentile.

Layout (``class_layout``): networkx ``spring_layout`` of the undirected graph of the
positive nominations of all given waves together, on the union of the pupils of those
waves, seeded with the class's stored ``layout_seed``. Nodes are added in a fixed order
(sorted by ``str(pupil_id)``) so the same data and seed always give the same positions,
and one pupil keeps one place in every wave.

>>> pos = class_layout([1, 2, 3], [(1, 2)], seed=7)
>>> sorted(pos) == [1, 2, 3] and pos == class_layout([3, 2, 1], [(1, 2)], seed=7)
True
>>> relationship_profile(closeness=90, conflict=10, dependency=30)
'close'
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.filenames import download_name
from survey.i18n import t
from survey.names import display_names as shown_names
from survey.text import plain

__all__ = [
    "DIMENSIONS",
    "HIGH",
    "LOW",
    "PROFILES",
    "PROFILE_COLOURS",
    "class_layout",
    "class_map_config",
    "class_map_figure",
    "class_map_html",
    "default_wave",
    "display_names",
    "edge_table",
    "node_table",
    "relationship_profile",
]

HIGH = 75.0
LOW = 25.0
MEDIAN = 50.0
PROFILES = ("close", "conflictual", "close_conflictual", "dependent", "distant", "average",
            "unknown")
DIMENSIONS = ("closeness", "conflict", "dependency")
#: Okabe–Ito colours (safe for the common colour-vision deficiencies); grey/white for the
#: neutral profiles so the eye goes to the profiles that ask for attention.
PROFILE_COLOURS = {
    "close": "#009E73",  # bluish green
    "conflictual": "#D55E00",  # vermillion
    "close_conflictual": "#CC79A7",  # reddish purple
    "dependent": "#E69F00",  # orange
    "distant": "#56B4E9",  # sky blue
    "average": "#D9D9D9",  # light grey
    "unknown": "#FFFFFF",  # white
}
CONTINUOUS_SCALE = "Cividis"
POSITIVE_EDGE = "#4D4D4D"
MUTUAL_EDGE = "#000000"
NEGATIVE_EDGE = "#D55E00"
RISK_RING = "#000000"

# --------------------------------------------------------------------------------------
# profiles and names
# --------------------------------------------------------------------------------------


def _num(x: object) -> float:
    try:
        v = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
    return v


def relationship_profile(closeness: object, conflict: object, dependency: object = None,
                         high: float = HIGH, low: float = LOW) -> str:
    """Profile of one relationship from three percentiles (see the module rule).

    >>> relationship_profile(60, 80, 10), relationship_profile(20, 80, 10)
    ('close_conflictual', 'conflictual')
    >>> relationship_profile(20, 40, 20), relationship_profile(None, None, 90)
    ('distant', 'unknown')
    """
    cl, cf, dp = _num(closeness), _num(conflict), _num(dependency)
    if math.isnan(cl) and math.isnan(cf):
        return "unknown"
    if cf >= high and cl > MEDIAN:
        return "close_conflictual"
    if cf >= high:
        return "conflictual"
    if dp >= high:
        return "dependent"
    if cl <= low:
        return "distant"
    if cl >= high:
        return "close"
    return "average"


def display_names(pupils: pd.DataFrame) -> dict[Hashable, str]:
    """pupil_id → the shown name, by the one rule of ``survey.names`` applied per class
    (the same labels as the kiosk grid and the hand-over buttons).

    ``pupils``: pupil_id, class_id, first_name, last_name and, where known,
    tussenvoegsel (a frame without it counts every tussenvoegsel as empty).

    >>> p = pd.DataFrame({"pupil_id": [1, 2, 3, 4], "class_id": 1,
    ...                   "first_name": ["Sem", "Sem", "Sem", "Ali"],
    ...                   "tussenvoegsel": ["de", "", "van", ""],
    ...                   "last_name": ["Boer", "Visser", "Vliet", "Mohammed"]})
    >>> display_names(p)
    {1: 'Sem B.', 2: 'Sem Visser', 3: 'Sem van Vliet', 4: 'Ali'}
    """
    out: dict[Hashable, str] = {}
    if pupils.empty:
        return out
    tussenvoegsel = (pupils["tussenvoegsel"] if "tussenvoegsel" in pupils.columns
                     else pd.Series("", index=pupils.index))
    by_class: dict[Hashable, list[tuple[Hashable, str, str, str]]] = {}
    for pid, cls, first, tv, last in zip(pupils["pupil_id"], pupils["class_id"],
                                         pupils["first_name"], tussenvoegsel,
                                         pupils["last_name"], strict=True):
        by_class.setdefault(cls, []).append((pid, first, tv, last))
    for members in by_class.values():
        out.update(shown_names(members))
    return out


# --------------------------------------------------------------------------------------
# layout
# --------------------------------------------------------------------------------------


def _key(x: Hashable) -> tuple[str, str]:
    return (type(x).__name__, str(x))


MIN_DISTANCE = 0.3
LABEL_STRETCH = 0.6


def _normalise(xy: np.ndarray, per_axis: bool = False) -> np.ndarray:
    """Centre and scale into [−1, 1]; ``per_axis`` fills the (wide) plot in both directions."""
    xy = xy - (xy.max(axis=0) + xy.min(axis=0)) / 2
    scale = np.abs(xy).max(axis=0) if per_axis else np.abs(xy).max()
    scale = np.where(scale > 0, scale, 1.0)
    return xy / scale


def _separate(xy: np.ndarray, min_distance: float, rounds: int = 100) -> np.ndarray:
    """Push apart pupils closer than ``min_distance`` (deterministic), so names stay legible."""
    xy = xy.copy()
    n = len(xy)
    for _ in range(rounds):
        moved = False
        for i in range(n):
            for j in range(i + 1, n):
                d = xy[j] - xy[i]
                # names sit under the circles: vertical gaps count for less, so pupils
                # above one another are pushed further apart
                dist = math.hypot(d[0], d[1] * LABEL_STRETCH)
                if dist >= min_distance:
                    continue
                if dist < 1e-9:
                    d, dist = np.array([1e-3 * (j - i), 1e-3]), math.hypot(1e-3 * (j - i), 1e-3)
                push = (min_distance - dist) / 2 * d / dist
                xy[i] -= push
                xy[j] += push
                moved = True
        if not moved:
            break
    return xy


def class_layout(pupil_ids: Iterable[Hashable], edges: Iterable[tuple[Hashable, Hashable]],
                 seed: int = 0) -> dict[Hashable, tuple[float, float]]:
    """Positions in [−1, 1]² per pupil id, deterministic for (pupils, edges, seed).

    ``edges``: (rater, target) positive nominations of all waves together; a tie named in
    both directions or in several waves pulls harder (edge weight = number of times named).
    Edges to pupils not in ``pupil_ids`` are ignored. A pupil without ties still gets a
    place (at the rim).
    """
    nodes = sorted(set(pupil_ids), key=_key)
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    known = set(nodes)
    weights: dict[tuple, int] = {}
    for a, b in edges:
        if a in known and b in known and a != b:
            k = tuple(sorted((a, b), key=_key))
            weights[k] = weights.get(k, 0) + 1
    for (a, b), w in sorted(weights.items(), key=lambda kv: (_key(kv[0][0]), _key(kv[0][1]))):
        graph.add_edge(a, b, weight=float(w))
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    # k (ideal distance) a little above networkx's default 1/sqrt(n) spreads the pupils
    # so names stay readable; scipy is not needed below 500 nodes.
    pos = nx.spring_layout(graph, k=1.6 / math.sqrt(n), seed=int(seed), iterations=300,
                           weight="weight")
    xy = np.array([pos[v] for v in nodes], dtype=float)
    xy = _normalise(xy)
    for _ in range(6):  # separating pushes pupils outward; rescaling pulls them in again
        xy = _normalise(_separate(xy, MIN_DISTANCE))
    xy = _normalise(xy, per_axis=True)
    return {v: (round(float(x), 6), round(float(y), 6)) for v, (x, y) in zip(nodes, xy, strict=True)}


# --------------------------------------------------------------------------------------
# node and edge tables
# --------------------------------------------------------------------------------------


def _pct_col(table: pd.DataFrame, informant: str, dim: str) -> pd.Series:
    col = f"{informant}_{dim}_pct"
    if col in table.columns:
        return pd.to_numeric(table[col], errors="coerce")
    return pd.Series(np.nan, index=table.index)


def _counts_received(nominations: pd.DataFrame, wave_id: Hashable,
                     question_ids: Sequence[Hashable]) -> dict[Hashable, int]:
    if nominations.empty or not question_ids:
        return {}
    n = nominations[(nominations["wave_id"] == wave_id)
                    & nominations["question_id"].isin(list(question_ids))
                    & nominations["target_id"].notna()]
    n = n[n["rater_id"] != n["target_id"]]
    return n.groupby("target_id")["rater_id"].nunique().to_dict()


def node_table(
    pupils_table: pd.DataFrame,
    names: Mapping[Hashable, str],
    positions: Mapping[Hashable, tuple[float, float]],
    wave_id: Hashable,
    class_id: Hashable,
    roster: pd.DataFrame | None = None,
    nominations: pd.DataFrame | None = None,
    questions: pd.DataFrame | None = None,
    acceptance_question: Hashable | None = None,
) -> pd.DataFrame:
    """One row per pupil of the class × wave: everything the class map draws.

    ``pupils_table``: ``AnalysisResult.pupils_table()``. ``names``: pupil_id → label.
    ``roster`` (optional) supplies ``present``; ``nominations``/``questions`` (optional)
    supply the counts of the teacher questions (teacher_likes / teacher_angry kinds) and,
    when ``acceptance_question`` is given, acceptance from that question instead of
    ``lm_prop``.

    Columns: pupil_id, name, x, y, teacher_profile, child_profile,
    teacher_<dim>_pct / child_<dim>_pct, acceptance (0..1, NaN unknown), received,
    nominators, status_cd, social_preference, teacher_risk, peer_risk, double_risk,
    reasons, present, teacher_likes_n, teacher_angry_n.
    """
    t = pupils_table[(pupils_table["wave_id"] == wave_id)
                     & (pupils_table["class_id"] == class_id)].reset_index(drop=True)
    out = pd.DataFrame({"pupil_id": t["pupil_id"]})
    out["name"] = [names.get(p, str(p)) for p in t["pupil_id"]]
    out["x"] = [positions.get(p, (0.0, 0.0))[0] for p in t["pupil_id"]]
    out["y"] = [positions.get(p, (0.0, 0.0))[1] for p in t["pupil_id"]]
    for informant in ("teacher", "child"):
        for dim in DIMENSIONS:
            out[f"{informant}_{dim}_pct"] = _pct_col(t, informant, dim).to_numpy()
        out[f"{informant}_profile"] = [
            relationship_profile(a, b, c) for a, b, c in zip(
                out[f"{informant}_closeness_pct"], out[f"{informant}_conflict_pct"],
                out[f"{informant}_dependency_pct"], strict=True)
        ]
    acc = pd.to_numeric(t.get("lm_prop", pd.Series(np.nan, index=t.index)), errors="coerce")
    rec = pd.to_numeric(t.get("lm_received", pd.Series(np.nan, index=t.index)), errors="coerce")
    nom = pd.to_numeric(t.get("lm_nominators", pd.Series(np.nan, index=t.index)),
                        errors="coerce")
    out["acceptance"] = acc.to_numpy()
    out["received"] = rec.to_numpy()
    out["nominators"] = nom.to_numpy()
    for col in ("status_cd", "social_preference", "reasons"):
        out[col] = t[col].to_numpy() if col in t.columns else None
    for col in ("teacher_risk", "peer_risk", "double_risk"):
        out[col] = (t[col].fillna(False).astype(bool).to_numpy() if col in t.columns
                    else False)
    out["reasons"] = out["reasons"].fillna("").astype(str)
    present = {}
    if roster is not None and len(roster):
        r = roster[(roster["wave_id"] == wave_id) & (roster["class_id"] == class_id)]
        present = dict(zip(r["pupil_id"], r["present"].astype(bool), strict=True))
    out["present"] = [present.get(p, True) for p in out["pupil_id"]]
    likes, angry = {}, {}
    if nominations is not None and questions is not None and len(questions):
        kinds = questions.groupby("kind")["question_id"].apply(list).to_dict()
        likes = _counts_received(nominations, wave_id, kinds.get("teacher_likes", []))
        angry = _counts_received(nominations, wave_id, kinds.get("teacher_angry", []))
        if acceptance_question is not None:
            received = _counts_received(nominations, wave_id, [acceptance_question])
            out["received"] = [float(received.get(p, 0)) for p in out["pupil_id"]]
            with np.errstate(invalid="ignore", divide="ignore"):
                out["acceptance"] = np.where(out["nominators"] > 0,
                                             out["received"] / out["nominators"], np.nan)
    out["teacher_likes_n"] = [int(likes.get(p, 0)) for p in out["pupil_id"]]
    out["teacher_angry_n"] = [int(angry.get(p, 0)) for p in out["pupil_id"]]
    return out


def edge_table(nominations: pd.DataFrame, wave_id: Hashable, question_id: Hashable,
               pupil_ids: Iterable[Hashable]) -> pd.DataFrame:
    """Valid ties of one question in one wave: rater_id, target_id, mutual (bool).

    "Nobody" rows, self-nominations and pupils outside ``pupil_ids`` are dropped; a
    duplicate row counts once.

    >>> noms = pd.DataFrame({"wave_id": 1, "question_id": "lm",
    ...                      "rater_id": [1, 2, 3], "target_id": [2, 1, None]})
    >>> edge_table(noms, 1, "lm", [1, 2, 3])["mutual"].tolist()
    [True, True]
    """
    ids = set(pupil_ids)
    n = nominations[(nominations["wave_id"] == wave_id)
                    & (nominations["question_id"] == question_id)
                    & nominations["target_id"].notna()]
    pairs = sorted({(r, t) for r, t in zip(n["rater_id"], n["target_id"], strict=True)
                    if r in ids and t in ids and r != t}, key=lambda e: (_key(e[0]), _key(e[1])))
    both = set(pairs)
    return pd.DataFrame({
        "rater_id": pd.Series([a for a, _ in pairs], dtype=object),
        "target_id": pd.Series([b for _, b in pairs], dtype=object),
        "mutual": pd.Series([(b, a) in both for a, b in pairs], dtype=bool),
    })


# --------------------------------------------------------------------------------------
# figure
# --------------------------------------------------------------------------------------

NODE_MIN, NODE_MAX = 16.0, 42.0


def node_sizes(acceptance: Sequence[float]) -> list[float]:
    """Marker diameters (px) from acceptance: area grows with the share of classmates.

    The largest acceptance in the class gets NODE_MAX, 0 or unknown gets NODE_MIN.

    >>> node_sizes([0.0, 0.25, 1.0, float("nan")])
    [16.0, 29.0, 42.0, 16.0]
    """
    a = np.asarray(acceptance, dtype=float)
    top = np.nanmax(a) if np.isfinite(a).any() else 0.0
    if not top or top <= 0:
        return [NODE_MIN] * len(a)
    rel = np.where(np.isfinite(a), np.clip(a / top, 0, 1), 0.0)
    return [round(float(NODE_MIN + (NODE_MAX - NODE_MIN) * math.sqrt(r)), 2) for r in rel]


def _shorten(x0: float, y0: float, x1: float, y1: float, by: float) -> tuple[float, float]:
    d = math.hypot(x1 - x0, y1 - y0)
    if d <= 2 * by:
        return x1, y1
    f = (d - by) / d
    return x0 + (x1 - x0) * f, y0 + (y1 - y0) * f


def _edge_traces(edges: pd.DataFrame, pos: Mapping[Hashable, tuple[float, float]], *,
                 colour: str, name: str, dash: str = "solid", width: float = 1.3,
                 arrows: bool = True, shrink: float = 0.055, visible: bool = True,
                 mutual_name: str | None = None) -> list[go.Scatter]:
    """Lines with arrow heads (marker symbol 'arrow', angleref='previous') in one trace;
    mutual pairs (drawn once) as thick lines without heads in a second trace."""
    one_x: list[float | None] = []
    one_y: list[float | None] = []
    sizes: list[float] = []
    mut_x: list[float | None] = []
    mut_y: list[float | None] = []
    seen: set = set()
    for a, b, mutual in zip(edges["rater_id"], edges["target_id"], edges["mutual"], strict=True):
        (x0, y0), (x1, y1) = pos[a], pos[b]
        if mutual and mutual_name is not None:
            k = frozenset((_key(a), _key(b)))
            if k in seen:
                continue
            seen.add(k)
            mut_x += [x0, x1, None]
            mut_y += [y0, y1, None]
            continue
        xe, ye = _shorten(x0, y0, x1, y1, shrink) if arrows else (x1, y1)
        one_x += [x0, xe, None]
        one_y += [y0, ye, None]
        sizes += [0.0, 11.0 if arrows else 0.0, 0.0]
    traces = [go.Scatter(
        x=one_x, y=one_y, mode="lines+markers" if arrows else "lines", name=name,
        line={"color": colour, "width": width, "dash": dash},
        marker={"symbol": "arrow", "angleref": "previous", "size": sizes or [0],
                "color": colour},
        hoverinfo="skip", visible=visible, showlegend=True,
    )]
    if mutual_name is not None:
        traces.append(go.Scatter(
            x=mut_x, y=mut_y, mode="lines", name=mutual_name,
            line={"color": MUTUAL_EDGE, "width": 3.2}, hoverinfo="skip", visible=visible,
            showlegend=True,
        ))
    return traces


def _fmt_pct(p: float) -> str:
    return "–" if p is None or not np.isfinite(p) else str(int(math.floor(p + 0.5)))


def _hover(row: pd.Series, language: str, teacher_layer: bool) -> str:
    lines = [f"<b>{row['name']}</b>"]
    for informant, key in (("teacher", "hover_teacher"), ("child", "hover_child")):
        dims = ", ".join(t(f"label.{d}", language) + f" P{_fmt_pct(row[f'{informant}_{d}_pct'])}"
                         for d in DIMENSIONS)
        profile = t(f"label.{row[f'{informant}_profile']}", language)
        lines.append(t(f"label.{key}", language) + f": {profile} ({dims})")
    if np.isfinite(row["received"]) and np.isfinite(row["nominators"]):
        lines.append(t("label.hover_accepted", language, n=int(row["received"]),
                       of=int(row["nominators"])))
    if teacher_layer:
        lines.append(t("label.hover_teacher_layer", language, likes=row["teacher_likes_n"],
                       angry=row["teacher_angry_n"]))
    if not row["present"]:
        lines.append(t("label.hover_absent", language))
    if row["double_risk"]:
        lines.append(f"<b>{t('label.hover_risk', language)}</b>")
    return "<br>".join(lines)


def _escape(text: str) -> str:
    """Plotly renders a subset of HTML in text: user text (names) is escaped, and its
    control and bidirectional characters removed (survey.text.plain)."""
    return plain(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def default_wave(wave_ids: Sequence[int], nominations: pd.DataFrame) -> int:
    """The wave a class map or profile opens on: the latest of ``wave_ids`` (in order) with
    nominations, else the latest (a wave that has just opened would show an empty map).

    >>> default_wave([1, 2, 3], pd.DataFrame({"wave_id": [1, 2, 2]}))
    2
    >>> default_wave([4, 5], pd.DataFrame({"wave_id": []}))
    5
    """
    answered = set(nominations["wave_id"].tolist())
    return next((w for w in reversed(list(wave_ids)) if w in answered), list(wave_ids)[-1])


def class_map_figure(
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    negative_edges: pd.DataFrame | None = None,
    *,
    colour_by: str = "profile",
    teacher_layer: bool = False,
    language: str = "nl",
    title: str | None = None,
    height: int = 800,
    highlight: Hashable | None = None,
) -> go.Figure:
    """The class map (see module docstring) from ``node_table`` and ``edge_table`` frames.

    ``colour_by``: 'profile' (categorical profiles) or a dimension ('closeness',
    'conflict', 'dependency') for a continuous fill by the teacher percentile (and a ring
    by the child percentile). ``negative_edges``: drawn as a dashed layer when given.
    ``teacher_layer``: adds "♥ n / ⚡ n" under each name (classmates who say the teacher
    likes the child / is often angry with the child). ``highlight``: one pupil id drawn
    with a thicker outline (e.g. the pupil of a profile page).

    The node trace is named ``"pupils"``, has ``customdata`` = pupil_id (for selection)
    and ``text`` = the names. Trace order: edges, negative edges, double-risk rings,
    nodes, legend keys.
    """
    nodes = nodes.reset_index(drop=True).copy()
    for col in ("name", "reasons"):
        if col in nodes.columns:
            nodes[col] = [_escape(v) for v in nodes[col]]
    pos = {p: (x, y) for p, x, y in zip(nodes["pupil_id"], nodes["x"], nodes["y"], strict=True)}
    fig = go.Figure()
    lang = language
    edges = edges[edges["rater_id"].isin(pos) & edges["target_id"].isin(pos)]
    for tr in _edge_traces(edges, pos, colour=POSITIVE_EDGE,
                           name=t("label.legend_positive", lang),
                           mutual_name=t("label.legend_mutual", lang)):
        fig.add_trace(tr)
    if negative_edges is not None:
        neg = negative_edges[negative_edges["rater_id"].isin(pos)
                             & negative_edges["target_id"].isin(pos)]
        for tr in _edge_traces(neg, pos, colour=NEGATIVE_EDGE, dash="dash", width=1.6,
                               name=t("label.legend_negative", lang)):
            fig.add_trace(tr)

    sizes = node_sizes(nodes["acceptance"].tolist())
    nodes["size"] = sizes
    risk = nodes[nodes["double_risk"]]
    fig.add_trace(go.Scatter(
        x=risk["x"], y=risk["y"], mode="markers", name=t("label.legend_risk", lang),
        marker={"size": [s + 16 for s in risk["size"]], "color": "rgba(0,0,0,0)",
                "line": {"color": RISK_RING, "width": 4}},
        hoverinfo="skip", showlegend=True,
    ))

    if colour_by == "profile":
        fill = [PROFILE_COLOURS[p] for p in nodes["teacher_profile"]]
        ring = [PROFILE_COLOURS[p] if p != "unknown" else "#7F7F7F"
                for p in nodes["child_profile"]]
        marker_extra: dict = {}
    else:
        if colour_by not in DIMENSIONS:
            raise ValueError(f"colour_by must be 'profile' or one of {DIMENSIONS}")
        fill = nodes[f"teacher_{colour_by}_pct"].astype(float).tolist()
        child = nodes[f"child_{colour_by}_pct"].astype(float)
        ring = [_cividis(v) for v in child]
        marker_extra = {"colorscale": CONTINUOUS_SCALE, "cmin": 0, "cmax": 100,
                        "showscale": True,
                        "colorbar": {"title": {"text": t("label.hover_teacher", lang) + ": "
                                                       + t(f"label.{colour_by}", lang) + " (P)"},
                                     "thickness": 14, "len": 0.5}}
    widths = [7.0 if p == highlight else 5.0 for p in nodes["pupil_id"]]
    text = []
    for _, row in nodes.iterrows():
        # a double-risk label starts one line lower so it clears the black circle
        shown = f"<br><b>{row['name']}</b>" if row["double_risk"] else row["name"]
        if teacher_layer:
            shown += f"<br>♥{row['teacher_likes_n']} ⚡{row['teacher_angry_n']}"
        text.append(shown)
    hover = [_hover(row, lang, teacher_layer) for _, row in nodes.iterrows()]
    fig.add_trace(go.Scatter(
        x=nodes["x"], y=nodes["y"], mode="markers+text", name="pupils",
        customdata=nodes["pupil_id"].tolist(), text=text,
        textposition="bottom center", textfont={"size": 15, "color": "#000000"},
        hovertext=hover, hoverinfo="text",
        marker={"size": sizes, "color": fill, "line": {"color": ring, "width": widths},
                "opacity": [1.0 if p else 0.55 for p in nodes["present"]], **marker_extra},
        selected={"marker": {"opacity": 1.0}}, unselected={"marker": {"opacity": 1.0}},
        showlegend=False,
    ))
    if colour_by == "profile":
        for p in PROFILES:
            if p == "unknown" and not (nodes["teacher_profile"] == "unknown").any():
                continue
            fig.add_trace(go.Scatter(
                x=[None], y=[None], mode="markers", name=t(f"label.{p}", lang),
                marker={"size": 14, "color": PROFILE_COLOURS[p],
                        "line": {"color": "#7F7F7F", "width": 1}},
                legendrank=1,
            ))
    pad = 0.12
    legend_title = f"{t('label.legend_fill', lang)}; {t('label.legend_ring', lang).lower()}"
    fig.update_layout(
        title={"text": _escape(title)} if title else None,
        height=height, dragmode=False, hovermode="closest", clickmode="event+select",
        plot_bgcolor="#FFFFFF", paper_bgcolor="#FFFFFF",
        margin={"l": 10, "r": 10, "t": 50 if title else 10, "b": 10},
        xaxis={"visible": False, "range": [-1 - pad, 1 + pad], "fixedrange": True},
        yaxis={"visible": False, "range": [-1 - pad - 0.08, 1 + pad], "fixedrange": True},
        legend={"orientation": "h", "yanchor": "top", "y": -0.01, "x": 0,
                "font": {"size": 14}, "traceorder": "normal",
                "title": {"text": legend_title, "side": "top"} if colour_by == "profile"
                else None},
        font={"size": 14, "color": "#000000"},
    )
    return fig


def class_map_config(file_stem: str) -> dict:
    """The plotly config of the class map (no selection tools; PNG export at 2×).

    ``file_stem`` goes through :func:`analysis.filenames.download_name`: plotly writes the
    config raw (unescaped JSON) into a ``<script>`` block of the HTML export, so a class
    named ``G</script><svg/onload=…>`` would otherwise end that block and run script.
    """
    return {"displayModeBar": True, "displaylogo": False, "scrollZoom": False,
            "modeBarButtonsToRemove": ["select2d", "lasso2d", "zoom2d", "pan2d", "zoomIn2d",
                                       "zoomOut2d", "autoScale2d", "resetScale2d"],
            "toImageButtonOptions": {"format": "png", "filename": download_name(file_stem),
                                     "scale": 2, "width": 1400, "height": 900}}


def class_map_html(figure: go.Figure, file_stem: str) -> str:
    """The class map as one self-contained HTML file (plotly.js included).

    User text cannot leave its place: names and titles are escaped in the figure
    (:func:`_escape`), plotly writes the figure's JSON with ``<`` as ``\\u003c``, and the
    config's file name is made safe by :func:`class_map_config`. Raises ValueError if a
    ``</script`` were to appear anywhere but at the end of the two script blocks.
    """
    html = figure.to_html(include_plotlyjs=True, config=class_map_config(file_stem),
                          full_html=True)
    if html.lower().count("</script") != _SCRIPT_BLOCKS:
        raise ValueError("class map HTML: unexpected </script in the embedded data")
    return html


#: <script> blocks of ``to_html(include_plotlyjs=True)``: window.PlotlyConfig, plotly.js
#: and the figure (the plotly.js bundle itself holds no "</script")
_SCRIPT_BLOCKS = 3


def _cividis(p: float) -> str:
    """Cividis colour of a percentile (for the ring in continuous mode); grey when NaN."""
    if p is None or not np.isfinite(p):
        return "#7F7F7F"
    from plotly.colors import sample_colorscale
    from plotly.express.colors import sequential

    return sample_colorscale(sequential.Cividis, [min(max(p / 100.0, 0.0), 1.0)])[0]


def class_map_nodes_for(figure: go.Figure) -> list[Hashable]:
    """The pupil ids on a figure's node trace, in drawing order (for tests and pickers)."""
    for tr in figure.data:
        if tr.name == "pupils":
            return list(tr.customdata)
    return []


def selected_pupil(selection: Mapping | None) -> Hashable | None:
    """The pupil id of the first selected node in a ``st.plotly_chart`` selection state.

    Points of other traces (edges, rings) carry no customdata and are ignored.

    >>> selected_pupil({"points": [{"curve_number": 0}, {"customdata": 7}]})
    7
    >>> selected_pupil({"points": []}) is None
    True
    """
    if not selection:
        return None
    for point in selection.get("points", []) or []:
        value = point.get("customdata") if isinstance(point, Mapping) else None
        if isinstance(value, list | tuple):
            value = value[0] if value else None
        if value is not None:
            return value
    return None


def map_questions(questions: pd.DataFrame, asked: Iterable[Hashable]) -> tuple[list, list]:
    """(positive, negative) question ids a class map can draw for a wave that asked
    ``asked``, in the order of ``questions`` (``question_id``, ``kind``, ``polarity``).

    Positive: the liking and prosocial questions of positive polarity (the arrows of the
    map); negative: the disliking questions (the optional red layer; the first is drawn).
    The teacher questions ("who does the teacher like / get angry with") are neither.

    >>> q = pd.DataFrame({"question_id": ["lm", "ll", "help", "ta"],
    ...                   "kind": ["liking", "disliking", "prosocial", "teacher"],
    ...                   "polarity": ["positive", "negative", "positive", "negative"]})
    >>> map_questions(q, ["ll", "lm", "ta"])
    (['lm'], ['ll'])
    >>> map_questions(q, ["ta"])
    ([], [])
    """
    asked = set(asked)
    rows = questions[questions["question_id"].isin(asked)]
    positive = rows.loc[(rows["polarity"] == "positive")
                        & rows["kind"].isin(("liking", "prosocial")), "question_id"].tolist()
    negative = rows.loc[rows["kind"] == "disliking", "question_id"].tolist()
    return positive, negative


def participation_warning(sociometry_classes: pd.DataFrame, wave_id: Hashable,
                          question_id: Hashable) -> int | None:
    """The participation in percent when it is too low to read the map of this wave and
    question (``low_participation`` of ``analysis.sociometry``), else None.

    >>> table = pd.DataFrame({"wave_id": [1, 1], "question_id": ["lm", "help"],
    ...                       "participation_rate": [0.456, 0.9],
    ...                       "low_participation": [True, False]})
    >>> participation_warning(table, 1, "lm"), participation_warning(table, 1, "help")
    (46, None)
    >>> participation_warning(table, 2, "lm") is None
    True
    """
    part = sociometry_classes[(sociometry_classes["wave_id"] == wave_id)
                              & (sociometry_classes["question_id"] == question_id)]
    if len(part) and bool(part["low_participation"].iloc[0]):
        return round(100 * float(part["participation_rate"].iloc[0]))
    return None
