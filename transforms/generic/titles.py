"""The title as evidence voting across the page's own title sources.

A page names its article in several places: `og:title`, `twitter:title`, JSON-LD `headline`,
its `<h1>` and its `<title>`. Each may carry the site's name ("Story | Site", "Site ｜ Story",
"Story - site.com"), and a dash may just as well be part of the headline ("Storm - and what
comes after"). So no dash is cut on the separator alone:

1. an end piece goes when it is the site's name as the page itself gives it (`og:site_name`,
   JSON-LD publisher, `application-name`, the host's name, the text of its logo or brand box);
   after a bar or a bullet (never a dash) a short last piece goes too;
2. then a source's text is reduced to a run of its pieces only when another source says
   exactly that run (`<title>` "Topic - Story" and `<h1>` "Story");
3. the cleaned candidates vote: each source supports the candidates it says or contains,
   and the best-supported one wins, the settings' source order breaking ties.

`pick_title_with_source` returns the winner and the source it came from, for `field_sources`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from urllib.parse import unquote, urldefrag, urlsplit

from lxml import etree
from lxml import html as lxml_html

from records.urls import join_url, url_parts
from transforms.generic import settings
from transforms.generic.score import under
from transforms.generic.settings import DEFAULT_OPTIONS, ExtractionOptions
from transforms.generic.walk import UNSHOWN_TAGS as WALK_UNSHOWN_TAGS
from transforms.generic.walk import element_names, is_input_form
from transforms.metadata import PageMetadata, of_another_item, page_hosts
from transforms.normalize import normalize_text

HtmlElement = lxml_html.HtmlElement
# a separator between a headline and a site name: bars (ASCII, full-width, Hangul ㅣ), dashes,
# guillemets and bullets with space around them, "::"
SEPARATOR_MARKS = "|–—\\-»·•"
SEPARATOR = re.compile(rf"(\s+[{SEPARATOR_MARKS}]\s+|\s*[｜ㅣ]\s*|\s+\|\|\s+|\s+::\s+|\s+--\s+)")
WORD = re.compile(r"\w+")
BAR = re.compile(r"\s+[|»·•]\s+|\s*[｜ㅣ]\s*|\s+\|\|\s+|\s+::\s+")
MIN_H1_WORDS = 2
MAX_SUBHEADINGS = 10  # the h2s read as evidence for a title
MAX_BRAND_WORDS = 4  # a site's name is this short; a headline's second clause is longer
MAX_TITLE_PIECES = 12  # its runs are tried in turn (a cost cubic in the pieces)
# a host name as a site names itself in its titles: letters, dots, a top-level domain
DOMAIN_NAME = re.compile(
    r"(?<![\w.])[A-Za-z\d][\w-]*(?:\.[\w-]+)*\.(?:com|net|org|info|news|online|tv|fm|io|co|"
    r"de|at|ch|fr|it|es|pt|nl|be|lu|uk|ie|pl|cz|sk|hu|ro|md|bg|gr|tr|ru|ua|by|dk|se|no|fi|"
    r"ee|lv|lt|si|hr|rs|ba|mk|al|am|ge|in|pk|jp|cn|kr|tw|hk|sg|my|th|vn|id|ph|au|nz|ca|us|"
    r"mx|br|ar|cl|pe|za|ng|ke|eg|il|ir|ae|sa)(?![\w.])"
)
MAX_BRAND_CHARS = 200
BRAND_WORDS = ("logo", "Logo", "brand", "Brand", "site-name", "sitename", "site-title", "copyright")
BRAND_ELEMENTS = etree.XPath(
    "//*["
    + " or ".join(f"contains(@class, '{w}') or contains(@id, '{w}')" for w in BRAND_WORDS)
    + "] | //img[contains(@src, 'logo')]"
)
MAX_BRAND_TEXT_NODES = 20
HOST_NOISE = frozenset({"www", "com", "org", "net", "edu", "gov", "co", "ac", "news", "de"})
KICKER_NAME = re.compile(r"kicker|dachzeile|spitzmarke|overline|topline|eyebrow|roofline", re.I)
TEXT_NODES = etree.XPath(".//text()")
BREADCRUMB_DEPTH = 6  # ancestors looked at for a breadcrumb trail around an h1
HEADING_AFTER = etree.XPath("following::h2[position() <= 3]")
SOCIAL_SOURCES = frozenset({"og:title", "twitter:title"})  # the share cards' titles
SOCIAL_VOICE = "social"
# where no text is shown, or none other than the headline an h1 votes for already
UNSHOWN_TAGS = frozenset({*WALK_UNSHOWN_TAGS, "h1", "title"})
MAX_SHOWN_CHARS = 400  # a headline's length; longer nodes are prose
MAX_SHOWN_TEXT_NODES = 20000
CHROME_TAGS = frozenset({"header", "footer", "nav", "aside"})


@dataclass(frozen=True)
class TitleCandidate:
    source: str
    text: str


def _key(text: str | None) -> str:
    return " ".join(WORD.findall((text or "").casefold()))


def _pieces(text: str) -> tuple[list[str], list[str]]:
    """The text's pieces and the separators between them."""
    parts = SEPARATOR.split(text)
    return parts[0::2], parts[1::2]


