"""Typed article records produced by the transforms: what a page says, independent of how it was fetched."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, tzinfo
from typing import Literal
from urllib.parse import urlsplit

from records.urls import article_identity

# bumped when the transforms' output for a page changes; `newsetl reprocess` then stores what
# changed as "extractor" versions. 1.4.0: a UTC date told in the page's shown zone, titles and
# bylines read from more of the page's evidence (bench/EXTRACTION_LOG.md, third pass). 1.5.0:
# byline boxes read by the names they mark up, <time> roles, captions and consent boxes out of
# the body, links in paragraphs kept (fourth pass). 1.6.0: every author tag and sibling
# author link read, a short story in its headed <article> kept from the listing reading,
# blog plugins' boxes and chart labels out of the body (fifth pass). 1.7.0: dates of embeds,
# comments and teasers skipped, the headline's date line first, no made-up days; Chinese and
# Japanese credit lines, author names the same under any hash seed (sixth pass). 1.8.0: long
# sign-up and comment forms and login layers out of the body, paywalled paragraphs in it, the
# canonical URL and <base href> naming the page and its publisher wherever it was fetched
# from, domain names as title suffixes, UTF-8 under a stale label (seventh pass). 1.9.0: a
# date line's "by" piece names the author; a short story under its h1 or beside site menus,
# without <article> markup, kept from the listing reading; an unclosed XML declaration
# parsed past (eighth pass). 1.10.0: a post its blog engine, microformats or box names mark
# as the page's only one kept from the listing reading; skip links, leading quotations and
# photo credits in author tags handled; a page naming no other title takes its first
# headline-long subheading (ninth pass). 1.11.0: a list beside the box a short story's title
# heads no longer replaces it, a plain line under a picture saying its alt text is its caption;
# more author tags, writers' roles and credited names; the microdata headline votes and an h1's
# own subtitle or button is no part of the title (tenth pass). 1.12.0: a text printed twice
# by its template kept once; writer-classed and CJK-credited bylines, a name element spelling
# out the metadata's first name, the publisher's fragments and registered host name no
# people; a dangling title separator gone (eleventh pass). 1.13.0: teasers in list items no
# longer widen the container; a post marked as the page's only one read alone over a blogroll;
# a page naming no title lands titled from its slug or lede; a personal site's owner named as
# its writer (twelfth pass). 1.14.0: the page's only named text box read alone over a sidebar;
# a notice about the reader's browser and the publisher's service lines (a print edition's
# note, a reprint's terms) no text; a <title> never closed, an unknown tag in the head and text
# after an early </html> parsed as a browser does; "10:32 pm" in text the evening (thirteenth
# pass). 1.15.0: a call-to-action phrase the text's own paragraphs follow cuts nothing; the
# box around an e-mail sign-up form no text; a bold label and a link to another story of the
# site a teaser; a card shown on hover over a name no text (fourteenth pass). 1.16.0: a copy
# fetched from elsewhere knows its site by its canonical URL's host, or from an IP address by
# the host its menus link; a short line counting the post's comments no text (fifteenth pass).
# 1.17.0: a self-closing <html/>, <head/> or <body/> opens its element; a short closing line
# asking to follow a handle no text; the lead picture shown above a text with pictures of its
# own comes first among them; a lazy loader's stand-in or a spacer no picture, the picture
# behind it (data-src, a <picture>'s <source>) read instead; the sections a title ends with,
# when the page's menus link to them, no part of it (sixteenth pass). 1.18.0: "Text" or
# "Interview" without a colon labels a byline only before two words ("Text Size" is a control);
# "A lire aussi :" a read-also line; the page's only text box, read alone, leaves out the
# furniture named inside it; a date read from the text days away from the day the URL files the
# story under gives way to the page's line on that day, else to the URL's day; a path segment
# of eight digits that is a day ("/20080107/") or a one-digit month or day ("/2017/7/12/")
# dates the page; a Chinese credit line's staff
# code, "unknown" writer and unreadable names no author, nor a widget's "by Taboola";
# Chinese, Japanese and Korean read-also, share and QR-code lines and breadcrumbs no text,
# their rail headings end it; date labels and dates of Korean, Japanese, Hebrew, Hindi, Thai
# (Buddhist era), Vietnamese, Arabic and Turkish; byline labels of
# more languages, their "and" between two names, and names in scripts without capitals;
# author-box, comment-form and rail
# headings of more languages end the text, and their share, comment and read-also lines are
# none of it (seventeenth pass). 1.19.0: an address Python cannot parse leads nowhere instead
# of failing the page; a title the page shows as a text of its own, outside its h1s and its
# chrome, votes for itself (an h1 naming a rail, "Top Classifieds", gives way); a page with no h1
# takes the element named its headline ("<font class=storyhead>") over <title>; six h1s read, not
# three; Korean and Chinese clocks in hours and minutes ("14시 22분", "9时5分") read, where
# "2024년 3월 5일 14시 22분" once came out as 2014 at 22:00; a meta tag naming several RDFa
# properties gives each its content, and dc:creator names an author; an XHTML listing or home
# page opening with an XML declaration read for its links; a feed's reference to no character
# ("&#xD800;") the replacement character; an author link in a menu box names a columnist, not
# the story's writer (eighteenth pass); a short story shown under its headline (the title as a
# text of its own just above it) is no longer replaced by the page's rails read as a listing
# (nineteenth pass); half a character escaped in JSON-LD ("\ud800") reads as U+FFFD; a
# definition list of linked headlines and blurbs is teasers, as a list of items is. 1.21.0: a
# title naming the site gives way to the headline shown over the text; script code showing as
# text is none (twentieth pass). 1.22.0: a scholarly page's citation_author tags name its
# authors; a line saying only when among the text's first lines, with its header band's
# stubs, is no text (twenty-first pass). 1.23.0: a notice of the comment section (its rules,
# its moderation, the login it asks for) ends the text; a byline alone on its line among the
# text's first lines is no text; a box named "autor", "auteur" or "autore" holds none; the
# reading time is no text, and a stamp carrying it is a date line; a blog post naming nobody
# takes its author's name from the author's own reply among its comments; a list of other
# stories under a read-on lead-in is teasers, lead-in and all (twenty-second pass). 1.24.0: a
# byline line opens with any label an author field's names are stripped of ("Geschrieben
# von", "Publié par", "Scritto da", "Napisao"): one list of labels; the post's author's
# reply names the author also when the blog bears the name; a menu's heading led by "By" over
# its links ("By Price", "By Gender & Age") is no byline; a script inside a name box is no
# name; "Authored by" labels a byline; an account's name loses its avatar's letter ("ptf P")
# and a handle's leftover "@"; a page under a server's UTF-8 label that its bytes do not fit
# is read in its own <meta charset>; a byline's credits for reviewing, fact-checking or
# sponsoring the text name no author (twenty-third pass). 1.25.0: a heading whose box kept
# nothing else of what it holds ("Story Tools" over links that went) is no text; a short page
# saying it is no article (a soft 404, a consent wall, a bot check, a maintenance notice) is
# refused as "interstitial" (twenty-fourth pass). 1.26.0: the stories an endless-scroll page
# appends after its own under their h1s, and the other posts a blog page lists whole, leave
# the text to the one the title heads; a media player's controls, text hidden in place and a
# video widget's line are no text; a byline reads what it shows, and a category chip or a
# bold link to a map names no author (twenty-fifth pass). 1.27.0: names are read with their
# camel-case words apart ("relatedArticles", "articleByline"), not a modifier or a hash;
# comments, ads and related stories named in the site's language are furniture; a form
# field's label is no text; `data-testid` and its kin are read as names; a figure named for
# its caption keeps its picture; UTF-16 without a byte order mark is decoded (twenty-sixth pass).
# 1.28.0: a box headed as a comment thread ("Top Rated Comments") is one, and a box of links
# headed like a rail ("Related stories") is furniture; an empty ad slot's label ("Advertisement
# 2", "… but your article continues below.") is no text; a box named for a paywall holding its
# text in <div>s, not <p>s, is read, and so is any box named like boilerplate on a page
# writing its paragraphs as <div>s; a dotted date with spaces ("06. 01. 2026") is read day
# first; a box named for a breadcrumb trail is no byline, a day's name ("Montag") no author; a
# <time> of an <article> teaser (beside another, or headed by a link elsewhere) dates no
# page; a role with its desk
# ("Online-Redakteurin", "Autorin") is no name; a slashed date is read day first on a page
# that writes dates so or whose language is not American English; an embedded post's lines
# date no page (twenty-seventh pass). 1.29.0: a byline's wire agency after a name ("Jane Doe -
# Associated Press") and the <title>'s short tail after a bar (the site's name) are no part of
# the writer's name, nor is a credential after it ("MS"); a labelled byline's role after a
# comma goes; a text's labelled credit outweighs a byline naming the publisher; a rail headed
# box goes whatever prose its cards make, a rail of linked-headline cards ends the text, a
# paywall's pitch names its box, an embed's consent placeholder is no text; a heading's glued
# kicker is parted from the headline (twenty-eighth pass). 1.30.0: a site's cookie banner set
# in the text is no text, nor is a German embed's consent placeholder ("Ich bin damit
# einverstanden, dass mir externe Inhalte angezeigt werden"); "Most read in …" ends the text; a
# byline-marked name in a picture's caption beside its description, or in an element named
# for a picture's credit, credits the picture; "Jane Doe and AP" names two; `data-test`,
# `data-cy` and `data-ui-testid` are read as names; a sentence or a "Close" button in a byline
# named box is no byline; a photo agency's credit line left in the text is no text; a teaser
# card's date line dates no page; a broadcaster's "Dieses Thema im Programm" line is no text
# (twenty-ninth pass)
# 1.31.0: a custom element (`<page-section>`, `<rich-text>`) holding a block, or a text of its
# own set apart among blocks, is read as a `<div>`; a rail of teaser cards closing the text may
# be closed by a programme note's short lines, and a rail over another goes too; a link's hint for
# screen readers ("(opens in a new tab)") and a form's reCAPTCHA notice are no text; a teaser line's
# label set apart needs no bold ("<span>MORE: <a>…</a></span>"); a line cut short before its "more"
# link is an excerpt of another page, or a folded caption; a read-aloud player's note that its
# voice is a machine's is a service note (thirtieth pass)
# 1.32.0: on a page naming nobody else, a name alone in the box before the date box under the
# headline is its author; a title the share card or the JSON-LD headline says too is not given
# up for a headline shown over the text; a heading's lines part at a line break (thirty-first
# pass)
# 1.33.0: a clock the page shows without an offset is in the page's own zone (its stamps'
# offsets, its country, its language) when the source configures none, not UTC; a zone the
# clock states ("18:30 WIB", "6:33 PM ET", "(GMT+8)") is read; a UTC stamp is told in the
# page's zone, its instant kept; a labelled date reads its clock past "à", "at", "um", "|" and
# French, Spanish and Italian shortened months ("18 juil. 2024"); a clock written with a dot
# before its "Uhr" ("16.03 Uhr") is one; a date line under the headline reads its clock after
# a bar or a dash ("May 7, 2025 | 10:00 AM"); a <time>'s datetime without an offset is the
# page's wall clock too (thirty-second pass)
# 1.34.0: a box named the story's text as a BEM element ("sidebar-grid__content
# article__content") is walked whatever else its names say, and so is a box named like
# boilerplate whose twins in its parent's twins hold text (a text cut into wrapped segments); a
# heading's numbered id ("toc_1") is a jump target, no name; a line saying only the page's own
# address (a "copy the link" box's) is no text, nor is a gallery's counter or Close button; a
# part of the h1 named like a kicker after the heading's other words is its headline, kept
# (thirty-third pass)
TRANSFORMER_VERSION = "1.34.0"
# The fields every article page of a template has: a profile missing one of them is a sign the
# site changed its template (an article without an author or tags is not).
TEMPLATE_ANCHORS = frozenset({"title", "body", "published_at"})

BlockKind = Literal["paragraph", "heading"]


GENERIC_PROFILE = "generic"  # `Article.profile` of a page the generic extractor read


@dataclass(frozen=True)
class Block:
    """One unit of body text: a paragraph or a heading inside the article body."""

    text: str
    kind: BlockKind = "paragraph"


@dataclass(frozen=True)
class Image:
    src: str
    caption: str | None = None
    credit: str | None = None
    alt: str | None = None


@dataclass(frozen=True)
class Article:
    """A normalised article, ready to be versioned by the warehouse."""

    url: str
    canonical_url: str
    title: str
    body: tuple[Block, ...]
    published_at: datetime | None = None
    updated_at: datetime | None = None
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    editor_note: str | None = None
    images: tuple[Image, ...] = ()
    tags: tuple[str, ...] = ()
    language: str | None = None
    profile: str = GENERIC_PROFILE
    # A site-given identity that every URL of one article shares (China Daily's platform-wide
    # c_<id> serves one article on two hosts); None: the canonical URL is the identity.
    article_key: str | None = None
    confidence: float = 1.0
    # Credit lines taken out of the body ("Editor: Liu Fang", "Translated by Zhang Wei").
    credits: tuple[str, ...] = ()
    # Provenance, excluded from content_hash: which source served each field
    # (("title", "bit:news2020-v1"), ("body", "generic"), ("published_at", "labels"), ...),
    # the fields the chosen profile version's own selectors missed (its drift signal), the
    # article's other pages as the page links them, and the pages `assemble_pages` lacked.
    field_sources: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    profile_misses: tuple[str, ...] = field(default=(), compare=False)
    continuation_urls: tuple[str, ...] = field(default=(), compare=False)
    missing_pages: tuple[str, ...] = field(default=(), compare=False)
    transformer_version: str = TRANSFORMER_VERSION
    content_hash: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.content_hash:
            object.__setattr__(self, "content_hash", content_hash(self))

    @property
    def sources(self) -> dict[str, str]:
        """`field_sources` as a dict: `{"body": "generic", "title": "bit:news2020-v1", ...}`."""
        return dict(self.field_sources)

    @property
    def incomplete(self) -> bool:
        """An article assembled without all of its pages."""
        return bool(self.missing_pages)

    @property
    def missed_a_template_anchor(self) -> bool:
        """The profile's own selector missed the title, body or date (a fallback served it)."""
        return not TEMPLATE_ANCHORS.isdisjoint(self.profile_misses)

    @property
    def paragraphs(self) -> list[str]:
        return [block.text for block in self.body if block.kind == "paragraph"]

    @property
    def text(self) -> str:
        """Body text as the pipeline stores it: blocks separated by blank lines."""
        return "\n\n".join(block.text for block in self.body)

    @property
    def word_count(self) -> int:
        return sum(len(block.text.split()) for block in self.body)

    def to_json_dict(self) -> dict:
        record = asdict(self)
        for key in ("published_at", "updated_at"):
            if record[key] is not None:
                record[key] = record[key].isoformat()
        record["field_sources"] = self.sources
        record["word_count"] = self.word_count
        return record


