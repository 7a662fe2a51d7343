"""What the loader keeps, drops and reports of the package directories (issue 19).

- `incoming/<run>.tmp/`: a worker's run in progress. Its `run.json` says which source and since
  when, its `heartbeat` file is touched every few seconds. While it beats, newer packages of
  the same source wait in `ready/` (runs of one source commit in run order, whatever order
  they arrive in). Once it has not beaten for `abandoned_after_seconds` (or Prefect marked its
  flow run Crashed) its worker is dead: the run is recorded `crashed` and the directory removed.
- `committed/`: packages kept for audit (manifest and tables; their WARC files live in `raw/`),
  pruned by age and by count (`committed_package_days`, `committed_package_count`).
- `failed/`: packages the loader could not read, with the reason; an operator's to inspect.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from warehouse.packages import (
    COMMITTED_DIR,
    FAILED_DIR,
    HEARTBEAT_FILE,
    INCOMING_DIR,
    READY_DIR,
    RUN_FILE,
    PackageInvalid,
    ReadyPackage,
    verify_package,
)


@dataclass(frozen=True)
class InFlightRun:
    """A run a worker is writing (or was, when it died) in `incoming/`."""

    path: Path
    run_id: str
    source: str
    created_at: datetime
    last_beat: datetime
    flow_run_id: str | None = None
    produced_by: str = ""


def _mtime(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def in_flight_runs(packages_dir: Path) -> list[InFlightRun]:
    """Every staging directory in `incoming/`; one without `run.json` (written before issue 19,
    or a worker killed at its first instant) is a run of unknown source, beating by its mtime."""
    incoming = packages_dir / INCOMING_DIR
    if not incoming.is_dir():
        return []
    found = []
    for path in sorted(incoming.glob("*.tmp")):
        try:
            beat = path / HEARTBEAT_FILE
            last_beat = _mtime(beat) if beat.exists() else _mtime(path)
            try:
                run = json.loads((path / RUN_FILE).read_text())
            except (OSError, ValueError):
                run = {}
            created = run.get("created_at")
            found.append(
                InFlightRun(
                    path=path,
                    run_id=str(run.get("run_id") or path.name.split(".")[0]),
                    source=str(run.get("source") or ""),
                    created_at=datetime.fromisoformat(created) if created else _mtime(path),
                    last_beat=last_beat,
                    flow_run_id=run.get("flow_run_id"),
                    produced_by=str(run.get("produced_by") or ""),
                )
            )
        except FileNotFoundError:  # published or discarded while we looked
            continue
    return found


@dataclass
class Triage:
    """The in-flight runs split into live ones and dead ones (their worker is gone)."""

    live: list[InFlightRun] = field(default_factory=list)
    dead: list[InFlightRun] = field(default_factory=list)


def triage(
    runs: list[InFlightRun],
    *,
    now: datetime,
    abandoned_after_seconds: float,
    crashed_flow_runs: frozenset[str] = frozenset(),
) -> Triage:
    result = Triage()
    stale_before = now - timedelta(seconds=abandoned_after_seconds)
    for run in runs:
        dead = run.last_beat < stale_before or (run.flow_run_id or "") in crashed_flow_runs
        (result.dead if dead else result.live).append(run)
    return result


def waiting_for_older_runs(
    packages: list[ReadyPackage], live: list[InFlightRun]
) -> tuple[list[ReadyPackage], list[ReadyPackage]]:
    """(committable now, held back): a package waits while an older run of its source is still
    being written, so that runs of one source commit oldest first."""
    oldest_live: dict[str, datetime] = {}
    for run in live:
        if run.source and (
            run.source not in oldest_live or run.created_at < oldest_live[run.source]
        ):
            oldest_live[run.source] = run.created_at
    now_ok, held = [], []
    for package in packages:
        started = oldest_live.get(package.source)
        (held if started is not None and started < package.created_at else now_ok).append(package)
    return now_ok, held


def remove_dead_run(run: InFlightRun) -> None:
    shutil.rmtree(run.path, ignore_errors=True)


def prune_committed(
    packages_dir: Path, *, now: datetime, keep_days: float, keep_count: int
) -> list[Path]:
    """Delete committed packages older than `keep_days` and beyond the newest `keep_count`;
    returns those deleted. The warehouse keeps their rows and `raw/` their WARC files."""
    committed = packages_dir / COMMITTED_DIR
    if not committed.is_dir():
        return []
    by_age = sorted(
        (path for path in committed.iterdir() if path.is_dir()), key=_mtime, reverse=True
    )
    too_old = now - timedelta(days=keep_days)
    doomed = [
        path for index, path in enumerate(by_age) if index >= keep_count or _mtime(path) < too_old
    ]
    for path in doomed:
        shutil.rmtree(path, ignore_errors=True)
    return doomed


@dataclass
class PackagesReport:
    """What `newsetl verify` says of the package directories."""

    counts: dict[str, int] = field(default_factory=dict)  # per directory
    problems: list[tuple[str, str]] = field(default_factory=list)  # (where, what)


def verify_packages(
    packages_dir: Path, raw_dir: Path, *, now: datetime, abandoned_after_seconds: float
) -> PackagesReport:
    """Every ready and committed package against its manifest (a committed one's WARC files
    against `raw/`), stale staging directories, and packages moved aside."""
    report = PackagesReport()
    for name in (INCOMING_DIR, READY_DIR, COMMITTED_DIR, FAILED_DIR):
        folder = packages_dir / name
        entries = [path for path in folder.iterdir() if path.is_dir()] if folder.is_dir() else []
        report.counts[name] = len(entries)
        if name in (READY_DIR, COMMITTED_DIR):
            for path in sorted(entries):
                try:
                    verify_package(path, raw_dir if name == COMMITTED_DIR else None)
                except PackageInvalid as error:
                    report.problems.append((f"{name}/{path.name}", str(error)))
        elif name == FAILED_DIR:
            for path in sorted(entries):
                reason = path.with_name(path.name + ".reason")
                why = reason.read_text().strip() if reason.exists() else "no reason recorded"
                report.problems.append((f"{name}/{path.name}", f"moved aside: {why}"))
    stale = triage(
        in_flight_runs(packages_dir), now=now, abandoned_after_seconds=abandoned_after_seconds
    ).dead
    for run in stale:
        report.problems.append(
            (
                f"{INCOMING_DIR}/{run.path.name}",
                f"no heartbeat since {run.last_beat:%Y-%m-%d %H:%M:%S} UTC: its worker died "
                "(the loader records it crashed and removes it)",
            )
        )
    return report