def _join(pieces: list[str], separators: list[str], start: int, end: int) -> str:
    out = pieces[start]
    for index in range(start + 1, end):
        out += separators[index - 1] + pieces[index]
    return normalize_text(out)


def _in_breadcrumb(heading: HtmlElement, options: ExtractionOptions) -> bool:
    """Whether the heading sits in a breadcrumb trail or a navigation bar (an SEO h1 there
    repeats an old or a search headline; the one readers see is set below it)."""
    for element in (heading, *islice(heading.iterancestors(), BREADCRUMB_DEPTH)):
        if element.tag == "nav" or element.get("role") == "navigation":
            return True
        if settings.BREADCRUMB_NAME.search(element_names(element, options)):
            return True
    return False


def _heading_below(heading: HtmlElement, options: ExtractionOptions) -> HtmlElement | None:
    """The first h2 after `heading` that is not in navigation: the headline readers see."""
    for candidate in HEADING_AFTER(heading):
        if not _in_breadcrumb(candidate, options):
            return candidate
    return None


def _heading_text(heading: HtmlElement, options: ExtractionOptions) -> str:
    """The heading's text, without ruby readings or an embedded style sheet; with
    `title_drop_kicker`, without the kicker set in it (the topic line above the headline:
    "Opinion", "US election")."""
    if options.title_glued_pieces_parted:
        heading = _lines_parted(heading)
    # ruby annotations (<rt>, <rp>) spell a word's reading above it: not the headline's text
    readings = list(heading.iterdescendants("rt", "rp"))
    code = list(heading.iterdescendants("style", "script"))
    kickers = (
        [
            element
            for element in heading.iterdescendants()
            if isinstance(element.tag, str)
            and KICKER_NAME.search(element.get("class") or "")
            and not (options.title_kicker_opens_heading and _words_before(heading, element))
        ]
        if options.title_drop_kicker
        else []
    )
    if not readings and not kickers and not code:
        if options.title_glued_pieces_parted:
            return normalize_text(_parted(TEXT_NODES(heading)))
        return normalize_text(heading.text_content())
    dropped = readings + kickers + code
    kept = [text for text in TEXT_NODES(heading) if not _inside_any(text, dropped)]
    # a reading sits inside a word: the word's parts join without a space
    text = normalize_text(("" if readings else " ").join(kept))
    # the kicker's colon, left when the kicker went ("<span>Climate</span>: Drilling deep")
    return text.lstrip(":|–—-· ").strip() if kickers else text


def _words_before(heading: HtmlElement, element: HtmlElement) -> bool:
    """Whether the heading shows a word before `element` (a screen reader's colon is none, nor
    is an embedded style sheet)."""
    for text in TEXT_NODES(heading):
        if _inside_any(text, [element]):
            return False
        owner = text.getparent()
        if text.is_text and owner is not None and owner.tag in HEADING_CODE_TAGS:
            continue
        if WORD_CHARACTER.search(text):
            return True
    return False


WORD_CHARACTER = re.compile(r"\w")
HEADING_CODE_TAGS = frozenset({"style", "script", "rt", "rp"})  # no shown words of a heading


