"""Length limits on an article's text fields, applied once, just before load. Pure."""

from __future__ import annotations

from dataclasses import dataclass, replace

from records.article import Article, Image

TRUNCATION_MARK = "…"


@dataclass(frozen=True)
class TextLimits:
    max_title_chars: int = 1000
    max_field_chars: int = 5000  # subtitle, editor's note, each author, tag and image caption


NO_LIMITS = TextLimits(max_title_chars=2**62, max_field_chars=2**62)


@dataclass(frozen=True)
class Truncation:
    field: str  # title, subtitle, editor_note, authors[0], tags[2], images[1].caption, ...
    original_chars: int
    kept_chars: int


def _cut(value: str, limit: int) -> str:
    return value[: max(0, limit - len(TRUNCATION_MARK))] + TRUNCATION_MARK


def cap_text_fields(article: Article, limits: TextLimits) -> tuple[Article, list[Truncation]]:
    """The article with every over-long text field cut to its limit, and what was cut.

    The content hash is kept: it describes the page as extracted, so an unchanged page still
    compares equal to its last version whatever the limits were.
    """
    cuts: list[Truncation] = []

    def capped(name: str, value: str | None, limit: int) -> str | None:
        if value is None or len(value) <= limit:
            return value
        kept = _cut(value, limit)
        cuts.append(Truncation(name, len(value), len(kept)))
        return kept

    title = capped("title", article.title, limits.max_title_chars) or ""
    subtitle = capped("subtitle", article.subtitle, limits.max_field_chars)
    editor_note = capped("editor_note", article.editor_note, limits.max_field_chars)
    authors = tuple(
        capped(f"authors[{n}]", author, limits.max_field_chars) or ""
        for n, author in enumerate(article.authors)
    )
    tags = tuple(
        capped(f"tags[{n}]", tag, limits.max_field_chars) or ""
        for n, tag in enumerate(article.tags)
    )
    images = tuple(
        Image(
            image.src,
            capped(f"images[{n}].caption", image.caption, limits.max_field_chars),
            capped(f"images[{n}].credit", image.credit, limits.max_field_chars),
            capped(f"images[{n}].alt", image.alt, limits.max_field_chars),
        )
        for n, image in enumerate(article.images)
    )
    if not cuts:
        return article, []
    shortened = replace(
        article,
        title=title,
        subtitle=subtitle,
        editor_note=editor_note,
        authors=authors,
        tags=tags,
        images=images,
        content_hash=article.content_hash,
    )
    return shortened, cuts
