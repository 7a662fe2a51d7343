#!/usr/bin/env bash
# A scale-out cluster on this machine, for tests and CI (README: "Scaling out"):
#   scripts/local_cluster.sh up [DIR]     PostgreSQL + Prefect server on it + pool + 2 workers
#   scripts/local_cluster.sh down [DIR]   stop them all by the pids recorded in DIR/cluster.json
# DIR defaults to $NEWSETL_CLUSTER_DIR, else /tmp/newsetl-cluster. Everything binds 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
action=${1:?usage: local_cluster.sh up|down [DIR]}
dir=${2:-${NEWSETL_CLUSTER_DIR:-/tmp/newsetl-cluster}}
case "$action" in
    up) uv run --locked newsetl cluster up --dir "$dir" --workers "${NEWSETL_CLUSTER_WORKERS:-2}" ;;
    down) uv run --locked newsetl cluster down --dir "$dir" ;;
    *) echo "usage: local_cluster.sh up|down [DIR]" >&2; exit 2 ;;
esac
