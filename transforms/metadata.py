"""Page metadata readers: JSON-LD, OpenGraph and plain meta tags. Pure functions on an lxml tree.

Shared by the generic extractor and by site profiles that want a fallback for a field.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from ipaddress import ip_address
from itertools import islice
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from records.urls import host_key, join_url, url_parts
from transforms.normalize import normalize_text

HtmlElement = lxml_html.HtmlElement

# markup found inside a JSON-LD articleBody
MARKUP = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
TAG = re.compile(r"<[^<>]*>")
EMBEDDED = re.compile(
    r"<(script|style|iframe|noscript|figure|figcaption|template)\b.*?</\1\s*>", re.I | re.S
)
BLOCK_END = re.compile(
    r"<br\s*/?>|</?(?:p|div|h[1-6]|li|ul|ol|blockquote|pre|table|tr|section|article)\b[^>]*>",
    re.I,
)

ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "blogposting",
        "socialmediaposting",
        "liveblogposting",
        "scholarlyarticle",
        "techarticle",
        "report",
        "webpage",
        "pressrelease",
    }
)
# WebPage is a weak match: it only wins when no real article type is on the page.
WEAK_ARTICLE_TYPES = frozenset({"webpage"})
TRAILING_COMMA = re.compile(r",\s*([}\]])")
TAG_SPLIT = re.compile(r"\s*[,;|]\s*")
AUTHOR_PREFIX = re.compile(r"^\s*(?:by|von|par|por|di|door|av|af)\s+", re.IGNORECASE)
AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b)\s*")
# one person written surname first: "Gillman, Steve", "Kooman, F.", "Jong, Michiel de"
NAME_WORD = r"[A-ZÀ-Þ][a-zß-ÿ'’]+(?:-[A-ZÀ-Þ][a-zß-ÿ'’]+)*"
SURNAME_FIRST = re.compile(
    rf"(?P<surname>{NAME_WORD}), "
    rf"(?P<given>(?:(?:{NAME_WORD}|[A-ZÀ-Þ]\.|de|van|von|der|da|di|le|la)(?: |$)){{1,3}})",
)
AUTHOR_META_KEYS = (
    "author",
    "article:author",
    "dc.creator",
    "dc:creator",
    "sailthru.author",
    "parsely-author",
    "shareaholic:article_author_name",
    "article_author",  # Advance Local: "Jane Doe | jdoe@mlive.com"
    "byl",  # The New York Times: "By JANE DOE"
    "citation_author",  # the Highwire Press tags of scholarly pages, one tag per author
)
WRITTEN_BY = re.compile(
    r"\s*(?:written by|geschrieben von|verfasst von|von|écrit par|escrito por|scritto da|"
    r"geschreven door|auteur|autor|author)\s*$",
    re.IGNORECASE,
)
PUBLISHED_KEYS = (
    "article:published_time",
    "article:published:time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "dcterms.issued",
    "citation_publication_date",  # the Highwire Press tags of scholarly pages
    "citation_online_date",
    "citation_date",
    "sailthru.date",
    "parsely-pub-date",
    "published",
    "originalpublicationdate",  # CNN
    "rnews:datepublished",  # the BBC's RDFa
)
URL_LIKE = re.compile(r"^(?:https?:)?//|^www\.")


@dataclass
class PageMetadata:
    """Everything the page says about itself outside the body text."""

    title: str | None = None
    headline: str | None = None
    description: str | None = None
    site_name: str | None = None
    published: str | None = None
    modified: str | None = None
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    language: str | None = None
    canonical_url: str | None = None
    article_body: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    # every publication date the page states, (source, text), the article's JSON-LD first
    published_candidates: tuple[tuple[str, str], ...] = ()
    publisher: str | None = None  # the JSON-LD publisher's name
    # the address relative links resolve against: `<base href>`, else the fetched URL
    base_url: str | None = None
    # for a page fetched from an IP address, the host its own links lead to (`linked_host`);
    # the generic extractor fills it in, as its options say
    linked_host: str | None = None


# -- meta tags --------------------------------------------------------------------------


def meta_tags(tree: HtmlElement) -> dict[str, str]:
    """First non-empty content of each `<meta>` keyed by lower-cased property/name/itemprop.

    Repeated tags (article:tag) are joined with " | " so none is lost, repeated author tags
    (one per author) with "; ".
    """
    found: dict[str, str] = {}
    for node in tree.iter("meta"):
        if node.get("itemprop") and of_another_item(node):
            continue
        key = node.get("property") or node.get("name") or node.get("itemprop")
        if not key:
            equiv = node.get("http-equiv")
            key = equiv.lower() if equiv else None
        # a few CMSs write the value where `content` belongs: <meta name="published" value="…">
        content = node.get("content") or node.get("value")
        if not key or not content or not content.strip():
            continue
        # RDFa's property names several at once: property="og:title twitter:title"
        keys = key.lower().split() if node.get("property") else [key.strip().lower()]
        for key in keys:
            _note_meta(found, key, content.strip())
    return found


def _note_meta(found: dict[str, str], key: str, content: str) -> None:
    if key not in found:
        found[key] = content
    elif key in ("article:tag", "keywords", "news_keywords", "og:article:tag"):
        found[key] = f"{found[key]} | {content}"
    elif key in AUTHOR_META_KEYS and content not in found[key]:
        found[key] = f"{found[key]}; {content}"  # one tag per author (dc.creator)


def of_another_item(node: HtmlElement) -> bool:
    """A microdata property of an item the page cites or lists, not of the page's own: a
    paper's reference (`itemprop="citation"`), a comment, a teaser."""
    scope = next((e for e in node.iterancestors() if e.get("itemscope") is not None), None)
    role = (scope.get("itemprop") or "").strip().lower() if scope is not None else ""
    return bool(role) and role not in OWN_ITEM_ROLES


