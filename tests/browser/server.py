"""The one starter of a real ``streamlit run`` server, for the browser tests and the benchmarks.

    with StreamlitServer(database_url, log_path) as server:
        page.goto(server.url)

A server runs ``streamlit_app.py`` (or another ``script``) from the repository root on
127.0.0.1, on a free port unless one is given, with ``DATABASE_URL`` and any ``env`` added to
this process's environment; ``start`` returns once ``/_stcore/health`` answers. ``stop`` and
``start`` again reuse the port (a tablet reconnects to the same address after a restart).
Only the standard library is used, so ``bench/*.py`` can import this without pytest or
Playwright (``python bench/child_taps.py`` from the repository root)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 60
HEALTH_POLL_S = 0.3  # between health checks while the server process starts up


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StreamlitServer:
    """One ``streamlit run`` subprocess; its output goes to ``log_path`` (appended to)."""

    def __init__(
        self,
        database_url: str,
        log_path: Path,
        *,
        script: Path = ROOT / "streamlit_app.py",
        port: int | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        self.database_url, self.log_path, self.script = database_url, Path(log_path), script
        self.port = port or free_port()
        self.env = env or {}
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> StreamlitServer:
        """Start the server and wait until it answers its health check (at most 60 s)."""
        env = {**os.environ, "DATABASE_URL": self.database_url, "PYTHONUNBUFFERED": "1",
               **self.env}
        with self.log_path.open("ab") as log:  # the child keeps its own copy of the handle
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", str(self.script),
                 "--server.port", str(self.port), "--server.address", "127.0.0.1",
                 "--server.headless", "true"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited early; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(HEALTH_POLL_S)  # the process is still starting: ask again soon
        self.stop(signal.SIGKILL)
        raise RuntimeError(f"streamlit did not become healthy; see {self.log_path}")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        """Send ``sig`` (SIGKILL: a crash, no clean shutdown) and wait until the process is
        gone; a server that ignores SIGTERM for 10 s is killed."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(sig)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def __enter__(self) -> StreamlitServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
