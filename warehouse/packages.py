"""Load packages: a source run's transformed rows as Parquet plus a manifest, committed later by
the one loader (issue 14).

A worker never opens the warehouse for writing: it writes a package into
`<data>/packages/incoming/<id>.tmp/`, fsyncs every file, writes `manifest.json` last and
renames the directory to `<data>/packages/ready/<id>/` (a rename is atomic, so a half-written
package is never seen by the loader). The loader rebuilds the run's `LoadBatch` from the package
and calls the same `load_batch` a one-machine run calls: one transaction whose `loads` row
(`run_id` = the package's run) proves the commit, so a crashed loader resumes without loading a
package twice. The run row with its counts, the discovery state and the `load_packages` row are
written in that same transaction, so a resumed commit never recounts anything. Then the directory
moves to `committed/` (without its WARC files: `raw/` holds the verified copy). A package the
loader cannot read moves to `failed/`, with the reason beside it, and the loader goes on.

While a worker runs, its staging directory holds `run.json` (who runs what since when) and a
`heartbeat` file it touches every few seconds: the loader reads both to commit each source's
runs in run order and to record the runs of dead workers (`warehouse/package_retention.py`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from records.article import Article, Block, Image, NotAnArticle
from records.fetch import DiscoveredLink, FetchResult
from transforms.limits import Truncation
from warehouse.connection import Warehouse
from warehouse.frontier import save_listing_gap, save_watermark
from warehouse.load import LoadBatch, LoadCounts, PageResult, load_batch
from warehouse.runs import finish_run, record_packaged_run, recorded_counts

INCOMING_DIR = "incoming"
READY_DIR = "ready"
COMMITTED_DIR = "committed"
FAILED_DIR = "failed"  # packages the loader could not read, each with `<name>.reason`
MANIFEST_NAME = "manifest.json"
RUN_FILE = "run.json"  # in a staging directory: the run being written
HEARTBEAT_FILE = "heartbeat"  # in a staging directory: touched while its worker lives
WARC_IN_RAW_FILE = "warc-in-raw"  # in a committed package: its WARC files were left to raw/
WARC_DIR_NAME = "warc"
TABLE_FILES = ("links.parquet", "responses.parquet", "pages.parquet")
# 2: pages.parquet has `truncations` (the fields cut to their limits); 1 had none, still read
FORMAT_VERSION = 2


class PackageInvalid(ValueError):
    """A package whose files do not match its manifest: never loaded."""


@dataclass
class DiscoveryMark:
    """A feed or sitemap read successfully: saved with the package's commit, not before."""

    url: str
    kind: str
    newest: datetime | None
    entries: int


@dataclass
class PackageContents:
    """Everything a source run hands to the loader."""

    run_id: str
    source: str
    created_at: datetime
    batch: LoadBatch
    flow_run_id: str | None = None
    status: str = "completed"
    error: str | None = None
    listing_pages: int = 0
    discovered: int = 0
    watermarks: list[DiscoveryMark] = field(default_factory=list)
    listing_gaps: dict[str, str | None] = field(default_factory=dict)
    produced_by: str = ""  # the worker (and host) that ran the source
    settings: dict[str, Any] | None = None  # the run's effective settings (settings.run_record)


@dataclass(frozen=True)
class CommittedPackage:
    package_id: str
    run_id: str
    source: str
    status: str
    counts: LoadCounts
    already_loaded: bool


def new_run_id(source: str, started_at: datetime) -> str:
    """The same shape `runs.start_run` gives a one-machine run."""
    return f"{started_at:%Y%m%dT%H%M%S}-{source}-{uuid.uuid4().hex[:8]}"


# -- records <-> JSON ---------------------------------------------------------------------------


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value is not None else None


def _response_json(result: FetchResult) -> str:
    record = {name: getattr(result, name) for name in result.__dataclass_fields__}
    record.pop("body")
    record["fetched_at"] = _time(result.fetched_at)
    return json.dumps(record, ensure_ascii=False)


def _response_from(record_json: str, body: bytes | None) -> FetchResult:
    record = json.loads(record_json)
    record["fetched_at"] = _parse_time(record["fetched_at"])
    return FetchResult(**record, body=body)


def _article_json(article: Article) -> str:
    record = asdict(article)
    record["body"] = [[block.kind, block.text] for block in article.body]
    record["published_at"] = _time(article.published_at)
    record["updated_at"] = _time(article.updated_at)
    return json.dumps(record, ensure_ascii=False)