def _without_own_host(src: str, page_url: str) -> str:
    """An image on the page's own host is the same image whichever host served the page."""
    source, page = urlsplit(src), urlsplit(page_url)
    if source.netloc and source.netloc == page.netloc:
        return source.path + (f"?{source.query}" if source.query else "")
    return src


def identity_of(article: Article) -> str:
    """What makes two extracted pages one article."""
    return article.article_key or article_identity(article.canonical_url)


def content_hash(article: Article) -> str:
    """SHA-256 over the normalised fields a reader sees; fetch details and scores are excluded."""
    hashed = {
        # http/https and www spellings (or two hosts) of one article are not an edit
        "identity": identity_of(article),
        "title": article.title,
        "subtitle": article.subtitle,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "updated_at": article.updated_at.isoformat() if article.updated_at else None,
        "authors": list(article.authors),
        "editor_note": article.editor_note,
        "body": [[block.kind, block.text] for block in article.body],
        "images": [
            [_without_own_host(image.src, article.url), image.caption, image.credit]
            for image in article.images
        ],
        "tags": list(article.tags),
        "language": article.language,
    }
    if article.credits:  # only when present, so articles without credits keep their hash
        hashed["credits"] = list(article.credits)
    encoded = json.dumps(hashed, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def calendar_day(moment: datetime, source_zone: tzinfo) -> date:
    """The publication day the page's readers saw: the day in the offset the page stated. A
    UTC stamp is a server's clock rather than a reader's calendar (the extractor has already
    moved it to the zone the page shows where it could), so it is placed in the source's
    zone, as dates the page gave without any offset were."""
    if moment.utcoffset():
        return moment.date()
    return moment.astimezone(source_zone).date()


class NotAnArticle(ValueError):
    """The page cannot be extracted into an article; `reason` is a short machine-readable code."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