def _parted(texts: list[str]) -> str:
    """The texts joined, with a space where one tag's text ends in a small letter and the next
    begins with a capital: "<span>Nationale Demo</span>Der 9. Juli naht", a kicker styled as a
    line of its own."""
    joined = ""
    for text in texts:
        if joined[-1:].islower() and text[:1].isupper():
            joined += " "
        joined += text
    return joined


def _lines_parted(heading: HtmlElement) -> HtmlElement:
    """The heading with a space after each line break ("WEEKEND<br>CODING AGENT"), a copy
    when it has one (the page's own tree is not changed)."""
    if next(heading.iter("br"), None) is None:
        return heading
    heading = copy.deepcopy(heading)
    for line_break in heading.iter("br"):
        line_break.tail = " " + (line_break.tail or "")
    return heading


def _inside_any(text: etree._ElementUnicodeResult, elements: list[HtmlElement]) -> bool:
    parent = text.getparent()
    if parent is None:
        return False
    node = parent if text.is_text else parent.getparent()
    while node is not None:
        if any(node is element for element in elements):
            return True
        node = node.getparent()
    return False


def title_candidates(
    meta: PageMetadata,
    root: HtmlElement,
    options: ExtractionOptions = DEFAULT_OPTIONS,
    url: str = "",
) -> list[TitleCandidate]:
    """Every title the page gives, with its source, in no particular order of trust. With
    `title_breadcrumb_h1`, an h1 in a breadcrumb trail stands for the h2 set below it."""
    found: list[TitleCandidate] = []
    for source, text in (
        ("og:title", meta.meta.get("og:title")),
        ("twitter:title", meta.meta.get("twitter:title")),
        ("json-ld", meta.headline),
    ):
        if text and normalize_text(text):
            found.append(TitleCandidate(source, normalize_text(text)))
    headings = root.iter("h1")
    if options.title_skip_linked_h1:
        # an h1 in a link to another page is a teaser card's heading (a "this weekend" strip)
        headings = (h1 for h1 in headings if not _links_away(h1, url))
    for found_h1 in islice(headings, options.title_h1_read):
        h1 = found_h1
        if options.title_breadcrumb_h1 and _in_breadcrumb(found_h1, options):
            h1 = _heading_below(found_h1, options)
            if h1 is None:
                continue
        if options.title_skip_site_h1 and _names_the_site(h1, options):
            continue
        if options.title_skip_unshown_h1 and settings.OFFSCREEN_NAME.search(
            element_names(h1, options)
        ):
            continue  # an h1 for screen readers only: the site's or the section's name
        text = _heading_text(h1, options)
        if options.title_skip_rail_h1 and settings.END_MARKER.match(text):
            continue
        if text and len(text.split()) >= MIN_H1_WORDS or (text and not text.isascii()):
            found.append(TitleCandidate("h1", text))
    if options.title_microdata_headline:
        marked = {
            text
            for element in MICRODATA_HEADLINES(root)
            if not of_another_item(element)
            and (text := normalize_text(element.get("content") or element.text_content()))
        }
        if len(marked) == 1:  # a listing marks each teaser's headline
            found.append(TitleCandidate("microdata", marked.pop()))
    if options.title_named_headline_words and not any(c.source == "h1" for c in found):
        named = _named_headline(root, url, options)
        if named:
            found.append(TitleCandidate("named", named))
    title_node = next(root.iter("title"), None)
    if title_node is not None and normalize_text(title_node.text_content()):
        text = normalize_text(title_node.text_content())
        if options.title_dangling_separator_stripped:
            text = DANGLING_SEPARATOR.sub("", text)
        found.append(TitleCandidate("title", text))
    if not found and options.title_subheading_fallback_words:
        subheading = _first_subheading(root, url, options)
        if subheading:
            found.append(TitleCandidate("subheading", subheading))
    return found


# "Über André Loibl |", "| Harbour Daily": a piece the template left empty, its separator alone
DANGLING_SEPARATOR = re.compile(rf"(?<=\S)\s+[{SEPARATOR_MARKS}:]$|^[{SEPARATOR_MARKS}:]\s+(?=\S)")
MICRODATA_HEADLINES = etree.XPath(
    "//*[contains(concat(' ', normalize-space(@itemprop), ' '), ' headline ')]"
)


