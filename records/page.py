"""A fetched page and what the transform made of it, on its way to the load; and an archived
response that could not be read back. Plain data, made in a transform worker or the run's
process alike."""

from __future__ import annotations

from dataclasses import dataclass, field

from records.article import Article, NotAnArticle
from records.fetch import FetchResult


@dataclass
class PageResult:
    """One fetched page and what the transform made of it."""

    fetch: FetchResult
    article: Article | None = None
    rejection: NotAnArticle | None = None
    response_id: int | None = None  # set when re-processing an archived response already loaded
    # transforms.limits.Truncation, one a field cut; `load_batch` records them in raw_truncations
    truncations: list = field(default_factory=list)
    # a later page of a multi-page article (or a superseded fetch of its first page): its
    # response and frontier row are written, its text is in the first page's article
    first_page_url: str | None = None


@dataclass(frozen=True)
class ReprocessError:
    response_id: int
    url: str
    warc_file: str | None
    warc_offset: int | None
    reason: str
