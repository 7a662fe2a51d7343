"""Prefect settings for running on embedded defaults: no server needed, nothing phones home."""

from __future__ import annotations

import os

EMBEDDED_DEFAULTS = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # The temporary local API server takes 15-25 s to start here; the default 20 s can expire.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    # The CLI prints its own summary with every failure's reason; Prefect's tracebacks add noise.
    "PREFECT_LOGGING_LEVEL": "CRITICAL",
}


def apply_embedded_defaults() -> None:
    """Set each default unless the user has set it; call before importing prefect."""
    for name, value in EMBEDDED_DEFAULTS.items():
        os.environ.setdefault(name, value)


LOCAL_SERVER_URL = "http://127.0.0.1:4200/api"
REUSE_SERVER_ENV = "NEWSETL_PREFECT_REUSE_SERVER"  # "0": always the temporary server


def use_running_local_server(probe_seconds: float = 0.3) -> str | None:
    """Point Prefect at a local server already running on the default port, if there is one,
    instead of starting a temporary one for this command (5-10 s); returns its API URL.

    Only when PREFECT_API_URL is unset in the environment and NEWSETL_PREFECT_REUSE_SERVER is
    not "0"; call before importing prefect.
    """
    import urllib.error
    import urllib.request

    if os.environ.get("PREFECT_API_URL") or os.environ.get(REUSE_SERVER_ENV, "1") == "0":
        return None
    try:
        with urllib.request.urlopen(f"{LOCAL_SERVER_URL}/health", timeout=probe_seconds) as answer:
            healthy = answer.status == 200 and answer.read(16).strip() == b"true"
    except (OSError, urllib.error.URLError, ValueError):
        return None
    if not healthy:
        return None
    os.environ["PREFECT_API_URL"] = LOCAL_SERVER_URL
    return LOCAL_SERVER_URL