HEADLINE_NAME = re.compile(
    r"(?:^|\s)(?:headline|storyhead|story-?title|article-?title|articletitle|news-?title|"
    r"news_story_title|post-?title|entry-?title|art-?title|arttitle)(?=$|[-_\s\d])",
    re.IGNORECASE,
)
MAX_NAMED_HEADLINE_WORDS = 30


def _named_headline(root: HtmlElement, url: str, options: ExtractionOptions) -> str | None:
    """The first element named a headline ("<font class=storyhead>", "<div class=headline>"),
    outside the page's chrome and links to other pages, headline-long: an old template's
    headline where no h1 names it."""
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in UNSHOWN_TAGS:
            continue
        if not HEADLINE_NAME.search(element_names(element, options)):
            continue
        text = normalize_text("".join(islice(element.itertext(), MAX_BRAND_TEXT_NODES)))
        if (
            options.title_named_headline_words <= len(text.split()) <= MAX_NAMED_HEADLINE_WORDS
            and len(text) <= MAX_SHOWN_CHARS
            and _shown_in_the_page(element, url, options)
            and not any(leads_elsewhere(link, url) for link in element.iter("a"))
        ):
            return text
    return None


def _appended_element(root: HtmlElement, h1_key: list[str], title_words: list[str]) -> bool:
    """Whether the h1 saying `h1_key` goes on past the title's words with the text of one
    element of its own: a subtitle span or a button set inside the heading, not the headline
    going on."""
    if h1_key[: len(title_words)] != title_words:
        return False
    rest = " ".join(h1_key[len(title_words) :])
    for h1 in root.iter("h1"):
        if _key(h1.text_content()).split() == h1_key:
            return any(
                isinstance(element.tag, str) and _key(element.text_content()) == rest
                for element in h1.iterdescendants()
            )
    return False


def _first_subheading(root: HtmlElement, url: str, options: ExtractionOptions) -> str | None:
    """The first h2 or h3, in reading order, long enough for a headline and neither in
    navigation nor a link to another page."""
    for heading in root.iter("h2", "h3"):
        if (
            _in_breadcrumb(heading, options)
            or _links_away(heading, url)
            or _holds_link_away(heading, url)
        ):
            continue
        text = _heading_text(heading, options)
        if len(text.split()) >= options.title_subheading_fallback_words:
            return text
    return None


def _links_away(heading: HtmlElement, url: str) -> bool:
    """Whether the heading sits in a link to another page (not to itself, its "#anchor")."""
    return any(leads_elsewhere(link, url) for link in heading.iterancestors("a"))


def _holds_link_away(heading: HtmlElement, url: str) -> bool:
    """Whether the heading holds a link to another page (a teaser's "<h2><a href=…>")."""
    return any(leads_elsewhere(link, url) for link in heading.iterdescendants("a"))


def leads_elsewhere(link: HtmlElement, url: str) -> bool:
    """Whether the link goes to another page than `url` (an "#anchor" of it does not, nor
    its permalink under the site's own host when the page is served from another: a mirror, a
    loopback copy)."""
    href = (link.get("href") or "").strip()
    if not href:
        return False
    target = join_url(url, href)
    if target is None:
        return True
    here, there = urlsplit(urldefrag(url).url), urlsplit(urldefrag(target).url)
    # a path's spelling may differ by its escapes ("/web/2014/http%3A//…" for "…/http://…")
    return (unquote(there.path), there.query) != (unquote(here.path), here.query) or (
        there.netloc != here.netloc and here.path.strip("/") == ""
    )


def _names_the_site(heading: HtmlElement, options: ExtractionOptions) -> bool:
    """An h1 that is the site's logo: named so ("site-title", "logo"), or a link home
    ("<h1><a href="/" rel="home">Site</a></h1>", the header of many blog themes)."""
    if SITE_HEADING_NAME.search(element_names(heading, options)):
        return True
    links = list(heading.iter("a"))
    if len(links) != 1:
        return False
    link = links[0]
    if link.get("rel") == "home":
        return True
    href = link.get("href") or ""
    return href.strip() not in ("", "#") and url_parts(href).path in ("", "/")


