"""Which profile serves which site: kept apart from the profiles themselves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from transforms.profiles.base import ProfileVersion
from transforms.profiles.bit import BIT_VERSIONS


@dataclass(frozen=True)
class SiteProfile:
    name: str
    domains: tuple[str, ...]
    versions: tuple[type[ProfileVersion], ...]

    def version_for(self, on: date | None = None) -> type[ProfileVersion]:
        """The template in force on `on` (today when None): the first not yet expired."""
        if on is None:
            return self.versions[-1]
        for version in self.versions:
            if version.VALID_UNTIL is None or on < version.VALID_UNTIL:
                return version
        return self.versions[-1]


PROFILES: dict[str, SiteProfile] = {
    profile.name: profile
    for profile in (
        SiteProfile("bit", ("english.bit.edu.cn", "regional.chinadaily.com.cn"), BIT_VERSIONS),
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


def profile_for_url(url: str) -> SiteProfile | None:
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    for profile in PROFILES.values():
        if any(host == domain or host.endswith("." + domain) for domain in profile.domains):
            return profile
    return None
