"""What the run engine tells the control plane: a source run started, a source run finished.

The engine never waits on an observer: `source_started` and `source_finished` only hand the
news over, and `flow_run_id` answers with what is known at that moment. The Prefect control
plane (`flows/orchestration/control_plane.py`) implements this; without one nothing is sent.
"""

from __future__ import annotations

from typing import Protocol

from flows.engine.source_summary import SourceRunSummary


class RunObserver(Protocol):
    def source_started(self, source: str, run_id: str) -> None: ...

    def source_finished(self, summary: SourceRunSummary) -> None: ...

    def flow_run_id(self, run_id: str) -> str | None:
        """The orchestrator's id for this source run, if it is known already (never waits)."""
        ...


class NoObserver:
    """Nobody to tell: runs are recorded in the warehouse alone."""

    def source_started(self, source: str, run_id: str) -> None:
        return None

    def source_finished(self, summary: SourceRunSummary) -> None:
        return None

    def flow_run_id(self, run_id: str) -> str | None:
        return None


NO_OBSERVER = NoObserver()
