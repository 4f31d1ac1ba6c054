"""Benchmark: N children answering the whole tablet survey at once against one server.

    .venv/bin/python bench/child_taps.py [--children 30] [--think 1.0] [--seed 1]

Two servers are measured one after the other with the same driver and the same number of
taps per child:

- **bare**: a one-file Streamlit page that shows four buttons and saves one row per tap
  (same engine settings: SQLite WAL, synchronous=FULL) — the floor for "a tap that is
  committed before the next screen";
- **kiosk**: the real router + ``app_pages/child.py`` on a fresh SQLite database with one
  class of N pupils and an open wave (start, practice item, 17 items, 4 nomination
  questions with one pick and "next" each = 27 taps per child).

The driver speaks Streamlit's websocket protocol directly (``/_stcore/stream``, protobuf
BackMsg/ForwardMsg), as the browser does, so 30 children do not need 30 browsers on a
2-core machine. A tap = a ``rerun_script`` carrying the button's trigger; its time is from
sending the tap until the server's ``script_finished`` for the run it caused (the moment the
next screen is complete in the browser, minus rendering). Children think 0.5–1.5 × --think
seconds between taps. Afterwards every child's stored rows are compared with the taps the
driver made: lost or duplicated answers are counted. Also prints each server's CPU per tap
(user + system from /proc, around the timed taps). Prints figures; never asserts.

The kiosk freezes its start-up heap (``ui.kiosk.freeze_startup_heap``) so Streamlit's
full garbage collection after every run skips the long-lived objects; ``--bare-gc-freeze``
gives the bare page the same one-time ``gc.freeze()`` for a like-for-like comparison.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402

from survey import migrate  # noqa: E402
from survey.db import make_engine, session_scope  # noqa: E402
from survey.models import (  # noqa: E402
    ChildAnswer,
    ChildStepDone,
    ChildToken,
    Consent,
    Nomination,
    Pupil,
    School,
    SchoolClass,
    Wave,
)
from survey.tokens import issue_tokens  # noqa: E402
from tests.browser.server import StreamlitServer  # noqa: E402  (the browser tests' starter)

QUESTIONS = ["liked_most", "liked_least", "teacher_likes", "teacher_angry"]
KIOSK_TAPS = 1 + 18 + 2 * len(QUESTIONS)  # start, practice + 17 items, pick + next each

BARE_APP = textwrap.dedent(
    '''
    """Bare page: four buttons, one committed row per tap, next "question" from the DB."""
    import streamlit as st
    from sqlalchemy import text
    from survey.db import make_engine

    STEPS = __STEPS__

    @st.cache_resource
    def engine():
        e = make_engine()
        with e.begin() as c:
            c.execute(text("CREATE TABLE IF NOT EXISTS taps (sid TEXT, step INT, value INT, "
                           "UNIQUE (sid, step))"))
        return e

    def save(sid, step, value):
        with engine().begin() as c:
            c.execute(text("INSERT INTO taps VALUES (:s, :n, :v) ON CONFLICT (sid, step) "
                           "DO UPDATE SET value = excluded.value"),
                      dict(s=sid, n=step, v=value))

    @st.cache_resource
    def freeze_once():
        import gc
        gc.freeze()  # --bare-gc-freeze: as ui.kiosk.freeze_startup_heap does for the kiosk

    if __FREEZE__:
        freeze_once()

    sid = st.query_params.get("t", "")
    with engine().begin() as c:
        n = c.execute(text("SELECT count(*) FROM taps WHERE sid = :s"), dict(s=sid)).scalar()
    if n >= STEPS:
        st.header("done")
    else:
        st.header(f"Question {n + 1}")
        for v, col in enumerate(st.columns(4)):
            col.button(str(v), key=f"a|{n}|{v}", on_click=save, args=(sid, n, v))
    '''
).replace("__STEPS__", str(KIOSK_TAPS))


# ---------------------------------------------------------------- servers


def start_server(script: Path, db_url: str, log: Path) -> StreamlitServer:
    """``script`` served on a free port; the bare page imports ``survey`` from the checkout."""
    return StreamlitServer(db_url, log, script=script, env={"PYTHONPATH": str(ROOT)}).start()


def server_cpu_s(proc: subprocess.Popen) -> float:
    """User + system CPU seconds the server process has used so far (Linux /proc)."""
    try:
        fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def make_kiosk_db(url: str, children: int) -> list[tuple[str, int]]:
    """A school with one class of ``children`` consented pupils and an open wave."""
    migrate.upgrade(url)
    engine = make_engine(url)
    names = ["Sem", "Noah", "Emma", "Julia", "Liam", "Mila", "Luca", "Tess", "Daan", "Saar"]
    with session_scope(engine) as s:
        school = School(name="Bench school", consent_mode="opt_in")
        s.add(school)
        s.flush()
        klass = SchoolClass(school_id=school.id, name="Groep 5", grade=5)
        s.add(klass)
        s.flush()
        for i in range(children):
            p = Pupil(class_id=klass.id, first_name=names[i % len(names)],
                      last_name=f"{chr(65 + i % 26)}achternaam", gender="mfx"[i % 3])
            s.add(p)
            s.flush()
            s.add(Consent(pupil_id=p.id, status="given"))
        wave = Wave(class_id=klass.id, name="bench", starts_on=dt.date(2026, 11, 23),
                    status="open", questions=QUESTIONS, child_wording="own:child@1.0")
        s.add(wave)
        s.flush()
        tokens = [(t.token, t.pupil_id) for t in issue_tokens(s, wave.id)]
    engine.dispose()
    return tokens


# ---------------------------------------------------------------- driver


@dataclass
class Child:
    token: str
    pupil_id: int = 0
    latencies: list[float] = field(default_factory=list)
    answers: dict[str, int] = field(default_factory=dict)  # item → value tapped last
    picks: dict[str, int | None] = field(default_factory=dict)
    taps: int = 0
    errors: list[str] = field(default_factory=list)


def _key(widget_id: str) -> str:
    """User key of a keyed widget id ('$$ID-<hash>-<key>')."""
    return widget_id.split("-", 2)[2] if widget_id.startswith("$$ID-") else widget_id


class Tablet:
    """One websocket session, as a browser tab: send a tap, wait for the run to finish."""

    def __init__(self, ws, token: str) -> None:
        self.ws, self.token = ws, token
        self.page_hash = ""
        self.cache: dict[str, ForwardMsg] = {}

    async def run(self, widget_id: str | None = None) -> dict[str, tuple[str, bool]]:
        msg = BackMsg()
        msg.rerun_script.query_string = f"t={self.token}"
        msg.rerun_script.page_script_hash = self.page_hash
        if widget_id:
            msg.rerun_script.widget_states.widgets.append(
                WidgetState(id=widget_id, trigger_value=True)
            )
        await self.ws.send(msg.SerializeToString())
        buttons: dict[str, tuple[str, bool]] = {}
        self.problems: list[str] = []
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await self.ws.recv())
            if fwd.WhichOneof("type") == "ref_hash" and fwd.ref_hash in self.cache:
                fwd = self.cache[fwd.ref_hash]
            elif fwd.hash:
                self.cache[fwd.hash] = fwd
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = fwd.new_session.page_script_hash or self.page_hash
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                if element.WhichOneof("type") == "button":
                    buttons[_key(element.button.id)] = (element.button.id, element.button.disabled)
                elif element.WhichOneof("type") == "exception":
                    self.problems.append(element.exception.message[:200])
            elif kind == "ref_hash":
                self.problems.append("uncached ref_hash")
            elif kind == "script_finished":
                # FINISHED_EARLY_FOR_RERUN (st.rerun) is followed by another run
                if fwd.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    return buttons


def kiosk_choice(child: Child, buttons: dict, rng: random.Random) -> str | None:
    """The button a child taps on this screen (None: the thank-you screen)."""
    if "start" in buttons:
        return "start"
    cards = [k for k in buttons if k.startswith("a|")]
    if cards:
        key = rng.choice(cards)
        child.answers[key.split("|")[1]] = int(key.split("|")[2])
        return key
    grid = [k for k, (_, disabled) in buttons.items() if k.startswith("p|") and not disabled]
    if grid:
        question = grid[0].split("|")[1]
        if question in child.picks:
            return next(k for k in buttons if k.startswith(f"next|{question}|"))
        key = rng.choice(grid)
        target = key.split("|")[2]
        child.picks[question] = None if target == "nobody" else int(target)
        return key
    return None


def bare_choice(child: Child, buttons: dict, rng: random.Random) -> str | None:
    cards = [k for k in buttons if k.startswith("a|")]
    if not cards:
        return None
    key = rng.choice(cards)
    child.answers[key.split("|")[1]] = int(key.split("|")[2])
    return key


async def drive(port: int, child: Child, choose, think: float, rng: random.Random) -> None:
    url = f"ws://127.0.0.1:{port}/_stcore/stream"
    await asyncio.sleep(rng.uniform(0, think))  # children do not all start at once
    async with connect(url, subprotocols=["streamlit"], max_size=None) as ws:
        tablet = Tablet(ws, child.token)
        buttons = await tablet.run()
        while True:
            key = choose(child, buttons, rng)
            child.errors.extend(tablet.problems)
            if key is None:
                return
            if key not in buttons:
                child.errors.append(f"no button {key}")
                return
            # the child's think time before the next tap (a pause of the child, not a wait
            # for the server: the tap's own wait is the run below)
            await asyncio.sleep(think * rng.uniform(0.5, 1.5))
            started = time.perf_counter()
            buttons = await tablet.run(buttons[key][0])
            child.latencies.append(time.perf_counter() - started)
            child.taps += 1


async def drive_all(port: int, children: list[Child], choose, think: float, seed: int) -> float:
    started = time.perf_counter()
    await asyncio.gather(*(
        drive(port, c, choose, think, random.Random(seed * 1000 + i))
        for i, c in enumerate(children)
    ))
    return time.perf_counter() - started


# ---------------------------------------------------------------- checks


def check_kiosk(url: str, children: list[Child]) -> tuple[int, int]:
    """(lost, duplicated) answers: stored rows compared with the driver's taps."""
    engine = make_engine(url)
    lost = dup = 0
    with session_scope(engine) as s:
        for c in children:
            stored = s.execute(select(ChildAnswer.item_id, ChildAnswer.value).where(
                ChildAnswer.pupil_id == c.pupil_id)).all()
            dup += len(stored) - len({i for i, _ in stored})
            values = dict(stored)
            lost += sum(values.get(item) != value for item, value in c.answers.items())
            noms = s.execute(select(Nomination.question_id, Nomination.target_id).where(
                Nomination.rater_id == c.pupil_id)).all()
            dup += len(noms) - len(set(noms))
            lost += sum((q, t) not in noms for q, t in c.picks.items())
            marks = s.scalar(select(func.count()).select_from(ChildStepDone).where(
                ChildStepDone.pupil_id == c.pupil_id))
            lost += (1 + len(QUESTIONS)) - marks
            status = s.scalar(select(ChildToken.status).where(
                ChildToken.pupil_id == c.pupil_id))
            lost += status != "finished"
    engine.dispose()
    return lost, dup