def _truncations_json(cuts: list[Truncation]) -> str | None:
    return json.dumps([[c.field, c.original_chars, c.kept_chars] for c in cuts]) if cuts else None


def _truncations_from(record_json: str | None) -> list[Truncation]:
    return [Truncation(*cut) for cut in json.loads(record_json)] if record_json else []


def _article_from(record_json: str) -> Article:
    record = json.loads(record_json)
    record["body"] = tuple(Block(text, kind) for kind, text in record["body"])
    record["images"] = tuple(Image(**image) for image in record["images"])
    for name, value in record.items():
        if isinstance(value, list) and name != "body":  # JSON arrays back to the record's tuples
            record[name] = tuple(tuple(item) if isinstance(item, list) else item for item in value)
    for name in ("published_at", "updated_at"):
        record[name] = _parse_time(record[name])
    return Article(**record)


# -- writing ------------------------------------------------------------------------------------


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _write_parquet(path: Path, columns: dict[str, tuple[str, list[Any]]]) -> None:
    """One Parquet file from named, typed columns of equal length (an in-memory DuckDB)."""
    connection = duckdb.connect(":memory:")
    try:
        select = ", ".join(
            f"unnest(?::{sql_type}[]) AS {name}" for name, (sql_type, _) in columns.items()
        )
        values = [values for _, values in columns.values()]
        if not values[0]:
            # unnest of empty lists gives no row, but the file still needs its columns
            select = ", ".join(
                f"NULL::{sql_type} AS {name}" for name, (sql_type, _) in columns.items()
            )
            query = f"SELECT {select} WHERE false"  # noqa: S608 - names are ours
            values = []
        else:
            query = f"SELECT {select}"  # noqa: S608 - names are ours
        connection.execute(
            f"COPY ({query}) TO '{path.as_posix()}' (FORMAT parquet, COMPRESSION zstd)", values
        )
    finally:
        connection.close()


def _read_parquet_records(path: Path) -> list[dict[str, Any]]:
    """The rows by column name, so a column an older package lacks is simply absent."""
    connection = duckdb.connect(":memory:")
    try:
        cursor = connection.execute(
            "SELECT * FROM read_parquet(?) ORDER BY position", [path.as_posix()]
        )
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        connection.close()


def package_dirs(packages_dir: Path) -> dict[str, Path]:
    return {
        name: packages_dir / name for name in (INCOMING_DIR, READY_DIR, COMMITTED_DIR, FAILED_DIR)
    }


