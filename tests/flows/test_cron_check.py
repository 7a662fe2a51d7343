"""The cron check every command runs agrees with Prefect's own validator, without importing it."""

from __future__ import annotations

import pytest
from prefect._internal.schemas.validators import validate_cron_string

from flows.operations.config_check import cron_problem

EXPRESSIONS = [
    "0 */6 * * *",
    "*/15 * * * *",
    "0 9 * * MON-FRI",
    "30 2 1 JAN *",
    "0 0 L * *",
    "0 6 * * 1#2",
    "@daily",
    "@hourly",
    "0 0 * * * 30",  # six fields: croniter's seconds
    "61 * * * *",
    "* * *",
    "0 */6 * * * * * *",
    "H 6 * * *",
    "R 6 * * *",
    "0 h * * *",
    "every day",
    "",
    "0 24 * * *",
    "0 0 31 2 *",
]


def prefect_verdict(cron: str) -> str | None:
    try:
        validate_cron_string(cron)
    except ValueError as error:
        return str(error)
    return None


@pytest.mark.parametrize("cron", EXPRESSIONS)
def test_cron_problem_says_what_prefect_says(cron: str) -> None:
    assert cron_problem(cron) == prefect_verdict(cron)


def test_some_expressions_are_refused() -> None:
    refused = [cron for cron in EXPRESSIONS if cron_problem(cron)]
    assert {"61 * * * *", "H 6 * * *", "every day"} <= set(refused)
