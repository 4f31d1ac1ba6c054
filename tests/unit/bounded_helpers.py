"""Functions for survey.bounded tests, in a module of their own so the child process can
import them cheaply (no pytest, no hypothesis)."""

from __future__ import annotations

import os
import time


def sleep_forever() -> None:
    while True:
        time.sleep(1)


def spin_forever() -> None:
    while True:
        pass


def eat_memory(megabytes: int) -> int:
    blocks = [bytearray(1024 * 1024) for _ in range(megabytes)]
    return len(blocks)


def die() -> None:
    os._exit(3)


def fail() -> None:
    raise RuntimeError("broken on purpose")


def pid() -> int:
    return os.getpid()
