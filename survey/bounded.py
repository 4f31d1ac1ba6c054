"""Bounded work for untrusted uploads: the parse runs in another process, with a memory cap
and a wall-clock deadline, so a hostile file can cost at most ``timeout_s`` seconds of one
core and ``memory_mb`` of memory — never the server's own threads (the children's taps).

``run_bounded(func, *args, timeout_s=…, memory_mb=…)`` calls ``func(*args)`` in a child
process made by a *forkserver* (never ``fork`` of the Streamlit server itself: forking a
process with threads can deadlock the child on a lock another thread held). The child sets
``RLIMIT_AS`` to ``memory_mb`` before it starts; the parent waits at most ``timeout_s`` and
then kills it. ``func`` and its arguments and result must pickle (a module-level function).
Any failure raises ``BoundedError`` with a message key (``bounded.timeout``,
``bounded.memory``, ``bounded.failed``) and nothing of the child's work is used.

The forkserver is started once per process and preloads the parsers (``PRELOAD``), so a
parse costs a fork (a few ms), not a fresh interpreter.

Streamlit runs a page with ``sys.modules["__main__"]`` set to the page script, and
multiprocessing would re-run ``__main__`` in the child to unpickle — the page, again, in the
child. So the child of ``run_bounded`` is started without the main module (only module-level
functions of importable modules can be run here anyway).
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.spawn
import resource
import threading
import time
from collections.abc import Callable
from typing import Any

from survey.services import SurveyError

PRELOAD = ("survey.roster", "openpyxl", "csv")
DEFAULT_TIMEOUT_S = 10.0
DEFAULT_MEMORY_MB = 768

_lock = threading.Lock()
_context: multiprocessing.context.BaseContext | None = None
_warming = False
_local = threading.local()
_preparation_data = multiprocessing.spawn.get_preparation_data


def _without_main(name: str) -> dict:
    """multiprocessing's preparation data, minus the main module for our own children."""
    data = _preparation_data(name)
    if getattr(_local, "without_main", False):
        data.pop("init_main_from_path", None)
        data.pop("init_main_from_name", None)
    return data


# Installed once; it changes nothing unless run_bounded is starting a child in this thread.
multiprocessing.spawn.get_preparation_data = _without_main


class BoundedError(SurveyError):
    """The bounded work did not finish: too slow (``bounded.timeout``), too much memory
    (``bounded.memory``) or it failed (``bounded.failed``); ``key`` says which."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key=key, **values)


def _ctx() -> multiprocessing.context.BaseContext:
    global _context
    with _lock:
        if _context is None:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(list(PRELOAD))
            _context = ctx
        return _context


def _child(conn, func: Callable[..., Any], args: tuple, memory_mb: int | None) -> None:
    """Runs in the child process: cap the address space, call, send ('ok', result)."""
    try:
        if memory_mb:
            limit = int(memory_mb) * 1024 * 1024
            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            if hard != resource.RLIM_INFINITY:
                limit = min(limit, hard)
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        result = func(*args)
        conn.send(("ok", result))
    except MemoryError:
        conn.send(("memory", None))
    except BaseException as exc:  # any failure of untrusted work is reported, not raised
        try:
            conn.send(("failed", f"{type(exc).__name__}: {exc}"[:500]))
        except BaseException:
            pass
    finally:
        conn.close()


def warm_up() -> None:
    """Start the forkserver (and its preloads) in the background, once per process, so the
    first upload does not wait for it. Safe to call on every page run."""
    global _warming
    with _lock:
        if _warming:
            return
        _warming = True
    threading.Thread(target=_warm, name="bounded-warm-up", daemon=True).start()


def _warm() -> None:
    try:
        run_bounded(int, timeout_s=60)
    except BoundedError:
        pass  # the first real call starts it again


def run_bounded(
    func: Callable[..., Any],
    *args: Any,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
) -> Any:
    """``func(*args)`` in a separate process, killed after ``timeout_s`` seconds and limited
    to ``memory_mb`` of address space. Returns the result or raises ``BoundedError``.

    >>> run_bounded(divmod, 7, 2, timeout_s=30)
    (3, 1)
    """
    ctx = _ctx()
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, func, args, memory_mb), daemon=True)
    _local.without_main = True
    try:
        proc.start()  # the first call waits for the forkserver to preload (not on the clock)
    finally:
        _local.without_main = False
    send.close()
    started = time.monotonic()
    kind, payload = "failed", "no answer"
    try:
        if receive.poll(timeout_s):
            try:
                kind, payload = receive.recv()
            except (EOFError, OSError):  # the child died without an answer
                kind, payload = "failed", "no answer"
            except MemoryError:  # the answer itself is too large for us
                kind, payload = "memory", None
        else:
            kind = "timeout"
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        receive.close()
        if proc.exitcode is not None:
            proc.close()
    if kind == "ok":
        return payload
    if kind == "timeout":
        raise BoundedError("bounded.timeout", seconds=f"{timeout_s:g}")
    if kind == "memory":
        raise BoundedError("bounded.memory", mb=memory_mb)
    elapsed = time.monotonic() - started
    raise BoundedError("bounded.failed", detail=payload, seconds=f"{elapsed:.1f}")
