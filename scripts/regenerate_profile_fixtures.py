"""Rewrite the expected JSON of every profile fixture, or record a new page, then show what moved.

    uv run python scripts/regenerate_profile_fixtures.py            # rewrite all, print a summary
    uv run python scripts/regenerate_profile_fixtures.py --check    # summary only, exit 1 on drift
    uv run python scripts/regenerate_profile_fixtures.py --add PROFILE URL PAGE.html NAME

`--add` gzips PAGE.html (bytes as served: keep its original encoding) into the directory of the
version the registry picks for URL, then writes its JSON. Review `git diff tests/fixtures` before
committing: the JSON is the specification of the profile.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from profile_fixtures import Fixture, dump, fixtures, record, version_dir  # noqa: E402

from transforms.profiles.registry import get_profile  # noqa: E402


def changed_fields(old: dict, new: dict) -> list[str]:
    return sorted(key for key in old.keys() | new.keys() if old.get(key) != new.get(key))


def add(profile_name: str, url: str, page: Path, name: str) -> Fixture:
    profile = get_profile(profile_name)
    folder = version_dir(profile, profile.version_for(url=url))
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.html.gz"
    target.write_bytes(gzip.compress(page.read_bytes(), mtime=0))
    fixture = Fixture(profile, profile.version_for(url=url), target)
    fixture.expected_path.write_text(dump(record(fixture.extract(url))), "utf-8")
    print(f"added {fixture.id}: {target.relative_to(ROOT)}")
    return fixture


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="do not write, exit 1 on drift")
    parser.add_argument("--add", nargs=4, metavar=("PROFILE", "URL", "PAGE", "NAME"))
    args = parser.parse_args()
    if args.add:
        profile_name, url, page, name = args.add
        add(profile_name, url, Path(page), name)
        return 0
    drifted = 0
    for fixture in fixtures():
        old = fixture.expected() if fixture.expected_path.exists() else {}
        new = record(fixture.extract(old.get("url")))
        fields = changed_fields(old, new)
        if not fields:
            print(f"  unchanged  {fixture.id}")
            continue
        drifted += 1
        print(f"  CHANGED    {fixture.id}: {', '.join(fields)}")
        if not args.check:
            fixture.expected_path.write_text(dump(new), "utf-8")
    print(f"{drifted} fixture(s) {'differ' if args.check else 'rewritten'}")
    return 1 if args.check and drifted else 0


if __name__ == "__main__":
    raise SystemExit(main())
