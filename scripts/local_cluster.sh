#!/usr/bin/env bash
# A scale-out cluster on this machine, for trying it, tests and CI (docs/scaling-out.md):
#   scripts/local_cluster.sh up [DIR]        PostgreSQL + Prefect server (and UI) + pool + 2
#                                            supervised workers (each restarted when it dies)
#   scripts/local_cluster.sh down [DIR]      stop all it started, by the pids in DIR/cluster.json
#   scripts/local_cluster.sh add-worker|restart-worker|stop-worker [DIR] NAME
# DIR defaults to $NEWSETL_CLUSTER_DIR, else /tmp/newsetl-cluster. Everything binds 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
usage="usage: local_cluster.sh up|down [DIR] | add-worker|restart-worker|stop-worker [DIR] NAME"
action=${1:?$usage}
case "$action" in
    up|down) dir=${2:-${NEWSETL_CLUSTER_DIR:-/tmp/newsetl-cluster}} ;;
    *-worker)
        if [ $# -ge 3 ]; then dir=$2; name=$3; else dir=${NEWSETL_CLUSTER_DIR:-/tmp/newsetl-cluster}; name=${2:?$usage}; fi ;;
esac
case "$action" in
    up) uv run --locked newsetl cluster up --dir "$dir" --workers "${NEWSETL_CLUSTER_WORKERS:-2}" ;;
    down) uv run --locked newsetl cluster down --dir "$dir" ;;
    add-worker|restart-worker|stop-worker) uv run --locked newsetl cluster "$action" --dir "$dir" --name "$name" ;;
    *) echo "$usage" >&2; exit 2 ;;
esac
