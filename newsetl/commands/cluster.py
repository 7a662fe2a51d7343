"""`newsetl cluster`: a whole scale-out cluster on this machine (issues 14, 19).

`up` starts, all on 127.0.0.1 and under one directory: PostgreSQL (initdb as the `postgres`
user when run as root; installs the Debian `postgresql` package with apt when
`/usr/lib/postgresql` is missing), a Prefect server using it as its database, with its UI, a
process work pool, a zombie-run automation (a flow run whose heartbeats stop is marked Crashed)
and N supervised workers: each worker runs under a small supervisor (`cluster supervise`) that
starts it again when it dies. It writes `cluster.json` (ports, API URL, supervisor pids) into
the directory. `add-worker`, `restart-worker` and `stop-worker` change the workers of a running
cluster; `down` stops every process it started by the pids recorded there (each in a process
group of its own, with the flow runs it started), then PostgreSQL with `pg_ctl stop`.
`scripts/local_cluster.sh` is the same from a shell; docs/scaling-out.md says how to run it.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from newsetl.commands.common import console

STATE_FILE = "cluster.json"
DEFAULT_POOL = "newsetl"
DEFAULT_WORKERS = 2
DEFAULT_WORKER_LIMIT = 3  # flow runs at once per worker, so a round is shared, not grabbed
HEARTBEAT_SECONDS = 30  # Prefect's minimum
CRASHED_AFTER_SECONDS = 75  # no heartbeat for this long: the flow run is marked Crashed
REPO_ROOT = Path(__file__).resolve().parents[2]


class ClusterError(RuntimeError):
    pass


@dataclass
class ClusterState:
    directory: str
    api_url: str
    pool: str
    postgres_port: int
    postgres_data: str
    postgres_bin: str
    server_pid: int = 0
    worker_pids: dict[str, int] = field(default_factory=dict)  # name -> its supervisor's pid
    ui_url: str = ""

    @property
    def database_url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.postgres_port}/prefect"

    def save(self) -> None:
        (Path(self.directory) / STATE_FILE).write_text(json.dumps(asdict(self), indent=2))

    @classmethod
    def load(cls, directory: Path) -> ClusterState:
        return cls(**json.loads((directory / STATE_FILE).read_text()))

    def worker_process(self, name: str) -> int | None:
        """The worker process its supervisor runs now (None while it restarts it)."""
        try:
            pid = int((Path(self.directory) / f"{name}.pid").read_text())
        except (OSError, ValueError):
            return None
        return pid if _alive(pid) else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def postgres_bin_dir() -> Path:
    """The newest installed PostgreSQL's bin directory; apt-installs `postgresql` if none."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    if not found and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "postgresql"], check=True, env=env)
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    if not found:
        raise ClusterError("PostgreSQL is not installed (Debian package `postgresql`)")
    return Path(found[-1])


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def prefect_env(api_url: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "PREFECT_API_URL": api_url,
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_FLOWS_HEARTBEAT_FREQUENCY": str(HEARTBEAT_SECONDS),
        "PREFECT_WORKER_QUERY_SECONDS": "1",
        "PREFECT_WORKER_PREFETCH_SECONDS": "1",
        "PREFECT_LOGGING_LEVEL": "INFO",
        **extra,
    }


def _spawn(command: list[str], log_path: Path, env: dict[str, str]) -> int:
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=REPO_ROOT,
            start_new_session=True,  # its own process group: `down` stops it and its children
        )
    return process.pid


