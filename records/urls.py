"""URL canonicalisation: one article, one URL. Pure: strings in, strings out."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import SplitResult, parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url as w3lib_canonicalize

DEFAULT_PORTS = {"http": 80, "https": 443}
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
        "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "igshid", "ref_src", "spm",
        "isappinstalled", "share_token", "scene", "srcid", "oly_enc_id", "oly_anon_id",
        "vero_id", "wickedid", "_ga", "_gl", "s_cid",
    }
)  # fmt: skip
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "ga_")
WWW = re.compile(r"^www\d?\.")
NO_PARTS = urlsplit("")


class NotHttpUrl(ValueError):
    """The URL is not an absolute http(s) URL."""


def host_key(host: str | None) -> str:
    """A host as compared for identity: lower case, no trailing dot, no `www.` prefix."""
    host = (host or "").lower().rstrip(".")
    return WWW.sub("", host)


def url_parts(url: str) -> SplitResult:
    """`urlsplit(url)`, or an empty address's parts when Python cannot parse it."""
    try:
        return urlsplit(url)
    except ValueError:
        return NO_PARTS


def join_url(base: str, href: str) -> str | None:
    """`href` resolved against `base`, or None when either is no address Python can parse
    ("http://[ccpa-preferences]", an IPv6 bracket round a name): one broken link on a page
    leads nowhere, it does not fail the page."""
    try:
        return urljoin(base, href)  # it splits both: an unparsable one raises here
    except ValueError:
        return None


def has_userinfo(url: str) -> bool:
    """`user:password@` before the host: refused, it hides where a URL really points."""
    return "@" in url_parts(url.strip()).netloc


def origin_key(url: str) -> str | None:
    """The origin of an http(s) URL as compared for "same site": host_key plus the port.

    The port is left out when it is its scheme's default, so `http://host/` and
    `https://host/` are one origin (sites such as BIT serve both) while `host:8080` is another.
    None for anything that is not an absolute http(s) URL without user info.
    """
    parts = url_parts(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname or has_userinfo(url):
        return None
    try:
        port = parts.port
    except ValueError:
        return None
    host = host_key(parts.hostname)
    return host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"


def origin_keys(urls_or_hosts: Iterable[str]) -> set[str]:
    """The origins of URLs and of bare `host` / `host:port` entries (default port when none)."""
    keys = {origin_key(item if "://" in item else f"http://{item}") for item in urls_or_hosts}
    return {key for key in keys if key}


def is_tracking_param(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def canonical_url(url: str, *, preferred_hosts: dict[str, str] | None = None) -> str:
    """The frontier key of `url`.

    Lower-case scheme and host, no default port, no fragment, no tracking parameters, the
    remaining query sorted and percent-encoding normalised (w3lib). `www.host` and `host` are
    one site: when `preferred_hosts` maps `host_key(host)` to a spelling (the source's own
    host), that spelling is used, so the URL stays fetchable.
    """
    parts = url_parts(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        raise NotHttpUrl(f"not an absolute http(s) URL: {url!r}")
    if has_userinfo(url):
        raise NotHttpUrl(f"user info in URL: {url!r}")
    host = parts.hostname.lower().rstrip(".")
    if preferred_hosts:
        host = preferred_hosts.get(host_key(host), host)
    try:
        port = parts.port
    except ValueError:
        raise NotHttpUrl(f"bad port in {url!r}") from None
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = urlencode(
        [
            (name, value)
            for name, value in parse_qsl(parts.query, keep_blank_values=True)
            if not is_tracking_param(name)
        ]
    )
    path = parts.path or "/"
    return w3lib_canonicalize(urlunsplit((scheme, netloc, path, query, "")))


def preferred_hosts_for(urls: list[str]) -> dict[str, str]:
    """host_key -> the host as first spelled in `urls` (the source's base and listing URLs)."""
    preferred: dict[str, str] = {}
    for url in urls:
        host = (url_parts(url).hostname or "").lower()
        if host:
            preferred.setdefault(host_key(host), host)
    return preferred


def try_canonical_url(url: str, *, preferred_hosts: dict[str, str] | None = None) -> str | None:
    try:
        return canonical_url(url, preferred_hosts=preferred_hosts)
    except NotHttpUrl:
        return None


def article_identity(url: str) -> str:
    """What makes two URLs one article: the canonical URL without its scheme and `www.`.

    Sites serve the same page over http and https, with and without `www.` (BIT's current
    template does both), and those must never become two articles.
    """
    canonical = try_canonical_url(url)
    if canonical is None:
        return url.strip()
    parts = urlsplit(canonical)
    netloc = host_key(parts.hostname) + (f":{parts.port}" if parts.port else "")
    return urlunsplit(("", netloc, parts.path, parts.query, "")).removeprefix("//")