def check_bare(url: str, children: list[Child]) -> tuple[int, int]:
    engine = make_engine(url)
    lost = dup = 0
    with engine.connect() as conn:
        for c in children:
            rows = conn.exec_driver_sql(
                "SELECT step, value FROM taps WHERE sid = ?", (c.token,)).all()
            dup += len(rows) - len({r[0] for r in rows})
            stored = {str(r[0]): r[1] for r in rows}
            lost += sum(stored.get(step) != value for step, value in c.answers.items())
    engine.dispose()
    return lost, dup


# ---------------------------------------------------------------- report


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


@dataclass
class Result:
    name: str
    p50_ms: float
    p95_ms: float
    taps: int
    wall_s: float
    lost: int
    dup: int
    errors: int
    cpu_ms: float  # server CPU per tap (user + system), measured around the timed taps


def measure(name: str, folder: Path, args) -> Result:
    url = f"sqlite:///{folder / f'{name}.db'}"
    if name == "kiosk":
        tokens = make_kiosk_db(url, args.children)
        script, choose, check = ROOT / "streamlit_app.py", kiosk_choice, check_kiosk
        children = [Child(token, pupil) for token, pupil in tokens[: args.children]]
    else:
        script = folder / "bare_app.py"
        script.write_text(BARE_APP.replace("__FREEZE__", str(args.bare_gc_freeze)))
        choose, check = bare_choice, check_bare
        children = [Child(f"child{i:03d}") for i in range(args.children)]
    server = start_server(script, url, folder / f"{name}.log")
    try:
        # warm-up: one session so imports and caches are loaded before timing
        warm = Child(children[0].token, children[0].pupil_id)
        asyncio.run(_warm(server.port, warm.token))
        cpu_before = server_cpu_s(server.proc)
        wall = asyncio.run(drive_all(server.port, children, choose, args.think, args.seed))
        cpu = server_cpu_s(server.proc) - cpu_before
    finally:
        server.stop()
    latencies = [x for c in children for x in c.latencies]
    lost, dup = check(url, children)
    for problem in sorted({e for c in children for e in c.errors})[:5]:
        print(f"  {name}: {problem}", file=sys.stderr)
    return Result(name, 1000 * percentile(latencies, 50), 1000 * percentile(latencies, 95),
                  len(latencies), wall, lost, dup, sum(len(c.errors) for c in children),
                  1000 * cpu / max(1, len(latencies)))


