"""Where Prefect is, decided the way Prefect decides it, without importing Prefect (~1.5 s).

A one-off command records its runs in Prefect only when an API is configured: PREFECT_API_URL in
the environment, or in the active profile of Prefect's profiles file (PREFECT_PROFILE or the
file's `active`). No probing of ports: a server someone else left on 127.0.0.1:4200 is not ours.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

EMBEDDED_DEFAULTS = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # The temporary local API server of `serve` takes 15-25 s to start here; 20 s can expire.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    # The CLI prints its own summary with every failure's reason; Prefect's tracebacks add noise.
    "PREFECT_LOGGING_LEVEL": "CRITICAL",
}


def apply_embedded_defaults() -> None:
    """Set each default unless the user has set it; call before importing prefect."""
    for name, value in EMBEDDED_DEFAULTS.items():
        os.environ.setdefault(name, value)


def profiles_path() -> Path:
    if explicit := os.environ.get("PREFECT_PROFILES_PATH"):
        return Path(explicit).expanduser()
    home = Path(os.environ.get("PREFECT_HOME") or "~/.prefect").expanduser()
    return home / "profiles.toml"


def configured_api_url() -> str | None:
    """The Prefect API this process is configured to use, or None: nothing is sent anywhere."""
    if url := os.environ.get("PREFECT_API_URL", "").strip():
        return url
    path = profiles_path()
    try:
        profiles = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active")
    profile = profiles.get("profiles", {}).get(active or "", {})
    url = profile.get("PREFECT_API_URL") if isinstance(profile, dict) else None
    return str(url).strip() or None if url else None
