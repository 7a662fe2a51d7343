"""Argument types shared by the sub-commands: a bad value is a usage error (exit 2), said by
argparse in one line with the option's name, before anything starts."""

from __future__ import annotations

import argparse
import re


def http_url(value: str) -> str:
    """An absolute http(s) URL with a host (a port, if any, that exists; no user info)."""
    from records.urls import origin_key  # imports w3lib: not while the parser is built

    if origin_key(value) is None:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not an http(s) URL with a host (e.g. https://news.example.edu/)"
        )
    return value


def regex(value: str) -> str:
    """A regular expression Python can compile."""
    try:
        re.compile(value)
    except re.error as error:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a valid regular expression: {error}"
        ) from None
    return value


def positive_int(value: str) -> int:
    """A whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number
