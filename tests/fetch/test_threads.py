"""The daemon pool requests run in: results in order, errors handed over, nothing waited for
at exit, pending calls cancelled when an error ends the batch."""

from __future__ import annotations

import threading

import pytest

from fetch.threads import DaemonPool


def test_results_come_in_the_order_of_the_items_and_threads_are_daemons() -> None:
    seen_daemon: list[bool] = []

    def square(number: int) -> int:
        seen_daemon.append(threading.current_thread().daemon)
        return number * number

    with DaemonPool(3, "test") as pool:
        assert pool.map(square, range(10)) == [n * n for n in range(10)]
    assert seen_daemon and all(seen_daemon)


def test_an_error_reaches_the_caller() -> None:
    def fail(number: int) -> int:
        raise ValueError(f"bad {number}")

    with pytest.raises(ValueError, match="bad 0"), DaemonPool(2, "test") as pool:
        pool.map(fail, [0, 1])


def test_leaving_on_an_error_cancels_what_has_not_started_and_waits_for_nothing() -> None:
    started, release = threading.Event(), threading.Event()

    def hold() -> bool:
        started.set()
        return release.wait()

    with pytest.raises(KeyboardInterrupt), DaemonPool(1, "test") as pool:
        running = pool.submit(hold)
        waiting = pool.submit(hold)
        assert started.wait(timeout=5)
        raise KeyboardInterrupt
    assert waiting.cancelled() and not running.done()  # left behind, not joined
    release.set()
    assert running.result(timeout=5) is True
