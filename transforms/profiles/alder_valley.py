"""Alder Valley University newsroom (news.aldervalley.edu): Drupal 10, a `news` content type.

Fields are Drupal field wrappers (`.field--name-field-<name>`): a subtitle, a byline ("By A and
B"), a hero image with a media credit field, tags. The body field holds CKEditor media embeds
(`figure.caption-drupal-media`), inline "Related:" links and a closing "Media contact" block.
Dates come from the schema_metatag JSON-LD (`datePublished` / `dateModified`, with offsets);
the visible `<time datetime>` is UTC.
"""

from __future__ import annotations

import re

from transforms.profiles.base import ProfileVersion


class AlderValleyDrupalV1(ProfileVersion):
    NAME = "alder_valley:drupal-v1"
    LANGUAGE = "en"
    URL_PATTERN = re.compile(r"/news/\d{4}/\d{2}/[\w-]+$")
    TITLE = "h1.page-title"
    SUBTITLE = "article.node--type-news .field--name-field-subtitle"
    BODY = "article.node--type-news .field--name-body"
    BODY_BLOCKS = "p, h2, h3, h4, li"
    DATE = "article.node--type-news .node__meta time"
    AUTHOR = "article.node--type-news .field--name-field-byline"
    TAGS = "article.node--type-news .field--name-field-tags .field__item a"
    LEAD_IMAGE = ".field--name-field-hero-image"
    CREDIT = ".field--name-field-credit"
    EXCLUDE = ("script", "style", ".social-share", ".visually-hidden", ".media")
    BOILERPLATE_LINES = (re.compile(r"^Related(?: stories| story| news)?\s*:", re.I),)
    BODY_END = re.compile(r"^(?:Media contacts?|###|-30-)\b", re.I)


ALDER_VALLEY_VERSIONS: tuple[type[ProfileVersion], ...] = (AlderValleyDrupalV1,)