SITE_HEADING_NAME = re.compile(
    r"(?:^|[-_\s])(?:site-?title|site-?name|logo|brand)(?:$|[-_\s])", re.I
)


def title_tail(title: str) -> str | None:
    """The short piece ending a title after a bar ("Story | The West Australian"): the site's
    name, as most sites end their titles."""
    pieces = BAR.split(normalize_text(title))
    if len(pieces) < 2 or len(pieces[-1].split()) > MAX_BRAND_WORDS:
        return None
    return pieces[-1] if len(pieces[-1]) < len(" ".join(pieces[:-1])) else None


def site_name_keys(meta: PageMetadata, url: str, *, canonical_host: bool = True) -> list[str]:
    """The site's name as the page's metadata gives it, and its hosts' names (with
    `canonical_host` those of the canonical URL and `<base href>` too)."""
    keys = [_key(name) for name in (meta.site_name, meta.publisher) if name]
    application = meta.meta.get("application-name")
    if application:
        keys.append(_key(application))
    for host in page_hosts(meta, url, stated=canonical_host):
        labels = [label for label in re.split(r"[.]", host) if label and label not in HOST_NOISE]
        if labels:
            keys.append(_key(" ".join(labels)))
            keys.append(_key(host))
    return [key for key in keys if key]


def brand_texts(root: HtmlElement) -> list[str]:
    """The site's name where the page shows it: logos, brand boxes, the copyright line."""
    found: list[str] = []
    for element in BRAND_ELEMENTS(root):
        text = "".join(islice(element.itertext(), MAX_BRAND_TEXT_NODES))
        found.append(_key(text[:MAX_BRAND_CHARS]))
        found.extend(_key(img.get("alt")) for img in element.iter("img") if img.get("alt"))
    return [text for text in found if text]


class LazyBrands:
    """`brand_texts(root)`, read on first use: most titles are settled without it."""

    def __init__(self, root: HtmlElement | None) -> None:
        self.root = root
        self.texts: list[str] | None = None

    def __iter__(self) -> Iterator[str]:
        if self.texts is None:
            self.texts = brand_texts(self.root) if self.root is not None else []
        return iter(self.texts)


MAX_LINKS_READ = 2000  # a menu's links come first; a page of many more is a listing


MENU_NAME = re.compile(r"nav|menu|breadcrumb", re.IGNORECASE)


class LazyLinkTexts:
    """The keys of the short texts of the links in the page's menus (its sections: links in a
    `<nav>`, a `<header>` or a box named a menu), read on first use. A post's own title, linked
    from a list of recent posts, is no section."""

    def __init__(self, root: HtmlElement | None) -> None:
        self.root = root
        self.keys: set[str] | None = None

    def __contains__(self, key: object) -> bool:
        if self.keys is None:
            self.keys = set()
            if self.root is not None:
                for link in islice(self.root.iter("a"), MAX_LINKS_READ):
                    text = " ".join("".join(islice(link.itertext(), 8)).split())
                    if text and len(text.split()) <= MAX_BRAND_WORDS and _in_menu(link):
                        self.keys.add(_key(text))
        return key in self.keys


def _in_menu(link: HtmlElement) -> bool:
    return under(link, ("nav", "header"), MENU_NAME)


def _is_site_piece(
    piece: str,
    site_keys: list[str],
    brands: Iterable[str] = (),
    options: ExtractionOptions | None = None,
) -> bool:
    """Whether a title's piece at one end is the site's name: a name the page gives the site,
    its host's, a brand text's, or (with `title_domain_pieces`, at the edge of a title only)
    a short piece holding a domain name ("News.yam.md", "love-hina.ch News")."""
    key = _key(piece)
    if not key:
        return True
    if (
        options is not None
        and options.title_domain_pieces
        and len(piece.split()) <= MAX_BRAND_WORDS
        and DOMAIN_NAME.search(piece)
    ):
        return True
    squashed = key.replace(" ", "")
    for site in site_keys:
        site_squashed = site.replace(" ", "")
        if key == site or squashed == site_squashed:
            return True
        if site in key and len(key.split()) <= len(site.split()) + 2:
            return True
        if len(squashed) >= 3 and squashed in site_squashed and len(key.split()) <= 3:
            return True
    return len(key.split()) <= MAX_BRAND_WORDS and any(
        f" {key} " in f" {brand} " for brand in brands
    )