class PackageWriter:
    """Stages one package in `incoming/`; `publish` makes it visible to the loader atomically."""

    def __init__(
        self,
        packages_dir: Path,
        run_id: str,
        source: str,
        *,
        started_at: datetime | None = None,
        flow_run_id: str | None = None,
        produced_by: str = "",
    ) -> None:
        self.packages_dir = packages_dir
        self.run_id = run_id
        self.source = source
        self.staging = packages_dir / INCOMING_DIR / f"{run_id}.{uuid.uuid4().hex[:8]}.tmp"
        self.staging.mkdir(parents=True)
        self.warc_dir = self.staging / WARC_DIR_NAME
        run = {
            "run_id": run_id,
            "source": source,
            "created_at": _time(started_at or datetime.now(UTC)),
            "flow_run_id": flow_run_id,
            "produced_by": produced_by,
            "pid": os.getpid(),
        }
        (self.staging / RUN_FILE).write_text(json.dumps(run))
        self.beat()

    def beat(self) -> None:
        """The worker is alive: the loader records a run whose heartbeat stopped as crashed."""
        with contextlib.suppress(FileNotFoundError):  # published or discarded meanwhile
            (self.staging / HEARTBEAT_FILE).write_text(datetime.now(UTC).isoformat())

    def publish(self, contents: PackageContents) -> Path:
        """Write the tables and the manifest, fsync them, and rename into `ready/`."""
        batch = contents.batch
        links = batch.links
        _write_parquet(
            self.staging / "links.parquet",
            {
                "position": ("INTEGER", list(range(len(links)))),
                "url": ("VARCHAR", [link.url for link in links]),
                "listed_title": ("VARCHAR", [link.listed_title for link in links]),
                "listed_date": ("VARCHAR", [link.listed_date for link in links]),
                "found_on": ("VARCHAR", [link.found_on for link in links]),
            },
        )
        responses = [("listing", r) for r in batch.listing_responses] + [
            ("page", page.fetch) for page in batch.pages
        ]
        _write_parquet(
            self.staging / "responses.parquet",
            {
                "position": ("INTEGER", list(range(len(responses)))),
                "role": ("VARCHAR", [role for role, _ in responses]),
                "record": ("VARCHAR", [_response_json(result) for _, result in responses]),
                "body": ("BLOB", [result.body for _, result in responses]),
            },
        )
        pages = batch.pages
        _write_parquet(
            self.staging / "pages.parquet",
            {
                "position": ("INTEGER", list(range(len(pages)))),
                "article": ("VARCHAR", [_article_json(p.article) if p.article else None for p in pages]),
                "rejection_reason": ("VARCHAR", [p.rejection.reason if p.rejection else None for p in pages]),
                "rejection_detail": ("VARCHAR", [p.rejection.detail if p.rejection else None for p in pages]),
                "response_id": ("BIGINT", [p.response_id for p in pages]),
                "first_page_url": ("VARCHAR", [p.first_page_url for p in pages]),
                "truncations": ("VARCHAR", [_truncations_json(p.truncations) for p in pages]),
            },
        )  # fmt: skip
        files = {name: self.staging / name for name in TABLE_FILES}
        if self.warc_dir.exists():
            for path in sorted(self.warc_dir.rglob("*")):
                if path.is_file():
                    files[path.relative_to(self.staging).as_posix()] = path
        for path in files.values():
            _fsync(path)
        manifest = {
            "format": FORMAT_VERSION,
            "package_id": contents.run_id,
            "run_id": contents.run_id,
            "source": contents.source,
            "created_at": _time(contents.created_at),
            "flow_run_id": contents.flow_run_id,
            "produced_by": contents.produced_by,
            "status": contents.status,
            "error": contents.error,
            "listing_pages": contents.listing_pages,
            "discovered": contents.discovered,
            "timezone": batch.timezone,
            "changes_are_extractor_changes": batch.changes_are_extractor_changes,
            "watermarks": [
                [mark.url, mark.kind, _time(mark.newest), mark.entries]
                for mark in contents.watermarks
            ],
            "listing_gaps": contents.listing_gaps,
            "settings": contents.settings,
            "row_counts": {
                "links": len(links),
                "listing_responses": len(batch.listing_responses),
                "pages": len(pages),
            },
            "files": {name: _sha256(path) for name, path in files.items()},
        }
        manifest_path = self.staging / MANIFEST_NAME
        manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
        _fsync(manifest_path)
        _fsync(self.staging)
        ready = self.packages_dir / READY_DIR
        ready.mkdir(parents=True, exist_ok=True)
        target = ready / contents.run_id
        os.rename(self.staging, target)
        _fsync(ready)
        for name in (RUN_FILE, HEARTBEAT_FILE):  # in flight until the rename; the manifest now
            (target / name).unlink(missing_ok=True)
        return target

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


# -- reading ------------------------------------------------------------------------------------


def read_manifest(package_path: Path) -> dict[str, Any]:
    try:
        return json.loads((package_path / MANIFEST_NAME).read_text())
    except (OSError, ValueError) as error:
        raise PackageInvalid(f"{package_path}: no readable manifest ({error})") from None


def verify_package(package_path: Path, raw_dir: Path | None = None) -> dict[str, Any]:
    """The manifest, once every file it names has the checksum it records. With `raw_dir`, a
    WARC file a committed package no longer holds counts when `raw/` has it, same checksum."""
    manifest = read_manifest(package_path)
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise PackageInvalid(f"{package_path}: the manifest names no files")
    if manifest.get("format", 1) > FORMAT_VERSION:
        raise PackageInvalid(
            f"{package_path}: package format {manifest['format']} is newer than this loader "
            f"reads ({FORMAT_VERSION}); update the loader's checkout"
        )
    left_to_raw = (package_path / WARC_IN_RAW_FILE).exists()
    for name, expected in manifest["files"].items():
        path = package_path / name
        if not path.is_file() and name.startswith(WARC_DIR_NAME + "/"):
            if raw_dir is not None:
                path = raw_dir / name[len(WARC_DIR_NAME) + 1 :]
            elif left_to_raw:
                continue  # a committed package read for its records: its WARC is under raw/
        if not path.is_file() or _sha256(path) != expected:
            raise PackageInvalid(
                f"{package_path}: {name} is missing or does not match its checksum"
            )
    return manifest


