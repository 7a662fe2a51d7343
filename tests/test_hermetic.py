"""The suite is hermetic (issue 19): a user's exported NEWSETL_* / PREFECT_* variables reach no
test and no subprocess a test starts, so the suite passes with them exported and leaves the
directories they name untouched."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
# tests that once wrote into an exported data directory (issue 19): `verify` through the CLI's
# handler, and the package tests, which load settings the way workers do
PROBED = [
    "tests/warehouse/test_safety_verify.py",
    "tests/scale_out/test_load_packages.py",
    "tests/test_hermetic.py::test_no_exported_variable_is_visible_to_a_test",
]


def test_no_exported_variable_is_visible_to_a_test() -> None:
    """Run on its own this proves little; `test_the_suite_passes_with_...` runs it with a
    user's variables exported and it must then still see none of them."""
    leaked = {
        name: value
        for name, value in os.environ.items()
        if name in ("NEWSETL_DATA_DIR", "NEWSETL_CONFIG", "PREFECT_API_URL", "PREFECT_PROFILE")
    }
    assert leaked == {}
    assert os.environ["PREFECT_HOME"] != str(Path.home() / ".prefect")


@pytest.mark.slow
def test_the_suite_passes_with_a_users_environment_exported_and_leaves_it_untouched(
    tmp_path: Path,
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("the user's own")
    config = tmp_path / "user.toml"
    config.write_text('[settings]\ndata_dir = "%s"\n' % (tmp_path / "from-config"))
    env = {
        **os.environ,
        "NEWSETL_DATA_DIR": str(elsewhere),
        "NEWSETL_CONFIG": str(config),
        "NEWSETL_MAX_ATTEMPTS": "7",
        "PREFECT_API_URL": "http://127.0.0.1:9/api",  # nothing listens: a run sent there fails
        "PREFECT_HOME": str(tmp_path / "user-prefect-home"),
    }
    finished = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "", *PROBED],
        cwd=TESTS.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-3000:]
    assert sorted(path.name for path in elsewhere.iterdir()) == ["keep.txt"]
    assert not (tmp_path / "from-config").exists()
    assert not (tmp_path / "user-prefect-home").exists()
