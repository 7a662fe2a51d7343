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