OWN_ITEM_ROLES = frozenset({"mainentity", "mainentityofpage"})


def first_meta(meta: dict[str, str], *keys: str) -> str | None:
    for key in keys:
        value = meta.get(key)
        if value:
            text = normalize_text(value)
            if text:
                return text
    return None


def site_hosts(url: str, *stated: str | None) -> list[str]:
    """The hosts that name the site: the fetched URL's and those of the addresses the page
    states for itself (its canonical URL, its `<base href>`: a copy served from a mirror or a
    loopback origin still names its own site); an IP address names none."""
    hosts: list[str] = []
    for address in (url, *stated):
        host = (url_parts(address).hostname or "").lower() if address else ""
        if host and host not in hosts and not _is_ip_address(host):
            hosts.append(host)
    return hosts


def page_hosts(meta: PageMetadata, url: str, *, stated: bool = True) -> list[str]:
    """`site_hosts` of the fetched URL and, with `stated`, of the canonical URL and the
    `<base href>` the page states, and of the host its links lead to (`linked_host`)."""
    if not stated:
        return site_hosts(url)
    linked = f"http://{meta.linked_host}/" if meta.linked_host else None
    return site_hosts(url, meta.canonical_url, meta.base_url, linked)


# links counted for `linked_host`: the first ones are the page's header and menus
LINKED_HOST_MAX_LINKS = 1000
PROSE_TAGS = ("p", "blockquote")
PROSE_MIN_OWN_TEXT = 2.0  # a paragraph of prose: its text over twice its links' text
# labels before a host's suffix that are no name: "co" of .co.uk, "com" of .com.au
REGISTRY_LABELS = frozenset({"www", "com", "org", "net", "edu", "gov", "co", "ac"})


def linked_host(tree: HtmlElement, url: str, *, min_links: int, min_lead: float) -> str | None:
    """The host the page's absolute links lead to most, for a page fetched from an IP address
    and so named by no host of its own (a copy on a loopback origin or a mirror): its logo,
    menus and stories link the site's own address, which names the site as its host would
    have. Links in the text's paragraphs are its sources and do not count; hosts count by the
    site they belong to (www. and secure. of one site are one), and the site must lead the
    next by `min_lead` times, with at least `min_links` links: an old page's few absolute
    links may all be ads."""
    if not _is_ip_address(urlsplit(url).hostname or ""):
        return None
    by_site: Counter[str] = Counter()
    by_host: Counter[str] = Counter()
    prose: dict[HtmlElement, bool] = {}
    for link in islice(tree.iter("a"), LINKED_HOST_MAX_LINKS):
        href = (link.get("href") or "").strip()
        if not href.startswith(("http://", "https://", "//")) or _in_prose(link, prose):
            continue
        try:
            host = urlsplit(urljoin(url, href)).hostname
        except ValueError:  # "http://[broken" and other unparsable addresses
            continue
        if host and not _is_ip_address(host):
            by_site[registered_domain(host_key(host))] += 1
            by_host[host_key(host)] += 1
    ranked = by_site.most_common(2)
    if not ranked:
        return None
    site, count = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if count < min_links or count < min_lead * runner_up:
        return None
    return next(host for host, _ in by_host.most_common() if registered_domain(host) == site)