def read_package(package_path: Path, raw_dir: Path | None = None) -> PackageContents:
    """Rebuild the run's records from a verified package, every table read by column name."""
    manifest = verify_package(package_path, raw_dir)
    links = [
        DiscoveredLink(row["url"], row["listed_title"], row["listed_date"], row["found_on"])
        for row in _read_parquet_records(package_path / "links.parquet")
    ]
    listing_responses: list[FetchResult] = []
    page_fetches: list[FetchResult] = []
    for row in _read_parquet_records(package_path / "responses.parquet"):
        body = row["body"]
        result = _response_from(row["record"], bytes(body) if body is not None else None)
        (listing_responses if row["role"] == "listing" else page_fetches).append(result)
    pages = [
        PageResult(
            fetch=fetch,
            article=_article_from(row["article"]) if row["article"] else None,
            rejection=NotAnArticle(row["rejection_reason"], row["rejection_detail"] or "")
            if row["rejection_reason"]
            else None,
            response_id=row["response_id"],
            first_page_url=row["first_page_url"],
            truncations=_truncations_from(row.get("truncations")),  # format 1: none
        )
        for fetch, row in zip(
            page_fetches, _read_parquet_records(package_path / "pages.parquet"), strict=True
        )
    ]
    batch = LoadBatch(
        links=links,
        listing_responses=listing_responses,
        pages=pages,
        timezone=manifest["timezone"],
        changes_are_extractor_changes=manifest["changes_are_extractor_changes"],
    )
    return PackageContents(
        run_id=manifest["run_id"],
        source=manifest["source"],
        created_at=_parse_time(manifest["created_at"]) or datetime.now(UTC),
        batch=batch,
        flow_run_id=manifest["flow_run_id"],
        status=manifest["status"],
        error=manifest["error"],
        listing_pages=manifest["listing_pages"],
        discovered=manifest["discovered"],
        watermarks=[
            DiscoveryMark(url, kind, _parse_time(newest), entries)
            for url, kind, newest, entries in manifest["watermarks"]
        ],
        listing_gaps=manifest["listing_gaps"],
        produced_by=manifest.get("produced_by", ""),
        settings=manifest.get("settings"),
    )


@dataclass(frozen=True)
class ReadyPackage:
    path: Path
    package_id: str
    source: str
    created_at: datetime


@dataclass
class ReadyScan:
    packages: list[ReadyPackage] = field(default_factory=list)  # oldest run first
    unreadable: list[tuple[Path, str]] = field(default_factory=list)  # (path, why)


def scan_ready(packages_dir: Path) -> ReadyScan:
    """Published packages not yet moved to `committed/`, oldest run first, and those whose
    manifest cannot be read (for the loader to move aside, never to stop on).

    Order matters only between runs of one source (versions build on each other); the
    manifest's `created_at` gives the order the runs happened in, whatever order they arrive in.
    """
    scan = ReadyScan()
    ready = packages_dir / READY_DIR
    if not ready.is_dir():
        return scan
    for path in sorted(ready.iterdir()):
        if not path.is_dir():
            continue
        try:
            manifest = read_manifest(path)
            created_at = _parse_time(manifest["created_at"])
            scan.packages.append(
                ReadyPackage(path, str(manifest["package_id"]), str(manifest["source"]), created_at)  # type: ignore[arg-type]
            )
        except (PackageInvalid, KeyError, TypeError, ValueError) as error:
            scan.unreadable.append((path, str(error) or type(error).__name__))
    scan.packages.sort(key=lambda package: (package.created_at, package.package_id))
    return scan


def ready_packages(packages_dir: Path) -> list[Path]:
    """The readable published packages, oldest run first (see `scan_ready`)."""
    return [package.path for package in scan_ready(packages_dir).packages]


# -- committing ---------------------------------------------------------------------------------


def is_committed(warehouse: Warehouse, run_id: str) -> bool:
    """The run's rows are in: `load_batch` wrote its `loads` row in the same transaction."""
    row = warehouse.connection.execute(
        "SELECT count(*) FROM loads WHERE run_id = ?", [run_id]
    ).fetchone()
    return bool(row and row[0])


