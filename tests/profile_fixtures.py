"""Recorded pages for the site profiles: `fixtures/profiles/<profile>/<version>/<name>.html.gz`
beside the expected `<name>.json` (`Article.to_json_dict()` minus VOLATILE). Shared by
tests/transforms/test_profiles.py and scripts/regenerate_profile_fixtures.py.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

from records.article import Article
from transforms.decode import decode_html
from transforms.extract import extract_article
from transforms.profiles.base import ProfileVersion
from transforms.profiles.registry import PROFILES, SiteProfile

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "profiles"
VOLATILE = ("transformer_version",)  # bumps with every release; not a property of the page


def version_dir(profile: SiteProfile, version: type[ProfileVersion]) -> Path:
    """`bit:news2020-v1` -> fixtures/profiles/bit/news2020-v1."""
    return FIXTURES / profile.name / version.NAME.split(":", 1)[-1]


@dataclass(frozen=True)
class Fixture:
    profile: SiteProfile
    version: type[ProfileVersion]
    page: Path  # <name>.html.gz

    @property
    def expected_path(self) -> Path:
        return self.page.with_name(self.page.name.removesuffix(".html.gz") + ".json")

    @property
    def id(self) -> str:
        return f"{self.version.NAME}/{self.page.name.removesuffix('.html.gz')}"

    def html(self) -> str:
        text, _ = decode_html(gzip.decompress(self.page.read_bytes()))
        return text

    def expected(self) -> dict:
        return json.loads(self.expected_path.read_text("utf-8"))

    def extract(self, url: str | None = None) -> Article:
        return extract_article(
            self.html(), url or self.expected()["url"], profile=self.profile.name
        )


def fixtures() -> list[Fixture]:
    return [
        Fixture(profile, version, page)
        for profile in PROFILES.values()
        for version in profile.versions
        for page in sorted(version_dir(profile, version).glob("*.html.gz"))
    ]


def record(article: Article) -> dict:
    """What the expected JSON holds: JSON types (lists, not tuples), VOLATILE fields dropped."""
    data = article.to_json_dict()
    for key in VOLATILE:
        data.pop(key, None)
    return json.loads(json.dumps(data))


def dump(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
