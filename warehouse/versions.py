"""Version decisions: an article's identity, and whether a newly extracted page is a new version."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from records.article import Article, NotAnArticle, identity_of

# A new body shorter than the last version's by more than this share is quarantined, not loaded.
BODY_LENGTH_DROP_RATIO = 0.7


def article_id_for(article: Article, source: str) -> str:
    """Stable across versions; one id for http/https and `www.` spellings, or a site's own key.

    Scoped by source: two sources whose pages name the same canonical URL or site key (a
    syndicated story, a platform shared by several sites) keep an article each, never
    versions of one another's."""
    key = f"{source}\n{identity_of(article)}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def unscoped_article_id_for(article: Article) -> str:
    """The id articles were given before ids were scoped by source (warehouses from before
    2026-11-26): the load still finds an article stored under it, for its own source only."""
    return hashlib.sha256(identity_of(article).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class VersionDecision:
    """What a newly extracted page means for its article: a new version (`change_kind`),
    nothing (`change_kind` None), or a rejection to quarantine."""

    version: int
    change_kind: str | None = None
    rejection: NotAnArticle | None = None


def decide_version(
    latest: tuple[int, str | None, bool, int] | None,
    article: Article,
    *,
    extractor_change: bool = False,
) -> VersionDecision:
    """`latest` is (version, content_hash, is_deleted, body length) of the stored latest version.

    A new version only when the content hash changed; a body that shrank by more than
    BODY_LENGTH_DROP_RATIO is more likely a broken page than an edit, so it is rejected.
    """
    if latest is None:
        return VersionDecision(1, "first")
    version, content_hash, is_deleted, body_length = latest
    if is_deleted:
        return VersionDecision(version + 1, "restored")
    if body_length and len(article.text) < (1 - BODY_LENGTH_DROP_RATIO) * body_length:
        detail = f"body fell from {body_length} to {len(article.text)} characters"
        return VersionDecision(version, rejection=NotAnArticle("body_length_drop", detail))
    if content_hash != article.content_hash:
        return VersionDecision(version + 1, "extractor" if extractor_change else "content")
    return VersionDecision(version)