def _wait_healthy(api_url: str, server_pid: int, timeout_seconds: float) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if not _alive(server_pid):
            raise ClusterError("the Prefect server exited; see prefect-server.log")
        time.sleep(0.5)
    raise ClusterError(f"the Prefect server did not answer at {api_url} in {timeout_seconds:.0f} s")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie child of ours counts as gone
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def start_postgres(directory: Path) -> tuple[Path, Path, int]:
    bin_dir = postgres_bin_dir()
    data = directory / "postgres"
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres")
        shutil.chown(data, "postgres")
    subprocess.run(
        _as_postgres([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"]),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    port = free_port()
    options = f"-p {port} -c listen_addresses=127.0.0.1 -k {data} -c max_connections=200"
    subprocess.run(
        _as_postgres(
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(data / "log"),
                "-w",
                "start",
            ]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run(
        [
            str(bin_dir / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            "postgres",
            "prefect",
        ],
        check=True,
    )
    return bin_dir, data, port


def create_zombie_automation(api_url: str) -> None:
    """Mark a flow run Crashed when its heartbeats stop (its worker or machine died)."""
    code = (
        "from newsetl.commands.deploy import ensure_zombie_automation; "
        f"ensure_zombie_automation({CRASHED_AFTER_SECONDS})"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=prefect_env(api_url))


def worker_command(state: ClusterState, name: str, limit: int) -> list[str]:
    return [
        sys.executable, "-m", "prefect", "worker", "start", "--pool", state.pool, "--name", name,
        "--limit", str(limit), "--work-queue", "default", "--work-queue", name,
    ]  # fmt: skip


def start_worker(state: ClusterState, name: str, limit: int = DEFAULT_WORKER_LIMIT) -> int:
    """A supervised process worker on the pool's `default` queue and on a queue of its own name
    (so a run can be pinned to it), at most `limit` flow runs at once; returns the supervisor's
    pid. A worker of that name whose supervisor still lives is left as it is."""
    directory = Path(state.directory)
    running = state.worker_pids.get(name)
    if running and _alive(running):
        return running
    subprocess.run(  # a worker does not create the queues it is told to poll
        [sys.executable, "-m", "prefect", "work-queue", "create", name, "--pool", state.pool],
        check=False, env=prefect_env(state.api_url), stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    pid = _spawn(
        [sys.executable, "-m", "newsetl.cli", "cluster", "supervise", "--dir", str(directory),
         "--name", name, "--limit", str(limit)],
        directory / f"{name}.supervisor.log",
        prefect_env(
            state.api_url, NEWSETL_WORKER_NAME=name, TMPDIR=str(worker_temp_directory(state, name))
        ),
    )  # fmt: skip
    state.worker_pids[name] = pid
    state.save()
    return pid


def worker_temp_directory(state: ClusterState, name: str) -> Path:
    """The worker's own, empty temporary directory inside the cluster's. Prefect's runner makes
    a directory per flow run and removes it when the run ends; a worker stopped or killed
    mid-run leaves it behind, and `down` (or the next start) removes it with the cluster's."""
    temp = Path(state.directory) / "tmp" / name
    shutil.rmtree(temp, ignore_errors=True)
    temp.mkdir(parents=True)
    return temp


def stop_worker(state: ClusterState, name: str) -> None:
    """Stop a worker (its supervisor, the worker and its flow runs) and forget it."""
    _stop_group(state.worker_pids.pop(name, 0))
    (Path(state.directory) / f"{name}.pid").unlink(missing_ok=True)
    state.save()


def restart_worker(state: ClusterState, name: str, limit: int = DEFAULT_WORKER_LIMIT) -> int:
    stop_worker(state, name)
    return start_worker(state, name, limit)


RESTART_DELAYS = (1.0, 2.0, 5.0, 10.0, 30.0)  # seconds before each restart in a row


def supervise(directory: Path, name: str, limit: int) -> int:
    """Run one worker and start it again whenever it dies, until SIGTERM (then stop it)."""
    state = ClusterState.load(directory)
    pid_file = directory / f"{name}.pid"
    stopping = False
    child: subprocess.Popen | None = None

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True
        if child is not None and child.poll() is None:
            child.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    restarts = 0
    while not stopping:
        started = time.monotonic()
        with (directory / f"{name}.log").open("ab") as log:
            child = subprocess.Popen(
                worker_command(state, name, limit), stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, cwd=REPO_ROOT,
            )  # fmt: skip
        pid_file.write_text(str(child.pid))
        code = child.wait()
        if stopping:
            break
        restarts = 0 if time.monotonic() - started > 60 else restarts + 1
        delay = RESTART_DELAYS[min(restarts, len(RESTART_DELAYS) - 1)]
        print(f"{name} exited with {code}; starting it again in {delay:.0f} s", flush=True)
        time.sleep(delay)
    pid_file.unlink(missing_ok=True)
    return 0


def cluster_up(
    directory: Path | None = None, *, pool: str = DEFAULT_POOL, workers: int = DEFAULT_WORKERS
) -> ClusterState:
    directory = directory or Path(tempfile.mkdtemp(prefix="newsetl-cluster-"))
    directory.mkdir(parents=True, exist_ok=True)
    bin_dir, data, pg_port = start_postgres(directory)
    api_port = free_port()
    state = ClusterState(
        directory=str(directory),
        api_url=f"http://127.0.0.1:{api_port}/api",
        pool=pool,
        postgres_port=pg_port,
        postgres_data=str(data),
        postgres_bin=str(bin_dir),
    )
    state.save()
    try:
        home = directory / "prefect-home"
        home.mkdir()
        state.server_pid = _spawn(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
             "--port", str(api_port)],
            directory / "prefect-server.log",
            prefect_env(
                state.api_url,
                PREFECT_HOME=str(home),
                PREFECT_API_DATABASE_CONNECTION_URL=state.database_url,
                PREFECT_UI_ENABLED="true",
                PREFECT_UI_API_URL=state.api_url,
            ),
        )  # fmt: skip
        state.ui_url = f"http://127.0.0.1:{api_port}"
        state.save()
        _wait_healthy(state.api_url, state.server_pid, 180)
        subprocess.run(
            [sys.executable, "-m", "prefect", "work-pool", "create", pool, "--type", "process",
             "--overwrite"],
            check=True, env=prefect_env(state.api_url), stdout=subprocess.DEVNULL,
        )  # fmt: skip
        create_zombie_automation(state.api_url)
        for number in range(1, workers + 1):
            start_worker(state, f"worker-{number}")
    except BaseException:
        cluster_down(directory)
        raise
    return state


def _stop_group(pid: int, *, grace_seconds: float = 10.0) -> None:
    """SIGTERM the process group we started `pid` in, SIGKILL whatever is left after a grace."""
    if not pid:
        return
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + grace_seconds
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.2)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (from /proc), e.g. the flow runs a worker started."""
    children: dict[int, list[int]] = {}
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            fields = Path(stat).read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.split("/")[2]))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def kill_worker_hard(state: ClusterState, name: str) -> None:
    """`kill -9` a worker and the flow runs it started, as when it dies (its supervisor lives
    on and starts it again)."""
    pid = state.worker_process(name)
    if pid is None:
        raise ClusterError(f"{name} is not running")
    for victim in [pid, *descendants(pid)]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(victim, signal.SIGKILL)


def cluster_down(directory: Path, *, remove: bool = True) -> None:
    state = ClusterState.load(directory)
    for pid in state.worker_pids.values():
        _stop_group(pid)
    _stop_group(state.server_pid)
    data = Path(state.postgres_data)
    if (data / "postmaster.pid").exists():
        subprocess.run(
            _as_postgres([str(Path(state.postgres_bin) / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
            check=False,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
    if remove:
        shutil.rmtree(directory, ignore_errors=True)


ACTIONS = ("up", "down", "add-worker", "restart-worker", "stop-worker", "supervise")


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "cluster",
        help="a local scale-out cluster: PostgreSQL, Prefect server and UI, pool, supervised "
        "workers (up, down, add-worker, restart-worker, stop-worker)",
    )
    parser.add_argument("action", choices=ACTIONS)
    parser.add_argument("--dir", help="the cluster's directory (up: default a new temp dir)")
    parser.add_argument("--pool", default=DEFAULT_POOL)
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
    parser.add_argument("--name", help="add/restart/stop-worker: the worker's name")
    parser.add_argument("--limit", type=int, default=DEFAULT_WORKER_LIMIT, help="flow runs at once")
    parser.add_argument("--keep", action="store_true", help="down: keep the directory and logs")
    parser.set_defaults(handler=command_cluster)


def command_cluster(args: argparse.Namespace) -> int:
    if args.action == "up":
        state = cluster_up(
            Path(args.dir) if args.dir else None, pool=args.pool, workers=args.workers
        )
        console.print(f"cluster up in {state.directory}; UI at {state.ui_url}")
        console.print(f"export PREFECT_API_URL={state.api_url}")
        print(state.directory, file=sys.stderr)
        return 0
    if not args.dir:
        console.print(f"[red]cluster {args.action} needs --dir (the directory `up` printed)[/red]")
        return 2
    directory = Path(args.dir)
    if args.action == "down":
        cluster_down(directory, remove=not args.keep)
        console.print("cluster down")
        return 0
    if args.action == "supervise":
        return supervise(directory, args.name, args.limit)
    state = ClusterState.load(directory)
    name = args.name or f"worker-{len(state.worker_pids) + 1}"
    if args.action == "add-worker":
        pid = start_worker(state, name, args.limit)
    elif args.action == "restart-worker":
        pid = restart_worker(state, name, args.limit)
    else:
        stop_worker(state, name)
        console.print(f"{name} stopped")
        return 0
    console.print(f"{name} supervised (supervisor pid {pid})")
    return 0