def _strip_site_pieces(
    text: str,
    site_keys: list[str],
    brands: Iterable[str],
    options: ExtractionOptions,
    sections: LazyLinkTexts | None = None,
) -> str:
    """`text` without the site's name at either end: any separator when the page names the
    site so; a bar or bullet (never a dash) also before a short last piece (with
    `title_strip_section_before_site` also when the site's name went after it: "Story | India
    News - Times of India")."""
    pieces, separators = _pieces(text)
    start, end = 0, len(pieces)
    while end - start > 1 and _is_site_piece(pieces[end - 1], site_keys, brands, options):
        end -= 1
    while end - start > 1 and _is_site_piece(pieces[start], site_keys, brands, options):
        start += 1
    while (
        sections is not None
        and end - start > 1
        and _key(pieces[end - 1]) in sections
        and len(_join(pieces, separators, start, end - 1).split()) >= MIN_H1_WORDS
    ):
        end -= 1  # "Story - Soccer - Sport": the sections the page's menus link to
    if (
        options.title_strip_short_bar_tail
        and end - start > 1
        and (end == len(pieces) or options.title_strip_section_before_site)
        and BAR.fullmatch(separators[end - 2])
        and len(pieces[end - 1].split()) <= MAX_BRAND_WORDS
        and len(pieces[end - 1]) < len(_join(pieces, separators, start, end - 1))
    ):
        end -= 1
    return _join(pieces, separators, start, end)


def clean_candidate(text: str, other_keys: set[str], shown: LazyShownTexts | None = None) -> str:
    """`text`, or the longest run of its pieces that another source says exactly (or, given
    `shown`, that the page shows as a text of its own)."""
    pieces, separators = _pieces(text)
    if len(pieces) == 1 or len(pieces) > MAX_TITLE_PIECES or _key(text) in other_keys:
        return text  # many pieces: a list of keywords, not a headline beside a site's name
    runs = sorted(
        ((start, end) for start in range(len(pieces)) for end in range(start + 1, len(pieces) + 1)),
        key=lambda run: run[0] - run[1],
    )
    for start, end in runs:
        if (start, end) != (0, len(pieces)):
            run = _join(pieces, separators, start, end)
            if _key(run) in other_keys or (shown is not None and _key(run) in shown):
                return run
    return text


class LazyShownTexts:
    """Whether the page shows a key as a text node of its own (of at least `min_words` words),
    outside its h1s, its page chrome (header, footer, menus, search and sign-up forms: where the
    site's name is shown), hidden boxes and links to other pages. The page is read on first use."""

    def __init__(self, root: HtmlElement, url: str, options: ExtractionOptions) -> None:
        self.root, self.url, self.options = root, url, options
        self.min_words = options.title_shown_text_words
        self.holders: dict[str, list[HtmlElement]] | None = None

    def __contains__(self, key: object) -> bool:
        if self.holders is None:
            self.holders = self._read()
        return any(
            _shown_in_the_page(holder, self.url, self.options)
            for holder in self.holders.get(str(key), ())
        )

    def _read(self) -> dict[str, list[HtmlElement]]:
        """Each shown text's key -> the elements holding it (a tail's is its parent)."""
        holders: dict[str, list[HtmlElement]] = {}
        body = next(self.root.iter("body"), self.root)
        walk = etree.iterwalk(body, events=("start",))
        for _event, element in islice(walk, MAX_SHOWN_TEXT_NODES):
            parent = element.getparent()
            if element is not body and parent is not None:
                self._note(element.tail, parent, holders)
            if not isinstance(element.tag, str) or element.tag in UNSHOWN_TAGS:
                walk.skip_subtree()
            else:
                self._note(element.text, element, holders)
        return holders

    def _note(self, text: str | None, holder: HtmlElement, holders: dict) -> None:
        if text and len(text) <= MAX_SHOWN_CHARS:
            words = _key(text).split()
            if len(words) >= self.min_words:
                holders.setdefault(" ".join(words), []).append(holder)