def _in_prose(link: HtmlElement, seen: dict[HtmlElement, bool]) -> bool:
    """A link in a paragraph or quote of prose (more words of its own than of its links): a
    source the text cites, not the site's menus, which old templates also set in a `<p>`.
    `seen` keeps each paragraph's answer, read once."""
    paragraph = next(link.iterancestors(*PROSE_TAGS), None)
    if paragraph is None:
        return False
    if paragraph not in seen:
        linked = sum(len(anchor.text_content()) for anchor in paragraph.iter("a"))
        seen[paragraph] = len(paragraph.text_content()) > PROSE_MIN_OWN_TEXT * linked
    return seen[paragraph]


def _labels_to_name(host: str) -> list[str]:
    labels = host.split(".")[:-1]  # the top-level domain goes
    while labels and labels[-1] in REGISTRY_LABELS:
        labels.pop()
    return labels


def registered_name(host: str) -> str:
    """The name a host is registered under, before its suffix: "ascii" of weekly.ascii.jp,
    "bbc" of www.bbc.co.uk."""
    labels = _labels_to_name(host)
    return labels[-1] if labels else ""


def registered_domain(host: str) -> str:
    """The domain a host is registered as, its name and suffix: "bbc.co.uk" of news.bbc.co.uk
    (the host itself when it has no name before its suffix)."""
    labels = _labels_to_name(host)
    return ".".join(host.split(".")[len(labels) - 1 :]) if labels else host


def _is_ip_address(host: str) -> bool:
    try:
        ip_address(host)
    except ValueError:
        return False
    return True


def document_base(tree: HtmlElement, url: str) -> str:
    """The URL relative links on the page resolve against: the first `<base href>` (itself
    resolved against `url`) when it is an http(s) address, else `url`."""
    for node in tree.iter("base"):
        href = (node.get("href") or "").strip()
        if href:
            base = join_url(url, href)
            return base if base and urlsplit(base).scheme in ("http", "https") else url
    return url


def canonical_link(tree: HtmlElement, base_url: str) -> str | None:
    for node in tree.iter("link"):
        if (node.get("rel") or "").strip().lower() == "canonical" and node.get("href"):
            href = node.get("href", "").strip()
            if href and (joined := join_url(base_url, href)):
                return joined
    return None


def html_language(tree: HtmlElement) -> str | None:
    lang = tree.get("lang") or tree.get("xml:lang")
    return lang.strip() if lang and lang.strip() else None


def short_language(code: str | None) -> str | None:
    """ "de-AT", "de_AT", "DE" -> "de"."""
    if not code:
        return None
    primary = re.split(r"[-_\s,]", code.strip(), maxsplit=1)[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


# -- JSON-LD ----------------------------------------------------------------------------


CDATA_OPEN = re.compile(r"^(?://|/\*)?\s*<!\[CDATA\[(?:\s*\*/)?")
CDATA_CLOSE = re.compile(r"(?://|/\*)?\s*\]\]>(?:\s*\*/)?$")


# "\ud800" escaped alone, without its other half: json.loads makes a string Python cannot encode
# (every later step that writes it, the content hash first, would fail on the page)
LONE_SURROGATE_ESCAPE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def _whole_characters(text: str) -> str:
    return LONE_SURROGATE_ESCAPE.sub(r"\\ufffd", text)


def _load_json(text: str) -> Any:
    text = _whole_characters(text.strip().removeprefix("<!--").removesuffix("-->").strip())
    # an XHTML-era wrapper: "<![CDATA[ {...} ]]>", "//<![CDATA[ ... //]]>"
    text = CDATA_OPEN.sub("", CDATA_CLOSE.sub("", text)).strip()
    if not text:
        return None
    try:
        return json.loads(text)
    except RecursionError:
        return None  # nested past the parser's depth: a bomb, not metadata
    except ValueError:
        pass
    repaired = TRAILING_COMMA.sub(r"\1", text.replace("\n", " "))
    try:
        return json.loads(repaired, strict=False)
    except RecursionError:
        return None
    except ValueError:
        return _leading_values(repaired) or None


STRAY_BETWEEN_VALUES = re.compile(r"[\s,;}\]]*")
JSON_VALUE_DECODER = json.JSONDecoder(strict=False)


def _leading_values(text: str) -> list[Any]:
    """The whole values a script opens with, when something follows them: a stray closing
    brace after the object (`{...}}`), or objects written one after another (`{...}{...}`)."""
    values: list[Any] = []
    position = 0
    while position < len(text):
        try:
            value, position = JSON_VALUE_DECODER.raw_decode(text, position)
        except (ValueError, RecursionError):
            break
        values.append(value)
        position = STRAY_BETWEEN_VALUES.match(text, position).end()
    return values


def _flatten(value: Any) -> Iterator[dict]:
    if isinstance(value, list):
        for item in value:
            yield from _flatten(item)
    elif isinstance(value, dict):
        yield value
        if "@graph" in value:
            yield from _flatten(value["@graph"])
        main_entity = value.get("mainEntity")
        if isinstance(main_entity, dict | list):
            yield from _flatten(main_entity)


def json_ld_objects(tree: HtmlElement) -> list[dict]:
    """Every JSON-LD object on the page, `@graph` and list wrappers flattened."""
    objects: list[dict] = []
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        objects.extend(_flatten(_load_json(script.text or "")))
    return objects


def resolve_references(value: Any, by_id: dict[str, dict]) -> Any:
    """`{"@id": ".../#/schema/person/1"}` -> the node of that `@id` elsewhere on the page (a
    Yoast-style `@graph` names the author once, in a Person node, and refers to it)."""
    if isinstance(value, list):
        return [resolve_references(item, by_id) for item in value]
    if isinstance(value, dict) and "name" not in value:
        reference = value.get("@id")
        if isinstance(reference, str) and reference in by_id:
            return by_id[reference]
    return value


def nodes_by_id(objects: list[dict]) -> dict[str, dict]:
    return {obj["@id"]: obj for obj in objects if isinstance(obj.get("@id"), str)}


def _types(obj: dict) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower() for k in kinds if isinstance(k, str)}