async def _warm(port: int, token: str) -> None:
    async with connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                       max_size=None) as ws:
        await Tablet(ws, token).run()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--children", type=int, default=30)
    parser.add_argument("--think", type=float, default=1.0,
                        help="mean seconds a child thinks between taps (0 = stress test)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bare-gc-freeze", action="store_true",
                        help="gc.freeze() once in the bare page too (like the kiosk)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="klaskaart-bench-") as tmp:
        results = [measure(name, Path(tmp), args) for name in ("bare", "kiosk")]
    print(f"{args.children} concurrent children, {KIOSK_TAPS} taps each, think "
          f"{args.think:.1f} s (x0.5-1.5), {os.cpu_count()} CPUs, "
          f"bare page gc.freeze: {'yes' if args.bare_gc_freeze else 'no'}")
    print(f"{'page':<6} {'taps':>5} {'p50 ms':>8} {'p95 ms':>8} {'wall s':>7} "
          f"{'lost':>5} {'dup':>4} {'errors':>6} {'CPU ms/tap':>10}")
    for r in results:
        print(f"{r.name:<6} {r.taps:>5} {r.p50_ms:>8.1f} {r.p95_ms:>8.1f} {r.wall_s:>7.1f} "
              f"{r.lost:>5} {r.dup:>4} {r.errors:>6} {r.cpu_ms:>10.1f}")
    bare, kiosk = results
    print(f"ratio kiosk/bare: p50 {kiosk.p50_ms / bare.p50_ms:.2f}x, "
          f"p95 {kiosk.p95_ms / bare.p95_ms:.2f}x, CPU/tap {kiosk.cpu_ms / bare.cpu_ms:.2f}x "
          "(target p95 <= 1.5x, 0 lost, 0 dup)")


if __name__ == "__main__":
    main()