def _shown_in_the_page(holder: HtmlElement, url: str, options: ExtractionOptions) -> bool:
    for element in (holder, *holder.iterancestors()):
        if element.tag == "form" and is_input_form(element, options):
            return False  # a search or sign-up form; ASP.NET wraps the whole page in one
        classes = element.get("class") or ""
        if (
            element.tag in CHROME_TAGS
            or settings.LISTING_SKIPPED_NAME.search(element_names(element, options))
            or element.get("hidden") is not None
            or settings.HIDDEN_CLASS.search(classes)
            or settings.HIDDEN_STYLE.search(element.get("style") or "")
        ):
            return False
        if element.tag == "a" and leads_elsewhere(element, url):
            return False
    return True


def _subheading_keys(root: HtmlElement, options: ExtractionOptions) -> set[str]:
    """The first h2s outside navigation, as keys."""
    return {
        _key(_heading_text(h2, options))
        for h2 in islice(root.iter("h2"), MAX_SUBHEADINGS)
        if not _in_breadcrumb(h2, options)
    }


def _voice(source: str) -> str:
    return SOCIAL_VOICE if source in SOCIAL_SOURCES else source


def _voice_support(
    candidate: TitleCandidate,
    key: str,
    cleaned: list[TitleCandidate],
    raw_keys: list[tuple[str, str]],
    options: ExtractionOptions,
) -> float:
    """The vote with og:title and twitter:title as one voice: a CMS fills one from the other,
    so their agreement is one statement, not two."""
    own = _voice(candidate.source)
    exact = {_voice(c.source) for c in cleaned if _voice(c.source) != own and _key(c.text) == key}
    contained = {
        _voice(source) for source, raw in raw_keys if _voice(source) != own and key and key in raw
    }
    return options.title_exact_vote * len(exact) + options.title_contained_vote * len(contained)