def json_ld_article(objects: list[dict]) -> dict | None:
    """The object describing the article: a real article type first, a WebPage last."""
    weak: dict | None = None
    for obj in objects:
        kinds = _types(obj)
        if kinds & (ARTICLE_TYPES - WEAK_ARTICLE_TYPES):
            return obj
        if weak is None and kinds & WEAK_ARTICLE_TYPES:
            weak = obj
    return weak


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str | dict)), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, str | int | float):
        text = normalize_text(str(value))
        return text or None
    return None


def names_of(value: Any) -> list[str]:
    """Person names from a JSON-LD author / a meta author value (string, dict or list)."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):
            person = item
            item = person.get("name")
            if isinstance(item, list):
                names.extend(names_of(item))
                continue
            if isinstance(item, str):
                item = _named_in_full(item, person.get("description"))
        if not isinstance(item, str):
            continue
        text = AUTHOR_PREFIX.sub("", normalize_text(html.unescape(item)))  # "Redacci&oacute;n"
        if not text or URL_LIKE.match(text):
            continue
        for person in text.split(";"):
            inverted = SURNAME_FIRST.fullmatch(person.strip())
            if inverted:  # "Gillman, Steve", "Jong, Michiel de": a catalogue's order
                names.append(f"{inverted.group('given').strip()} {inverted.group('surname')}")
                continue
            names.extend(part for part in AUTHOR_SPLIT.split(person) if part and len(part) <= 80)
    return names


def _named_in_full(name: str, biography: Any) -> str:
    """A Person node named by a first name only whose biography opens with the full name
    ("Nils" and "Nils Pickert ist freier Autor …", "Stefanus" and "Stefanus Stahl -
    Maschinenbauer …") is named in full."""
    name = normalize_text(name)
    if not name or " " in name or not isinstance(biography, str):
        return name
    words = normalize_text(biography).split()
    if not words or words[0] != name:
        return name
    surname: list[str] = []
    for word in words[1 : 1 + BIOGRAPHY_SURNAME_MAX_WORDS]:
        bare = word.rstrip(",;:")
        if not (NAME_WORD.fullmatch(bare) and bare[0].isupper()) and bare not in NAME_PARTICLES:
            break
        surname.append(bare)
        if bare != word:
            break  # "Jane Doe, a reporter"
    while surname and surname[-1] in NAME_PARTICLES:
        surname.pop()
    return " ".join([name, *surname]) if surname else name


BIOGRAPHY_SURNAME_MAX_WORDS = 3
NAME_PARTICLES = frozenset(
    {"von", "van", "de", "der", "den", "da", "di", "du", "la", "le", "del", "dos", "bin", "al"}
)
NAME_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def keywords_of(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    words: list[str] = []
    for item in items:
        if isinstance(item, str):
            words.extend(normalize_text(w) for w in TAG_SPLIT.split(item))
    return [w for w in words if w]


def _paragraphs(text: str) -> str | None:
    """Normalised lines of a multi-line text, joined by newlines.

    Some CMSs put the body's HTML (often entity-escaped) in articleBody: its markup is
    dropped, block ends become line ends, and scripts, styles and embeds go entirely.
    """
    if "&lt;" in text or "&#60;" in text:
        text = html.unescape(text)
    if MARKUP.search(text):
        text = EMBEDDED.sub(" ", text)
        text = BLOCK_END.sub("\n", text)
        text = html.unescape(TAG.sub("", text))
    lines = (normalize_text(line) for line in text.split("\n"))
    return "\n".join(line for line in lines if line) or None


def published_candidates(
    article: dict, objects: list[dict], meta: dict[str, str]
) -> tuple[tuple[str, str], ...]:
    """Every publication date the page states, each with where it was read: the article's
    JSON-LD, the meta tags, then the page's other JSON-LD objects (a WebPage around the
    article; last, as a list of related stories carries other articles' dates)."""
    found: list[tuple[str, str]] = []
    stamp = _text(article.get("datePublished")) or _text(article.get("dateCreated"))
    if stamp:
        found.append(("json-ld", stamp))
    for key in PUBLISHED_KEYS:
        value = first_meta(meta, key)
        if value:
            found.append((f"meta:{key}", value))
    for obj in objects:
        if obj is not article:
            stamp = _text(obj.get("datePublished")) or _text(obj.get("dateCreated"))
            if stamp:
                found.append(("json-ld", stamp))
    return tuple(dict.fromkeys(found))


# -- everything together ------------------------------------------------------------------


def labelled_twitter_author(meta: dict[str, str]) -> str | None:
    """Yoast's Twitter card pairs: `twitter:label1` "Written by", `twitter:data1` the name."""
    for index in "12":
        if WRITTEN_BY.match(meta.get(f"twitter:label{index}", "")):
            return first_meta(meta, f"twitter:data{index}")
    return None


def parsely_page_field(meta: dict[str, str], field: str) -> Any:
    """A field of Parse.ly's older page tag, one JSON object in a meta tag:
    `<meta name="parsely-page" content='{"author": "Jane Doe", "pub_date": …}'>`."""
    raw = meta.get("parsely-page")
    if not raw:
        return None
    try:
        data = json.loads(_whole_characters(raw))
    except (ValueError, RecursionError):
        return None
    return data.get(field) if isinstance(data, dict) else None


def read_metadata(tree: HtmlElement, url: str) -> PageMetadata:
    """JSON-LD first, then OpenGraph / article:* meta, then plain meta tags and `<head>`."""
    meta = meta_tags(tree)
    objects = json_ld_objects(tree)
    article = json_ld_article(objects) or {}

    title_node = next(tree.iter("title"), None)
    page_title = normalize_text(title_node.text_content()) if title_node is not None else ""

    by_id = nodes_by_id(objects)
    authors = names_of(resolve_references(article.get("author"), by_id))
    publisher = _text(resolve_references(article.get("publisher"), by_id))
    if not authors:
        authors = names_of(
            first_meta(meta, *AUTHOR_META_KEYS)
            or labelled_twitter_author(meta)
            or parsely_page_field(meta, "author")
        )
    tags = keywords_of(article.get("keywords"))
    if not tags:
        tags = keywords_of(first_meta(meta, "article:tag", "news_keywords", "keywords"))

    language = (
        html_language(tree)
        or _text(article.get("inLanguage"))
        or first_meta(meta, "og:locale", "content-language", "language", "dc.language")
    )
    base = document_base(tree, url)
    canonical = canonical_link(tree, base)
    if canonical is None:
        og_url = first_meta(meta, "og:url")
        canonical = join_url(base, og_url) if og_url else None

    body = article.get("articleBody") or article.get("text")
    return PageMetadata(
        title=first_meta(meta, "og:title", "twitter:title", "dc.title") or page_title or None,
        headline=_text(article.get("headline")) or _text(article.get("name")),
        description=first_meta(meta, "og:description", "description", "twitter:description")
        or _text(article.get("description")),
        site_name=first_meta(meta, "og:site_name", "application-name") or publisher,
        published=_text(article.get("datePublished")) or first_meta(meta, *PUBLISHED_KEYS),
        modified=_text(article.get("dateModified"))
        or first_meta(
            meta,
            "article:modified_time",
            "og:updated_time",
            "datemodified",
            "last-modified",
            "dcterms.modified",
        ),
        authors=tuple(dict.fromkeys(authors)),
        tags=tuple(dict.fromkeys(tags)),
        language=language,
        canonical_url=canonical,
        article_body=_paragraphs(body) if isinstance(body, str) else None,
        meta=meta,
        published_candidates=published_candidates(article, objects, meta),
        publisher=publisher,
        base_url=base if base != url else None,
    )
