"""Which profile serves which site: kept apart from the profiles themselves (Fundus's registry).

Version choice for a page (`SiteProfile.choose_version`): the page's evidence first. Every
version is scored by the share of its DOM markers the page has; the URL shape adds a hint;
the best score wins, and its margin over the runner-up is the choice's confidence.

Version choice without a page (`SiteProfile.version_for`):
- with a date (`on`: the crawl or publication date), the first version whose `VALID_UNTIL` is
  still ahead, as Fundus does;
- without one, the version whose `URL_PATTERN` matches the URL. The sites here publish static
  pages that keep the template they were rendered with, and each template has its own URL
  shape, so the URL tells the template of an old page even when it is crawled today;
- else the publication date in the URL (`/2019/08/14/slug`), read as `on`;
- else the newest version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from transforms.dates import date_from_url
from transforms.page import Page
from transforms.profiles.alder_valley import ALDER_VALLEY_VERSIONS
from transforms.profiles.ashcombe import ASHCOMBE_VERSIONS
from transforms.profiles.base import ProfileVersion
from transforms.profiles.bit import BIT_VERSIONS
from transforms.profiles.kestrel_bay import KESTREL_BAY_VERSIONS
from transforms.profiles.ynu import YNU_VERSIONS


@dataclass(frozen=True)
class SiteProfile:
    name: str
    domains: tuple[str, ...]
    versions: tuple[type[ProfileVersion], ...]  # oldest first
    timezone: str = "UTC"  # the source's zone, for dates the page gives without an offset

    def version_for(self, on: date | None = None, url: str | None = None) -> type[ProfileVersion]:
        """The template in force on `on`; without a date, the one whose URL shape `url` has."""
        if on is None:
            if url is not None:
                for version in reversed(self.versions):
                    if version.matches_url(url):
                        return version
                published = date_from_url(url)
                on = published.date() if published else None
            if on is None:
                return self.versions[-1]
        for version in self.versions:
            if version.VALID_UNTIL is None or on < version.VALID_UNTIL:
                return version
        return self.versions[-1]

    def choose_version(
        self, page: Page, on: date | None = None
    ) -> tuple[type[ProfileVersion], float]:
        """The version for this page: by date when `on` is given, else by the page's evidence."""
        if on is not None:
            return self.version_for(on=on), 1.0
        return choose_version(self.versions, page, self.version_for(url=page.url))


URL_HINT_WEIGHT = 0.25  # what a matching URL shape adds to a version's marker score


def choose_version(
    versions: tuple[type[ProfileVersion], ...],
    page: Page,
    hinted: type[ProfileVersion] | None = None,
) -> tuple[type[ProfileVersion], float]:
    """The version the page's markup shows, and a confidence in 0..1; `hinted` (the URL's
    version) gets a bonus that decides ties and never outweighs clear markup."""
    scored = sorted(
        (
            (version.evidence(page) + (URL_HINT_WEIGHT if version is hinted else 0.0), -i)
            for i, version in enumerate(versions)
        ),
        reverse=True,
    )
    best, index = scored[0][0], -scored[0][1]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    confidence = min(1.0, best / (1 + URL_HINT_WEIGHT)) * (
        1.0 if runner_up == 0 else min(1.0, 0.5 + (best - runner_up))
    )
    return versions[index], confidence


PROFILES: dict[str, SiteProfile] = {
    profile.name: profile
    for profile in (
        SiteProfile(
            "bit",
            ("english.bit.edu.cn", "regional.chinadaily.com.cn"),
            BIT_VERSIONS,
            "Asia/Shanghai",
        ),
        SiteProfile("ynu", ("english.ynu.edu.cn",), YNU_VERSIONS, "Asia/Shanghai"),
        SiteProfile(
            "alder_valley", ("news.aldervalley.edu",), ALDER_VALLEY_VERSIONS, "America/Chicago"
        ),
        SiteProfile(
            "kestrel_bay", ("news.kestrelbay.edu.au",), KESTREL_BAY_VERSIONS, "Australia/Brisbane"
        ),
        SiteProfile("ashcombe", ("ashcombe.ac.uk",), ASHCOMBE_VERSIONS, "Europe/London"),
    )
}


def get_profile(name: str) -> SiteProfile:
    try:
        return PROFILES[name]
    except KeyError:
        known = ", ".join(sorted(PROFILES)) or "none"
        raise KeyError(
            f"unknown extraction profile {name!r} (known: {known}, or 'generic')"
        ) from None


def profile_names() -> tuple[str, ...]:
    """Every site profile's name; a source may also name "generic" (no site profile)."""
    return tuple(sorted(PROFILES))


def profile_for_url(url: str) -> SiteProfile | None:
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    for profile in PROFILES.values():
        if any(host == domain or host.endswith("." + domain) for domain in profile.domains):
            return profile
    return None