def pick_title_with_source(
    meta: PageMetadata, root: HtmlElement, url: str, options: ExtractionOptions = DEFAULT_OPTIONS
) -> tuple[str | None, str | None]:
    """(title, source it came from), or (None, None) when the page names nothing."""
    candidates = title_candidates(meta, root, options, url)
    if not candidates:
        return None, None
    site_keys = site_name_keys(meta, url, canonical_host=options.canonical_url_names_page)
    if options.title_site_name_not_headline:
        # a long "publisher" that the page's visible h1 spells whole is the headline, filed as
        # the publisher by markup gone astray (a site's long tagline is no h1 of an article)
        headlines = {_key(c.text) for c in candidates if c.source == "h1"}
        site_keys = [
            key for key in site_keys if len(key.split()) <= MAX_BRAND_WORDS or key not in headlines
        ]
    brands = LazyBrands(root if options.title_brand_evidence else None)
    sections = LazyLinkTexts(root) if options.title_section_link_tail else None
    stripped = [
        TitleCandidate(c.source, _strip_site_pieces(c.text, site_keys, brands, options, sections))
        for c in candidates
    ]
    shown = LazyShownTexts(root, url, options) if options.title_shown_text_vote else None
    cleaned: list[TitleCandidate] = []
    for candidate in stripped:
        others = {_key(c.text) for c in stripped if c.source != candidate.source}
        text = clean_candidate(candidate.text, others, None if candidate.source == "h1" else shown)
        if _key(text) and not _is_site_piece(text, site_keys[:2]):
            cleaned.append(TitleCandidate(candidate.source, text))
    if not cleaned:
        cleaned = stripped
    raw_keys = [(c.source, _key(c.text)) for c in candidates]
    subheadings = _subheading_keys(root, options) if options.title_h2_vote else set()

    def support(candidate: TitleCandidate) -> float:
        key = _key(candidate.text)
        if options.title_social_one_voice:
            own = options.title_h1_vote if candidate.source == "h1" else 0.0
            if candidate.source != "h1" and key in subheadings:
                own += options.title_h2_vote
            elif candidate.source != "h1" and shown is not None and key in shown:
                own += options.title_shown_text_vote
            return own + _voice_support(candidate, key, cleaned, raw_keys, options)
        total = 0.0
        for source, other in {(c.source, _key(c.text)) for c in cleaned}:
            if source != candidate.source and other == key:
                total += options.title_exact_vote
        for source, raw in raw_keys:
            if source != candidate.source and key and key in raw:
                total += options.title_contained_vote
        return total

    order = {source: rank for rank, source in enumerate(options.title_source_order)}
    best = max(
        cleaned,
        key=lambda c: (support(c), -order.get(c.source, len(order))),
    )
    if options.title_h1_appendage_not_title and best.source == "h1":
        # "<h1><span>Headline</span> <span class='caption'>A letter to …</span></h1>" under the
        # og:title "Headline": the h1's own subtitle or button is no part of the title
        h1_key = _key(best.text).split()
        for candidate in cleaned:
            words = _key(candidate.text).split()
            if (
                candidate.source != "h1"
                and len(words) >= MIN_H1_WORDS
                and len(words) < len(h1_key)
                and _appended_element(root, h1_key, words)
            ):
                return candidate.text, candidate.source
    if options.title_fuller_h1_words and best.source != "h1":
        # the share title cut short for a card: "Lady Gaga Shares Pic of Ex Taylor Kinney With
        # Her Mom" under the h1 "Lady Gaga Shares Photo of Ex Taylor Kinney Hanging With …"
        best_words = _key(best.text).split()
        words = best_words[: options.title_fuller_h1_words]
        for candidate in cleaned:
            key = _key(candidate.text).split()
            if (
                candidate.source == "h1"
                and len(words) == options.title_fuller_h1_words
                and key[: len(words)] == words
                and len(key) > len(best_words)
                and not (
                    options.title_h1_appendage_not_title
                    and _appended_element(root, key, best_words)
                )
            ):
                return candidate.text, candidate.source
    return best.text, best.source


def said_by_metadata(title: str, meta: PageMetadata) -> bool:
    """Whether `og:title`, `twitter:title` or the JSON-LD headline says `title`, alone or
    opening it ("Headline - Site"; a section's name inside "Site - Section - Headline" is
    not the headline)."""
    key = _key(title)
    return bool(key) and any(
        said == key or said.startswith(key + " ")
        for said in map(
            _key, (meta.meta.get("og:title"), meta.meta.get("twitter:title"), meta.headline)
        )
    )


SLUG_EXTENSION = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cfm)$", re.IGNORECASE)
SLUG_SEPARATOR = re.compile(r"[-_+.\s]+")
SLUG_WORD = re.compile(r"[^\W\d_]{2,}")
FALLBACK_TITLE_MAX_WORDS = 15
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘'])")


def title_from_text(url: str, lines: list[str], options: ExtractionOptions) -> str:
    """A title for a page that names none (a file whose head was cut, a template setting its
    headline in a styled <div>): the address's slug when it is words ("classy-hewitt-through-
    to-second-round"), else the first sentence of the text's first paragraph (its lede; the
    short lines above it are captions and labels as often as not), cut to a headline's length."""
    segments = [segment for segment in urlsplit(url).path.split("/") if segment]
    if segments:
        pieces = SLUG_SEPARATOR.split(SLUG_EXTENSION.sub("", unquote(segments[-1])))
        words = [piece for piece in pieces if SLUG_WORD.fullmatch(piece)]
        if len(words) >= options.slug_title_min_words and len(words) * 2 >= len(pieces):
            return " ".join(words).capitalize()
    lede = next((line for line in lines if len(line.split()) >= options.prose_block_words), None)
    if lede is None:
        lede = next((line for line in lines if _key(line)), "")
    sentence = SENTENCE_BREAK.split(lede, maxsplit=1)[0]
    words = sentence.split()
    if len(words) <= FALLBACK_TITLE_MAX_WORDS:
        return sentence.strip()
    return " ".join(words[:FALLBACK_TITLE_MAX_WORDS]).rstrip(",;:–—-") + " …"
