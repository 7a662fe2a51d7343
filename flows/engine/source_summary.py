"""What a source run reports: its counts and status (`SourceRunSummary`) and where its time
went (`StageTimer`)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from warehouse import LoadCounts


@dataclass
class SourceRunSummary:
    source: str
    run_id: str
    status: str = "running"
    listing_pages: int = 0
    discovered: int = 0
    counts: LoadCounts = field(default_factory=LoadCounts)
    error: str | None = None
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    flow_run_id: str | None = None  # the orchestrator's id for this run, when there is one

    def as_row(self) -> dict[str, object]:
        return {
            "source": self.source,
            "status": self.status,
            "listing_pages": self.listing_pages,
            "discovered": self.discovered,
            **self.counts.__dict__,
            "seconds": round(self.seconds, 2),
            "error": self.error or "",
        }


class StageTimer:
    """Seconds spent per stage, summed over the threads that time the same stage."""

    def __init__(self, summary: SourceRunSummary) -> None:
        self.summary = summary
        self._lock = threading.Lock()

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            elapsed = time.perf_counter() - started
            with self._lock:
                seconds = self.summary.stage_seconds
                seconds[name] = seconds.get(name, 0.0) + elapsed