def _install_warc_files(package_path: Path, manifest: dict[str, Any], raw_dir: Path) -> None:
    """Copy the run's WARC files to `raw/` (temp name, fsync, rename), unless already there."""
    prefix = WARC_DIR_NAME + "/"
    for name, checksum in manifest["files"].items():
        if not name.startswith(prefix):
            continue
        target = raw_dir / name[len(prefix) :]
        if target.is_file() and _sha256(target) == checksum:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + f".{uuid.uuid4().hex[:8]}.partial")
        shutil.copyfile(package_path / name, partial)
        _fsync(partial)
        os.replace(partial, target)


def commit_package(
    warehouse: Warehouse, package_path: Path, raw_dir: Path, *, now: datetime
) -> CommittedPackage:
    """Load one package exactly once, in one transaction: its rows and truncations
    (`load_batch`), its run row with the counts of that load, its discovery state and its
    `load_packages` row. A package whose `loads` row exists was committed whole: nothing is
    written again and its counts are the ones recorded with it, never recounted."""
    contents = read_package(package_path, raw_dir)
    manifest = read_manifest(package_path)
    manifest_sha256 = _sha256(package_path / MANIFEST_NAME)
    _install_warc_files(package_path, manifest, raw_dir)
    if is_committed(warehouse, contents.run_id):
        counts = LoadCounts(**recorded_counts(warehouse, contents.run_id))
        return CommittedPackage(
            manifest["package_id"], contents.run_id, contents.source, contents.status, counts, True
        )

    def bookkeeping(counts: LoadCounts) -> None:
        record_packaged_run(
            warehouse, contents.run_id, source=contents.source,
            flow_run_id=contents.flow_run_id, started_at=contents.created_at,
            produced_by=contents.produced_by, settings=contents.settings,
        )  # fmt: skip
        for mark in contents.watermarks:
            save_watermark(
                warehouse, contents.source, mark.url, mark.kind, mark.newest, mark.entries, now
            )
        for start_url, failed_url in contents.listing_gaps.items():
            save_listing_gap(warehouse, contents.source, start_url, failed_url, now)
        finish_run(
            warehouse,
            contents.run_id,
            status=contents.status,
            finished_at=now,
            counts=counts,
            listing_pages=contents.listing_pages,
            discovered=contents.discovered,
            error=contents.error,
        )
        warehouse.connection.execute(
            "INSERT INTO load_packages (package_id, run_id, source, created_at, committed_at, "
            "manifest_sha256, page_count) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [
                manifest["package_id"], contents.run_id, contents.source, contents.created_at,
                now, manifest_sha256, len(contents.batch.pages),
            ],
        )  # fmt: skip

    counts = load_batch(
        warehouse, contents.run_id, contents.source, contents.batch, now=now,
        in_transaction=bookkeeping,
    )  # fmt: skip
    return CommittedPackage(
        manifest["package_id"], contents.run_id, contents.source, contents.status, counts, False
    )


def move_to_committed(packages_dir: Path, package_path: Path) -> Path:
    """After the commit: out of `ready/`, kept for audit under `committed/` without its WARC
    files (the commit installed them, checksums verified, under `raw/`: one copy is enough)."""
    committed = packages_dir / COMMITTED_DIR
    committed.mkdir(parents=True, exist_ok=True)
    target = committed / package_path.name
    if target.exists():
        shutil.rmtree(target)
    os.rename(package_path, target)
    if (target / WARC_DIR_NAME).exists():
        (target / WARC_IN_RAW_FILE).write_text("its WARC files were installed under raw/\n")
        shutil.rmtree(target / WARC_DIR_NAME, ignore_errors=True)
    return target


def move_aside(packages_dir: Path, package_path: Path, reason: str) -> Path:
    """A package the loader cannot commit: to `failed/`, its reason in `<name>.reason`."""
    failed = packages_dir / FAILED_DIR
    failed.mkdir(parents=True, exist_ok=True)
    target = failed / package_path.name
    if target.exists():
        target = failed / f"{package_path.name}.{uuid.uuid4().hex[:8]}"
    os.rename(package_path, target)
    target.with_name(target.name + ".reason").write_text(reason + "\n")
    return target


def committed_package_ids(warehouse: Warehouse) -> Iterator[str]:
    for (package_id,) in warehouse.connection.execute(
        "SELECT package_id FROM load_packages ORDER BY committed_at"
    ).fetchall():
        yield package_id
