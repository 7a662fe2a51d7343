"""Raw responses as they came, in WARC files, so any page can be re-transformed without the network."""

from __future__ import annotations

import hashlib
import threading
import weakref
import zlib
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# The archived body is the decoded payload, so transfer details no longer describe it.
DROPPED_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}
# zlib's default. warcio compresses at 9, which on real pages (260 KB of HTML on average in the
# Fundus corpus) costs 9.1 ms a page against 5.8 ms at 6 and makes files only 0.6 % smaller,
# in the run's own process, the one every fetched page waits for.
GZIP_LEVEL = 6


class UnsafePath(ValueError):
    """A path built from a source name or a stored file name points outside its folder."""


def contained_path(root: Path, relative: str | Path) -> Path:
    """`root / relative`, resolved; raises UnsafePath unless it stays inside `root`."""
    base = root.resolve()
    path = (base / relative).resolve()
    if not path.is_relative_to(base) or path == base:
        raise UnsafePath(f"{relative!s} points outside {root}: refused")
    return path


@dataclass(frozen=True)
class ArchivedRecord:
    warc_file: str
    offset: int
    length: int
    body_sha256: str


@dataclass(frozen=True)
class ArchivedResponse:
    url: str
    status_code: int
    headers: dict[str, str]
    body: bytes


_FILE_LOCKS: weakref.WeakValueDictionary[Path, threading.Lock] = weakref.WeakValueDictionary()
_FILE_LOCKS_GUARD = threading.Lock()


def _file_lock(path: Path) -> threading.Lock:
    """One lock per WARC file, however many `WarcArchive`s of the run write to it (a fetch
    batch and a multi-page article's later pages append at once from two threads)."""
    with _FILE_LOCKS_GUARD:
        lock = _FILE_LOCKS.get(path)
        if lock is None:
            lock = threading.Lock()
            _FILE_LOCKS[path] = lock
        return lock


class WarcArchive:
    """One gzipped WARC file per run and source; records are appended from many threads."""

    def __init__(self, raw_dir: Path, source: str, run_id: str) -> None:
        self.raw_dir = raw_dir
        self.relative_path = Path(source) / f"{run_id}.warc.gz"
        self.path = contained_path(raw_dir, self.relative_path)
        self._lock = _file_lock(self.path.resolve())

    def append(
        self, url: str, status_code: int, reason: str, headers: dict[str, str], body: bytes
    ) -> ArchivedRecord:
        http_headers = StatusAndHeaders(
            f"{status_code} {reason}".strip(),
            [
                (name, value)
                for name, value in headers.items()
                if name.lower() not in DROPPED_HEADERS
            ],
            protocol="HTTP/1.1",
        )
        digest = hashlib.sha256(body).hexdigest()
        # The record is built and compressed before the file's lock is taken: built under it,
        # eight fetch threads queued behind each other's gzip and digests, and the hand-offs
        # cost more CPU than the records (one gzip member a record, so the bytes are the same).
        record_bytes = BytesIO()
        writer = WARCWriter(record_bytes, gzip=False)
        writer.write_record(
            writer.create_warc_record(
                url, "response", payload=BytesIO(body), http_headers=http_headers
            )
        )
        data = gzip_member(record_bytes.getvalue())
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("ab") as handle:
                offset = handle.tell()
                handle.write(data)
                handle.flush()
                length = len(data)
        return ArchivedRecord(str(self.relative_path), offset, length, digest)


def gzip_member(data: bytes) -> bytes:
    """One gzip member: a WARC reader can seek to any record's offset and read it alone."""
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS + 16)
    return compressor.compress(data) + compressor.flush()


def read_archived(raw_dir: Path, warc_file: str, offset: int) -> ArchivedResponse:
    """Read back the one response record stored at `offset`."""
    with contained_path(raw_dir, warc_file).open("rb") as handle:
        handle.seek(offset)
        for record in ArchiveIterator(handle):
            if record.rec_type != "response":
                continue
            headers = {name.lower(): value for name, value in record.http_headers.headers}
            status = int(record.http_headers.get_statuscode() or 0)
            return ArchivedResponse(
                record.rec_headers.get_header("WARC-Target-URI"),
                status,
                headers,
                record.content_stream().read(),
            )
    raise ValueError(f"no response record in {warc_file} at offset {offset}")
