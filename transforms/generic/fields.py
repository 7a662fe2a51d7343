"""Standfirst, dates and authors: every source the page offers, weighed, the winner's source kept.

Dates: the page's statements of its publication (JSON-LD, `article:*` and other meta tags,
`<time>` elements, label lines in the visible text in several languages, a bare date line, the
URL, a short line holding a date, then htmldate's markup reading) are read in that order of
trust; a date without a time of day gives way to a statement of the same day that has one, a
time without an offset to the same wall time with one, and a UTC time to the same instant in
the page's own offset.

Authors: names from JSON-LD / meta tags, else the page's byline, cleaned as a class: e-mail
addresses and label prefixes ("Author:") go, several names in one string are split, initials in
parentheses are dropped, and the publisher (its name, its domain) is not an author.
"""

from __future__ import annotations

import functools
import html
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from lxml import etree
from lxml import html as lxml_html

from records.article import Block
from records.urls import join_url, url_parts
from transforms.dates import (
    SLASHED_DATE,
    date_by_htmldate,
    date_from_url,
    date_on_day,
    first_bare_date,
    first_dated_line,
    is_date_line,
    labelled_dates,
    leading_date,
    local_wall_time,
    parse_datetime,
    placed_in,
    posted_sentence_date,
    zone_named,
)
from transforms.generic import settings
from transforms.generic.score import text_key, under
from transforms.generic.settings import DEFAULT_OPTIONS, ExtractionOptions
from transforms.generic.titles import BAR, SEPARATOR, title_tail
from transforms.generic.walk import UNSHOWN_TAGS, element_names, with_words_split
from transforms.metadata import (
    AUTHOR_META_KEYS,
    AUTHOR_PREFIX,
    NAME_PARTICLES,
    PageMetadata,
    first_meta,
    labelled_twitter_author,
    names_of,
    of_another_item,
    page_hosts,
    registered_name,
)
from transforms.normalize import normalize_text
from transforms.page import VISIBLE_TEXT
from transforms.zones import PageZone

HtmlElement = lxml_html.HtmlElement
HAS_CLOCK = re.compile(r"\d{1,2}:\d{2}")
HAS_OFFSET = re.compile(
    r"\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)\s*$", re.I
)
TEXT_LINES_SCANNED = 1500  # the visible text's first lines looked at for a date line

URL = re.compile(r"https?://\S+")
DESK_WORD = re.compile(r"(?:staff|redaktion|team|editorial|desk|redacci[oó]n)$", re.IGNORECASE)
TAGLINE = re.compile(r"\s[–—|:-]\s")
ORGANISATION = re.compile(r"(?:e\.v\.?|v\.|gmbh|ag|inc\.?|ltd\.?|llc|stiftung)$", re.IGNORECASE)
# academic and professional letters after a name, split off as if they were a second name
CREDENTIAL = re.compile(r"^(?:ph\.?\s?d|m\.?d|mba|m\.?sc|b\.?sc|rdn?|rn|dr|prof)\.?$", re.I)
# ... and letters that are a credential only after a name, written so: "Jane Doe, MS, CFP"
# (alone, "LD" or "jd" is a desk's initials)
TRAILING_CREDENTIAL = re.compile(
    r"(?:M\.?S|M\.?A|B\.?A|B\.?S|MPH|LDN?|CDCES|CDE|APD|D\.?O|APRN|NP|CPT|LCSW|PsyD|DPT|"
    r"PharmD|J\.?D|CFP|CPA|FACS|FAAP|MSN|BSN)\.?"
)
# The labels a byline opens with, in one place for both readers below. Phrases and words
# that label a byline with or without a colon:
_LABEL_PHRASES = (
    r"(?:written|posted|reported|published|submitted|authored)\s+by|reporting\s+by|"
    r"(?:geschrieben|eingestellt|erstellt|verfasst|gepostet|veröffentlicht)\s+von|"
    r"(?:escrito|publicado)\s+por|(?:écrit|publié)\s+par|(?:scritto|pubblicato)\s+da|a cura di|"
    r"(?:geschreven|geplaatst)\s+door|skrevet\s+a[fv]"
)
_LABEL_WORDS = (
    r"authors?|autor(?:in|en|/in|\*in|:in)?(?:\s*/\s*autor(?:in)?)?|auteur(?:e|s)?|autore|"
    r"autores?|autorzy|reporter|"
    # Russian, Turkish, Vietnamese, Hindi, Persian "author", Hungarian "wrote" and "author",
    # Finnish "written" and "author"; Polish, Croatian, Serbian, Czech "wrote"
    r"автор(?:ка)?|yazar|tác giả|लेखक|نویسنده|írta|szerző|kirjoittanut|kirjoittaja|"
    r"napisał[a]?|napisao|napisala|napsal[a]?"
)
# "by" in English, German, French, Spanish, Dutch, Swedish, Danish, Arabic, Hebrew and Thai
_LABEL_BY = r"by|von|par|por|door|av|af|بقلم|מאת|โดย"
# words that label a byline only before a colon ("Texto:", "Penulis:"): without one they are
# a text's word ("Text Size"). Indonesian "Oleh:" ("by") is one too, and for the author field's
# stripper as well, since without a colon it is a first name
_COLON_LABELS = (
    r"texte?|texto|testo|tekst|текст|autorka|autorius|autors|autor/a|yazan|muhabir|penulis|"
    r"pisze|piše|корреспондент|кореспондент"
)
# a label before the names of an author field, stripped: any of the above, a colon or not
# (but "Oleh"), "vom", Italian "di", and a hidden "By" glued to the shown "by"
AUTHOR_LABEL = re.compile(
    rf"^\s*(?:{_LABEL_PHRASES}|{_LABEL_WORDS}|{_LABEL_BY}|byby|vom|di|"
    rf"{_COLON_LABELS}|oleh(?=\s*:))"
    # "Geschrieben vonElisa Marvena": glued, though not inside a capitalised word ("AFP")
    r"(?:\s*[:：]\s*|\s+|(?<=(?-i:[a-zäöüéèáíóúñ]))(?=(?-i:[A-ZÀ-ÖØ-Þ])))",
    re.IGNORECASE,
)
# what a byline says the name made before the name: "Rezept von", "Interview:", "Ein Beitrag
# von", "Gespeichert von" (Drupal), "Photos by"
WORK_LABEL = re.compile(
    r"^\s*(?:(?:ein\s+)?(?:gast)?beitrag|artikel|rezept|interview|bericht|reportage|kommentar|"
    r"kolumne|analyse|column|commentary|"
    r"gespeichert|article|story|recipe|guest post|photos?|fotos?|фото|снимка|words|entrevista|"
    r"propos recueillis|recueillie?s?)\s*(?:[:：]|(?:von|by|par|por|de)\b)\s*",  # "Beitragvon r23"
    re.IGNORECASE,
)
# a credit for work on the text that is not writing it: its reviewer, its fact-checker, its
# sponsor ("Medically reviewed by Jane Roe, MD — Written by John Doe", "Sponsored by Acme")
_REVIEW_KINDS = ("medically", "medical", "clinically", "expert", "peer", "fact")
_OTHER_CREDIT_LABEL = (
    rf"(?:(?:(?:{'|'.join(_REVIEW_KINDS)})[- ]?)?(?:reviewed|checked|verified)|sponsored|"
    r"presented|brought\s+to\s+you)\s+by\b|in\s+partnership\s+with\b"
)
OTHER_CREDIT = re.compile(rf"^\s*(?:{_OTHER_CREDIT_LABEL})", re.IGNORECASE)
# ... also where two credits of a box meet in one text ("Acme Mattress Reviewed by Jane Roe"),
# though not inside one credit ("Medically reviewed by")
OTHER_CREDIT_INSIDE = re.compile(
    r"(?<=\S)"
    + "".join(f"(?<!{kind})" for kind in _REVIEW_KINDS)
    + rf"\s+(?={_OTHER_CREDIT_LABEL})",
    re.IGNORECASE,
)
# where a byline's credits part: "|", ";", a bullet, a dash between spaces or a long dash
CREDIT_BREAK = re.compile(r"\s*(?:[|;•·]|\s-\s|[—–])\s*")
# before the name: a link's "all posts by" label, a role ("FOCUS-Online-Experte Jane Doe")
ROLE_HEAD = re.compile(
    r"^\s*(?:(?:alles|alle (?:artikel|beiträge)|mehr|more|(?:view |see )?all (?:posts|articles|"
    r"stories)|articles|posts|stories)\s+(?:von|by|from)|"
    r"[\w-]*(?:experte|expertin|kolumnist(?:in)?|columnist|gastautor(?:in)?|"
    r"redakteur(?:in)?|korrespondent(?:in)?|correspondent))\s*:?\s+(?=\S+\s+\S)",
    re.IGNORECASE,
)
# the section a byline box names before its people: "Politik · Jochen Bittner, Tina Hildebrandt"
SECTION_HEAD = re.compile(r"^[^\W\d_]+\s+[·•]\s+(?=\S+\s+\S)")
# before the label: what the line led with ("| Autor: gnaddrig", ", par Attac France", "© Jane")
LEADING_PUNCTUATION = re.compile(r"^[\s,;:|·•©/–—-]+")
# an agency or paper before the name in Korean bylines, the role after it: "스포츠조선=선수민 기자"
AGENCY_PREFIX = re.compile(r"^[^\s=]{1,15}=(?=\S)")
KOREAN_ROLE = re.compile(r"\s*(?:기자|특파원)$")  # "reporter", "correspondent"
# a role or a link after the name: "Christoph Hein Chefredakteur", "Jane Doe, Staff Writer"
ROLE_TAIL = re.compile(
    r"\s+(?:(?:\w+-)?(?:chef)?redakteur(?:in)?|"
    r"(?:(?:assistant|associate|deputy|senior|chief|managing|executive|contributing|political|"
    r"politics|sports?|business|economics|health|science|technology|tech|travel|news|digital|"
    r"foreign|world|culture|arts|opinion|features)\s+){0,2}editor(?:-in-chief)?|"
    r"senior editor|(?:(?:staff|contributing|senior|freelance|guest)\s+)?writer|columnist|"
    # with a desk before it: "Online-Redakteurin", "Wirtschafts-Korrespondent"
    r"(?:\w+-)?(?:kolumnist(?:in)?|reporter(?:in)?|korrespondent(?:in)?)|correspondent|"
    r"correspondante?|corresponsal|envoyée? spéciale?|"
    r"contributor|(?:freie[rn]? )?autor(?:in)?|freie[rn]? journalist(?:in)?|journalist(?:in)?|"
    r"volontär(?:in)?|nachrichtenagentur|news agency|mitglied\b|über\b|about\b|autorenseite|"
    r"author page|(?:senior |executive )?vice[- ]president|president|director|founder|"
    r"co-?founder|ceo|cto|chief \w+ officer|head of|professor|lecturer|"
    r"alle (?:artikel|beiträge)|all (?:articles|posts)|mehr von|more from|edited by)\b.*$|"
    r"\s+[ée]dition\s*:.*$|\s+(?:illustrations?|fotos?|photos?|bilder)\b.*$|"
    r"\s*/\s*(?-i:[A-Z][A-Z-]{1,5})$|"  # "Jane Doe/SP-X", "Jane Doe / dpa" stays a code
    r"\s+for\s+the\s+(?-i:[A-Z]).*$|"  # "Glen Owen For The Mail On Sunday"
    r"\s+for\s+(?-i:[A-Z])[\w-]*$|"  # "Amitai Winehouse For Mailonline" (not "For NJ.com")
    r"\s+in\s+(?-i:[A-Z]).*$",  # "Michael Larabel in Valve" (the story's category or town)
    re.IGNORECASE,
)
# a credit for other work than the text, right before a name
ROLE_CREDIT = re.compile(
    r"\b(?:photograph(?:ed|s|y)?|photos?|pictures?|images?|styl(?:ed|ing)|modell?ed|hair|"
    r"make-?up|nails|illustrat(?:ed|ions?)|artwork|video|camera|graphics?|fotos?|bilder?|"
    r"grafiken?|illustrationen?|produced|(?:image |photo )?credits?)\s*(?:by|von|:)\s*$",
    re.IGNORECASE,
)
# a writer's credit before a name, or before a co-writer's: "By Jane Doe and John Roe"
WRITER_CREDIT = re.compile(r"\b(?:by|von|par|por|door|authors?|autor(?:in)?)\b", re.I)
ROLE_CREDIT_REACH = 30  # characters looked at before a name for its credit
AGENCY_CODE = re.compile(r"\s*[A-Z]{2,5}\s*")
# a news agency and its desk, the rest of a credit line whose role was cut: "AP Sports"
_AGENCY_NAMES = r"Reuters|Associated Press|Agence France-Presse"
_AGENCY_CODES = r"AP|AFP|UPI|dpa"
AGENCY_DESK = re.compile(rf"(?:{_AGENCY_CODES}|{_AGENCY_NAMES})(?:\s+[A-Z][a-z]+){{0,3}}")
# a wire agency on its own, in any case: "Jane Doe und dpa", "Jane Doe and Reuters"
WIRE_AGENCY = re.compile(
    rf"{_AGENCY_CODES}|{_AGENCY_NAMES}|apa|sda|kna|epd|sid|efe|ansa", re.IGNORECASE
)
AGENCY_DESK_TAIL = re.compile(rf"\s+(?:-\s+)?{AGENCY_DESK.pattern}$")
# a wire agency by its full name after a writer's: "Tom Davies - Associated Press"
AGENCY_NAME_TAIL = re.compile(
    rf"\s+(?:[-–—|,]\s+)?(?:the\s+)?(?:{_AGENCY_NAMES}|"
    r"deutsche presse-agentur|united press international|bloomberg news)$",
    re.IGNORECASE,
)


def _without_agency_desk(name: str) -> str:
    """A name without the agency desk after it ("JANE DOE AP Technology"), when a name stays."""
    rest = AGENCY_DESK_TAIL.sub("", name)
    return rest if len(rest.split()) >= MIN_BYLINE_WORDS else name


# what a byline line holds besides the name: "@handle", a preposition left by a cut date
HANDLE = re.compile(r"(?:^|\s)@\w+")
DANGLING_PREPOSITION = re.compile(
    r"\s+(?:am|um|at|on|le|el|il|op|den|vor|hace|há|prije|пре)$", re.IGNORECASE
)
# form and link labels that byline readers pick up as names
UI_LABEL = re.compile(
    r"^(?:name|e-?mail|website|webseite|kommentar|comment|alle beiträge|all posts|"
    r"view all posts|more posts|(?:see|view) all articles|alle artikel|course/meal|follow|"
    r"folgen|subscribe|abonnieren|(?:full |view )?bio|close|schließen|fermer|cerrar|"
    r"no author|unknown|anonymous|anonym|anonyme|anónimo|anonimo|publisher|"
    # a recommendation widget's "by Taboola", "Recommended by Outbrain"
    r"taboola|outbrain|revcontent|mgid|zergnet|"
    r"(?:wordpress|site|web)?admin(?:istrator)?|"
    r"theme\b.*|"  # a theme's credit: "Theme: Pirate Rogue von xwolf"
    r"authors?|auteurs?|autor(?:in|en)?|autores?|user ?name|benutzername|log ?in|sign in|"
    r"anmelden|passwor[dt]|"
    # what is left of "Submitted on Mon, 2019-01-21" once its date is cut
    r"submitted|posted|published|updated|written|über|about|subject|"
    # a day's name, what "läuft von Montag, den 1. Mai bis …" leaves, and the day words
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|montag|dienstag|mittwoch|donnerstag|freitag|"
    r"samstag|sonnabend|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|"
    r"martes|miércoles|jueves|viernes|sábado|domingo|lunedì|martedì|mercoledì|giovedì|venerdì|"
    r"maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|today|yesterday|heute|gestern|"
    r"aujourd'hui|hier|hoy|ayer|oggi|ieri|"
    r"(?:editing|edited|translated|compiled) by\b.*|"  # "Reporting by …; Editing by …"
    r"(?:view my complete|afficher mon|mein vollständiges|ver mi) (?:profile?|profil)\w*.*)"
    r"\s*\*?$",
    re.IGNORECASE,
)
# several names in one string: commas, semicolons, ampersands, "and" in a few languages, bars
AUTHOR_SEPARATOR = re.compile(
    r"\s*(?:,|;|&|\s\|\s|\s/\s|·|•|\b(?i:and|und)\b|\bet\b|\by\b|\bog\b|\boch\b|\be\b(?!\.)|"
    r"\bi\b(?!\.)|"  # Polish, Croatian, Catalan "and"
    # Turkish, Vietnamese, Hungarian, Finnish, Russian and Ukrainian, Arabic "and" (not the
    # Czech and Slovak "a": "inviato a Roma" is Italian for "correspondent in Rome")
    r"\b(?:ve|và|és|ja)\b|(?<=\s)[иіو](?=\s)|"
    # "Ralph Steiner/Carlo Natter": a slash between two names ("AFP/The Local" is one)
    r"(?<=[a-zß-ÿ])/(?=[A-ZÀ-Þ][a-zß-ÿ]+\s)|"
    # "e" is Portuguese "and", never the "e." of "e.V."; "avec", "mit": "with" another author
    r"\ben\b|\(?\b(?:(?i:im gespräch mit)|avec|with|mit|con)\b)\s*"
)
# a byline's link labels glued to the name ("Jane DoeTwitter"), and what follows the name on
# its line: a time, a date, "Today"
SOCIAL_LINK = re.compile(r"(?:Twitter|Facebook|Instagram|LinkedIn|Bluesky|Mastodon|E-Mail|Email)\b")
BYLINE_TAIL = re.compile(
    # "today" in small letters or capitalised: "USA TODAY" is a paper's name
    r"(?:^|\s+)(?:(?-i:[Tt]oday|[Yy]esterday|[Hh]eute|[Gg]estern)|updated|published|posted|aktualisiert|"
    r"veröffentlicht|publiziert|zuerst|zuletzt|geändert|last modified|publié|mis à jour|publicado|"
    r"actualizado|pubblicato|aggiornato|gepubliceerd|(?:mon|tues|wednes|thurs|fri|satur|sun)day,|"
    r"(?:mon|diens|donners|frei|sams|"
    r"sonn)tag,|mittwoch,|stand\b|\d|"
    r"(?:mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun)[.,]?\s+\d|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni|juli|"
    r"oktober|dezember)\w*\.?\s+\d)"
    r".*$|(?<=[^\W\d_])\d{1,2}\.\s.*$",  # "Nicole Collignon22. Februar": a day glued on
    re.I,
)
# what a copyright line says besides its holder: "Copyright (c) Condé Nast 2022"
COPYRIGHT_WORDS = re.compile(
    r"copyright|\(c\)|©|\b(?:19|20)\d{2}\b|all rights reserved\.?|alle rechte vorbehalten\.?", re.I
)
# a place, a role or a desk in parentheses after the name, closed or cut off by a comma
PARENTHETICAL_TAIL = re.compile(r"\s*[(（][^)）]*[)）]?\s*$")
INITIALS_IN_PARENTHESES = re.compile(r"\s*\((?:[^\W\d_]{1,4}\.?\s*[/,;]?\s*){1,3}\)")
DOMAIN_LIKE = re.compile(
    r"(?:https?://|www\.)|\b[\w-]{2,}\.(?:com|net|org|info|news|tv|de|at|ch|fr|it|es|nl|be|uk|"
    r"tr|jp|cn|kr|ru|in|au|ca|us|io|co)\b(?!\.\w)",
    re.IGNORECASE,
)
# a byline element's leading label: "By", "Von:", "Author:", "Autorin/Autor", "Written by"
BYLINE_LABEL = re.compile(
    rf"^\s*(?:{_LABEL_PHRASES}|{_LABEL_WORDS}|{_LABEL_BY}|"
    r"(?:ein\s+)?(?:gast)?(?:artikel|beitrag)\s+von)\s*[:：]?(?:\s+|$)|"
    rf"^\s*(?:{_COLON_LABELS}|oleh)\s*[:：](?:\s+|$)|"
    # without a colon, two words at least: "Text Jane Doe", not a "Text Size" control
    r"^\s*(?:text|interview)(?:\s*[:：]|\s+von|\s+by|(?=\s+\S+\s+\S)|\s*$)(?:\s+|$)",
    re.IGNORECASE,
)
# a byline element named for a picture's ("picture-author", "media__byline"): its photographer
# or agency, not the text's writer
PICTURE_WORD = re.compile(r"image|img|photo|foto|picture|media|caption|gallery")
CREDIT_WORD = re.compile(r"author|byline|credit")
# a byline's noun label without its colon ("Author Jane Doe"): may open a sentence as well
BARE_WORD_LABEL = re.compile(rf"^\s*(?:{_LABEL_WORDS})\s+(?![:：])", re.IGNORECASE)
HIDDEN_LABEL = re.compile(r"sr-only|visually-hidden|screen-reader", re.IGNORECASE)
MAX_LABELLED_BYLINE_CHARS = 120
MENU_MIN_LINKS = 3
MAX_LABELLED_BYLINE_WORDS = 12
DOMAIN_IN_PARENTHESES = re.compile(r"\s*\(\s*(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/?\s*\)")
# a link to an author's page: "/author/jane-doe", "/autoren/name/jane-doe", "/auteur/…"
AUTHOR_PATH = re.compile(
    r"/(?:authors?|autor(?:en|in)?|auteurs?|autori?|autores|journalists?|redakteur\w*|"
    r"reporters?|writers?|columnists?|contributors?|editors|staff)/[^/]",
    re.IGNORECASE,
)
CHROME_TAGS = frozenset({"nav", "footer", "aside", "menu"})
_DAY = r"(?:\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
_CLOCK = r"(?:\s*[|,·–—-]\s*\d{1,2}[:.]\d{2}(?:\s*(?:Uhr|h))?)?"
_NAME = r"(?P<name>[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){1,2})"
DATED_NAME = re.compile(rf"^{_DAY}{_CLOCK}\s*[|·–—-]\s*{_NAME}$")
BARE_DAY = re.compile(rf"{_DAY}{_CLOCK}")
# "05.02.2020 - Redaktion: Jane Doe (Pressesprecherin)": a desk label before, a role after
_DESK_LABEL = r"(?:redaktion|autor(?:in)?|author|text|reporter|von|by)\s*[:：]?\s+"
LABELLED_DATED_NAME = re.compile(
    rf"^{_DAY}{_CLOCK}\s*[|·–—-]\s*{_DESK_LABEL}{_NAME}(?:\s*\([^()]{{1,60}}\))?$", re.IGNORECASE
)
NAMED_DATE = re.compile(rf"^{_NAME}\s*[|,·–—-]\s*{_DAY}{_CLOCK}$")
DATED_NAME_TAGS = ("p", "small", "span", "div", "li")
SIGNATURE_MAX_WORDS = 3
BYLINES_COMPARED = 3  # bylines read for the full names behind a login in the metadata
HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
# a byline class sits on these ("<ul class='author'><li>…", "<h4 class='vcard author'>")
BYLINE_TAGS = (
    "a",
    "span",
    "div",
    "p",
    "address",
    "cite",
    "li",
    "dd",
    "ul",
    "small",
    *sorted(HEADING_TAGS),
)
NAME_EDGE_CHARACTERS = " -–—|:()[]<>©»«›‹/@"
MAX_AUTHOR_WORDS = 6
PHRASE_LOWER_WORDS = 2  # lower-case words (besides particles) that make a phrase of a name
MIN_BYLINE_WORDS = 2  # a byline name overriding the publisher's: first and last name
MAX_AUTHOR_CHARS = 60
HOST_NOISE = frozenset({"www", "com", "org", "net", "edu", "gov", "co", "ac"})


def pick_subtitle(meta: PageMetadata, body: list[Block], title: str) -> str | None:
    description = meta.description
    if not description or len(description) < 30 or text_key(description) == text_key(title):
        return None
    if description.endswith(("...", "…", "[…]")):
        return None
    first = text_key(body[0].text) if body else ""
    key = text_key(description)
    if first.startswith(key) and len(first) > len(key) * 1.2:
        return None  # the first paragraph, truncated: not a standfirst
    return description


# -- dates -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DateCandidate:
    source: str
    moment: datetime
    has_clock: bool
    has_offset: bool
    plain: bool = False  # a <time> no markup marks as the publication's


def _candidate(
    source: str, text: str | None, zone: str, day_first: DayFirst | None = None
) -> DateCandidate | None:
    if day_first is not None and text and SLASHED_DATE.search(text) and day_first():
        text = _dotted(text)
    moment = parse_datetime(text, zone)
    if moment is None or text is None:
        return None
    return DateCandidate(
        source, moment, bool(HAS_CLOCK.search(text)), bool(HAS_OFFSET.search(text.strip()))
    )


def stated_dates(
    meta: PageMetadata,
    root: HtmlElement,
    container: HtmlElement | None,
    zone: str,
    options: ExtractionOptions = DEFAULT_OPTIONS,
    url: str = "",
    day_first: DayFirst | None = None,
) -> list[DateCandidate]:
    """The publication dates the page's markup states, most trusted first: the metadata's,
    then (with `time_roles`) the `<time>` elements marked as the publication's, then the
    others; one marked as the last modification is none. Where `day_first` says so (asked
    only when a slashed date is read), a slashed date ("12/04/2020") is read day first."""
    found: list[DateCandidate] = []
    for source, text in meta.published_candidates:
        candidate = _candidate("json-ld" if source == "json-ld" else "metadata", text, zone)
        if candidate is not None:
            found.append(candidate)
    scopes = (container, root) if container is not None else (root,)
    marked: list[DateCandidate] = []
    times: list[DateCandidate] = []
    here = _own_pages(url, meta.canonical_url if options.canonical_url_names_page else None)
    if options.microdata_dates:
        marked.extend(_microdata_dates(root, zone, options, url, here, day_first))
    for scope in scopes:
        for node in scope.iter("time"):
            if _dates_another_item(node, options, url, here):
                continue
            role = _time_role(node, options) if options.time_roles else None
            if role == "modified":
                continue  # "<time class='updated' itemprop='dateModified'>"
            text = node.get("datetime") or node.text_content()
            candidate = _candidate("time", text, zone, day_first)
            if candidate is not None:
                if role == "published":
                    marked.append(candidate)
                else:
                    times.append(replace(candidate, plain=True))
    return found + marked + times


def _microdata_dates(
    root: HtmlElement,
    zone: str,
    options: ExtractionOptions,
    url: str,
    here: frozenset[tuple[str, str]],
    day_first: DayFirst | None = None,
) -> Iterator[DateCandidate]:
    """`<div itemprop="datePublished" content="2020-11-24T08:22:33+04:00">` of the page's own
    item (a <meta> one is the metadata's, a <time> one is read with the other times)."""
    for node in root.xpath("//*[@itemprop]"):
        if node.tag in ("meta", "time") or "datepublished" not in node.get("itemprop").lower():
            continue
        if of_another_item(node) or _dates_another_item(node, options, url, here):
            continue
        text = node.get("content") or node.get("datetime") or node.text_content()
        candidate = _candidate("microdata", text, zone, day_first)
        if candidate is not None:
            yield candidate


def _dates_another_item(
    node: HtmlElement, options: ExtractionOptions, url: str, here: frozenset[tuple[str, str]]
) -> bool:
    """A date element (a <time>, a microdata date) of an embedded post, a comment, a teaser
    in a list or a link to another page than `here` (the options' say)."""
    if options.times_of_embeds_and_comments_skipped and (
        _in_comments(node, options) or _in_embedded_post(node)
    ):
        return True
    if options.times_in_links_elsewhere_skipped and url:
        link = next(node.iterancestors("a"), None)
        if link is not None and _links_elsewhere(link.get("href"), url, here):
            return True
    if options.times_of_listing_items_skipped:
        item = next(node.iterancestors("li"), None)
        if item is not None:
            return _dated_siblings(item) >= LISTING_DATED_SIBLINGS
    if options.times_of_teaser_articles_skipped:
        # an <article> teaser: beside another dated one, or headed by a link to another page
        # (a story set in the text); none holds the page's h1
        item = next(node.iterancestors("article"), None)
        if item is not None and next(item.iter("h1"), None) is None:
            link = _first_heading_link(item)
            return _dated_siblings(item) >= 1 or (
                link is not None and bool(url) and _links_elsewhere(link.get("href"), url, here)
            )
    return False


def _first_heading_link(box: HtmlElement) -> HtmlElement | None:
    """The link in the box's first heading below h1: a teaser's headline when it leads away."""
    heading = next(box.iter(*HEADING_TAGS), None)
    return next(heading.iter("a"), None) if heading is not None else None


def _dated_siblings(item: HtmlElement) -> int:
    """How many of the item's siblings of its own tag hold a <time>."""
    return sum(
        1
        for preceding in (False, True)
        for sibling in item.itersiblings(item.tag, preceding=preceding)
        if next(sibling.iter("time"), None) is not None
    )


def _links_elsewhere(href: str | None, url: str, here: frozenset[tuple[str, str]]) -> bool:
    """A link to another page than those `here` names (a blog's permalink around its own
    date is not)."""
    if not href or href.startswith("#"):
        return False
    target = join_url(url, href.strip())
    return target is None or page_key(target) not in here


def _own_pages(url: str, canonical_url: str | None) -> frozenset[tuple[str, str]]:
    """The page's own addresses: where it was fetched, and the canonical URL it states (a
    copy served from a mirror or another host still links its date to the original)."""
    return frozenset(page_key(address) for address in (url, canonical_url) if address)


def page_key(address: str) -> tuple[str, str]:
    """An address as compared for the page it names: its host without "www." and its path
    without a closing slash (no scheme, query or fragment)."""
    parts = url_parts(address)
    return parts.netloc.casefold().removeprefix("www."), parts.path.rstrip("/")


def _in_embedded_post(node: HtmlElement) -> bool:
    return any(_is_embedded_post(ancestor) for ancestor in node.iterancestors())


def _is_embedded_post(element: HtmlElement) -> bool:
    """An Instagram or X card, a TikTok or a Bluesky post set in the page."""
    return bool(EMBEDDED_POST_NAME.search(element.get("class") or ""))


EMBEDDED_POST_NAME = re.compile(
    r"instagram-media|twitter-tweet|tiktok-embed|fb-post|reddit-embed|bluesky-embed"
    r"|mastodon-embed|threads-embed",
    re.IGNORECASE,
)
LISTING_DATED_SIBLINGS = 2  # a page's own meta list dates twice at most: published, updated


def _time_role(node: HtmlElement, options: ExtractionOptions) -> str | None:
    """ "published" or "modified", as a <time> element's itemprop or class says, else None."""
    itemprop = (node.get("itemprop") or "").casefold()
    names = f"{element_names(node, options, element_id='')} {itemprop}"
    if (
        itemprop == "datepublished"
        or node.get("pubdate") is not None
        or PUBLISHED_NAME.search(names)
    ):
        return "published"
    if itemprop == "datemodified" or MODIFIED_NAME.search(names):
        return "modified"
    return None


def _visible_lines(root: HtmlElement) -> list[tuple[str, etree._ElementUnicodeResult]]:
    """Every line of the page's visible text (no scripts, styles or templates), with the
    text node it was read from."""
    return [
        (line, text)
        for text in VISIBLE_TEXT(root)
        if str(text).strip() and (line := normalize_text(str(text)))
    ]


def _outside_embedded_posts(
    root: HtmlElement, visible: list[tuple[str, etree._ElementUnicodeResult]]
) -> list[tuple[str, etree._ElementUnicodeResult]]:
    """The lines not read from an embedded post (a tweet's "April 25, 2024" dates the tweet)."""
    posts = {
        element
        for element in root.iter()
        if isinstance(element.tag, str) and _is_embedded_post(element)
    }
    if not posts:
        return visible
    inside = {element for post in posts for element in post.iter()}
    return [
        (line, text)
        for line, text in visible
        if (parent := text.getparent()) not in inside or (text.is_tail and parent in posts)
    ]


MIN_TEASER_HEADLINE_WORDS = 3  # a section's kicker link ("Sport") heads no teaser


def _outside_teasers(
    visible: list[tuple[str, etree._ElementUnicodeResult]],
    url: str,
    here: frozenset[tuple[str, str]],
    options: ExtractionOptions,
) -> list[tuple[str, etree._ElementUnicodeResult]]:
    """The lines not read from a teaser of another page (see `teaser_lines_undated`)."""
    cards: dict[HtmlElement, bool] = {}

    def heads_a_teaser(element: HtmlElement) -> bool:
        # a card's first heading is a headline linking away; the page's header holds its h1
        if element not in cards:
            link = _first_heading_link(element)
            cards[element] = (
                link is not None
                and len(link.text_content().split()) >= MIN_TEASER_HEADLINE_WORDS
                and len(element.text_content().split()) <= options.teaser_card_max_words
                and _links_elsewhere(link.get("href"), url, here)
                and next(element.iter("h1"), None) is None
            )
        return cards[element]

    def in_teaser(node: etree._ElementUnicodeResult) -> bool:
        parent = node.getparent()
        if parent is None:
            return False
        holders = (parent, *parent.iterancestors()) if not node.is_tail else parent.iterancestors()
        for level, element in enumerate(holders):
            if (
                element.tag == "a"
                # a card linking away says more than its date; a date linking to its day's
                # archive ("/2022/01/25/") is the post's own
                and len(element.text_content().split())
                >= len(str(node).split()) + MIN_TEASER_HEADLINE_WORDS
                and _links_elsewhere(element.get("href"), url, here)
            ):
                return True
            # a box named a teaser may be the story's own lead ("detail-page__teaser-text")
            if level < options.teaser_card_levels and heads_a_teaser(element):
                return True
        return False

    return [(line, node) for line, node in visible if not in_teaser(node)]


def _first_lines(visible: list[tuple[str, etree._ElementUnicodeResult]]) -> list[str]:
    return [line for line, _ in visible[:TEXT_LINES_SCANNED]]


def _text_lines(root: HtmlElement) -> list[str]:
    """The first lines of the page's visible text."""
    return _first_lines(_visible_lines(root))


def _day(candidate: DateCandidate) -> date:
    return candidate.moment.date()


def _refined(primary: DateCandidate, others: list[DateCandidate]) -> DateCandidate:
    """A date-only statement gives way to a same-day one with a time of day, a time without an
    offset to the same wall time with one."""
    if not primary.has_clock:
        for other in others:
            if other.has_clock and _day(other) == _day(primary):
                return other
    elif not primary.has_offset:
        wall = primary.moment.replace(tzinfo=None)
        for other in others:
            if other.has_offset and other.moment.replace(tzinfo=None) == wall:
                return other
    elif primary.moment.utcoffset() == ZERO_OFFSET:
        # "…T05:30:59Z" beside "…T23:30:59-06:00": the same instant, told in the page's own
        # zone, whose calendar day is the one the page was published on
        for other in others:
            offset = other.moment.utcoffset()
            if other.has_offset and offset and other.moment == primary.moment:
                return other
    return primary


ZERO_OFFSET = timedelta(0)
MIDNIGHT = time(0, 0)
PUBLISHED_NAME = re.compile(r"(?:^|[-_\s])(?:published|pubdate|publish-date)(?:$|[-_\s])", re.I)
MODIFIED_NAME = re.compile(r"(?:^|[-_\s])(?:updated|modified|date-?modified)(?:$|[-_\s])", re.I)


def pick_dates_with_sources(
    meta: PageMetadata,
    root: HtmlElement,
    container: HtmlElement | None,
    url: str,
    zone: str,
    options: ExtractionOptions = DEFAULT_OPTIONS,
    title: str = "",
    clock_zone: Callable[[], PageZone | None] | None = None,
) -> tuple[datetime | None, datetime | None, dict[str, str]]:
    """(published, updated, {field: source}) from the page's statements (module docstring).

    `clock_zone` reads the page's own zone (`transforms.zones`), for a time of day its text
    shows without an offset; a day without a time stays in `zone`, its calendar day whole."""
    sources: dict[str, str] = {}
    # the page is read for how it writes dates only when a slashed date is to be read
    day_first = (
        functools.cache(functools.partial(writes_day_first, root))
        if options.slashed_dates_by_page
        else None
    )
    candidates = stated_dates(meta, root, container, zone, options, url, day_first)
    published: datetime | None = None
    # one walk of the visible text serves the lines around the headline and the first lines
    visible: list[tuple[str, etree._ElementUnicodeResult]] = []
    near_title: list[str] = []
    if not candidates or (candidates[0].plain and options.title_date_over_plain_times):
        visible = _visible_lines(root)
        if options.embedded_post_lines_undated:
            visible = _outside_embedded_posts(root, visible)
        if options.teaser_lines_undated and url:
            visible = _outside_teasers(visible, url, _own_pages(url, meta.canonical_url), options)
        if (
            day_first is not None
            and any(SLASHED_DATE.search(line) for line, _ in visible)
            and day_first()
        ):
            visible = [(_dotted(line), node) for line, node in visible]
        if options.dates_near_title and title:
            near_title = _lines_around_title(visible, title, options)
    if candidates and candidates[0].plain and options.title_date_over_plain_times:
        # the title's line, then the lines right under it
        shown = _date_line(near_title[: options.title_date_override_lines + 1], zone, options)
        if shown is not None and abs((shown.date() - _day(candidates[0])).days) > 1:
            # a <time> nothing marks, away from the headline (a teaser list's), against the
            # date line under the headline: the headline's (a day apart is one moment told
            # in two zones)
            candidates = []
    if candidates:
        chosen = _refined(candidates[0], candidates[1:]) if options.refine_dates else candidates[0]
        published, sources["published_at"] = chosen.moment, chosen.source
        if (
            options.time_elements_in_page_zone
            and chosen.source == "time"
            and chosen.has_clock
            and not chosen.has_offset
            and clock_zone is not None
            and (own_zone := clock_zone())
        ):
            # a <time> the page shows, its datetime without an offset: the page's wall clock
            published = published.replace(tzinfo=zone_named(own_zone.name))
            sources["published_zone"] = _zone_source(own_zone)
        if (
            options.local_wall_time
            and chosen.has_clock
            and chosen.moment.utcoffset() == ZERO_OFFSET
        ):
            lines = _first_lines(visible) if visible else _text_lines(root)
            published = local_wall_time(chosen.moment, lines) or published
            if (
                options.utc_told_in_page_zone
                and chosen.has_offset
                and published.utcoffset() == ZERO_OFFSET
                and clock_zone is not None
                and (own_zone := clock_zone())
            ):
                # a server's UTC stamp, told in the page's own zone: the same instant, on the
                # calendar day the page's readers saw
                published = published.astimezone(zone_named(own_zone.name))
                sources["published_zone"] = _zone_source(own_zone)
    else:
        url_day = date_from_url(url, zone)
        own_zone = clock_zone() if clock_zone else None
        shown = own_zone.name if own_zone else zone
        short = options.bare_dates_short_years
        # the headline's own date line, before a sidebar's or a menu's dates above it
        lines = near_title + _first_lines(visible)
        labelled, _ = labelled_dates(lines, shown, day_hint=url_day.date() if url_day else None)
        # the headline's date line may join its clock with a bar or a dash, not the others
        joinable = near_title if options.title_date_clock_joined else []
        for source, value in (
            ("labels", labelled),
            ("labels", first_bare_date(joinable, shown, short_years=short, joined=True)),
            ("labels", first_bare_date(lines, shown, short_years=short)),
            ("url", url_day),
            ("labels", first_dated_line(lines, shown) if options.dated_lines else None),
            ("labels", posted_sentence_date(lines, shown) if options.posted_sentences else None),
        ):
            if value is not None:
                published, sources["published_at"] = value, source
                break
        if (
            options.url_day_judges_text_dates
            and url_day is not None
            and published is not None
            and abs((published.date() - url_day.date()).days) > 1
        ):
            # a masthead's "today", a comment's or a sidebar's date read first, against the day
            # the URL files the story under: the page's line on that day, else the URL's day
            on_day = date_on_day(lines, url_day.date(), shown)
            published = on_day or url_day
            sources["published_at"] = "labels" if on_day else "url"
        if published is None and options.paragraph_datelines and container is not None:
            published = _opening_dateline(container, shown, options)
            if published is not None:
                sources["published_at"] = "dateline"
        if published is not None and published.time() == MIDNIGHT and placed_in(published, shown):
            published = published.replace(tzinfo=zone_named(zone))
        if own_zone and published is not None and placed_in(published, own_zone.name):
            sources["published_zone"] = _zone_source(own_zone)
        if published is None:
            published = date_by_htmldate(lxml_html.tostring(root, encoding="unicode"), url, zone)
            if published is not None:
                sources["published_at"] = "htmldate"
    updated = parse_datetime(meta.modified, zone)
    if updated is not None:
        sources["updated_at"] = "metadata"
    return published, updated, sources


def _zone_source(zone: PageZone) -> str:
    """`field_sources["published_zone"]`: the zone a bare clock was read in, and what told it."""
    return f"{zone.name} ({zone.evidence})"


def writes_day_first(root: HtmlElement) -> bool:
    """Whether the page writes its slashed dates day first: one it shows says so ("14/04/2020"
    and none like "04/14/2020"), else its language is not American English (`<html lang>`
    other than "en" or "en-US"). Unknown: month first, as before."""
    day, month = False, False
    for match in itertools.islice(SLASHED_DATE.finditer(root.text_content()), SLASHED_DATES_READ):
        first, second = int(match[1]), int(match[2])
        day = day or (first > 12 and second <= 12)
        month = month or (second > 12 and first <= 12)
    if day != month:
        return day
    language = (root.get("lang") or "").strip().lower().replace("_", "-")
    return bool(language) and language not in ("en", "en-us")


def _dotted(text: str) -> str:
    """A slashed day-first date written with dots, as the date readers take day first."""
    return SLASHED_DATE.sub(r"\1.\2.\3", text)


DayFirst = Callable[[], bool]  # whether the page writes its slashed dates day first
SLASHED_DATES_READ = 200


def _date_line(lines: list[str], zone: str, options: ExtractionOptions) -> datetime | None:
    """The first labelled date, else the first line that is only a date."""
    labelled, _ = labelled_dates(lines, zone)
    return labelled or first_bare_date(lines, zone, short_years=options.bare_dates_short_years)


def _lines_around_title(
    visible: list[tuple[str, etree._ElementUnicodeResult]], title: str, options: ExtractionOptions
) -> list[str]:
    """The visible lines just after, then just before, the heading showing the title: the
    first <h1> that does, else the first <h2> or <h3> (a teaser's heading may come first)."""
    title_key = text_key(title)
    if not title_key:
        return []
    found_at: dict[str, int] = {}
    for index, (line, text) in enumerate(visible):
        level = _heading_level(text)
        if level is None or level in found_at:
            continue
        key = text_key(line)
        if (
            key
            and (title_key in key or key in title_key)
            and min(len(key), len(title_key))
            >= TITLE_LINE_MIN_SHARE * max(len(key), len(title_key))
        ):
            found_at[level] = index
    at = found_at.get("h1", min(found_at.values(), default=None))
    if at is None:
        return []
    # below the headline first: a date line above it may be a sidebar's last teaser; above
    # it, the nearest line first
    after = visible[at : at + options.title_date_lines_after + 1]
    before = visible[max(0, at - options.title_date_lines_before) : at][::-1]
    return [line for line, _ in after + before]


def _heading_level(text: etree._ElementUnicodeResult) -> str | None:
    parent = text.getparent()
    if parent is None:
        return None
    return next(
        (
            element.tag
            for element in (parent, *parent.iterancestors())
            if element.tag in TITLE_HEADING_TAGS
        ),
        None,
    )


TITLE_HEADING_TAGS = frozenset({"h1", "h2", "h3"})
TITLE_LINE_MIN_SHARE = 0.6  # a heading line and the title differ by a kicker or a label at most


def _opening_dateline(
    container: HtmlElement, zone: str, options: ExtractionOptions
) -> datetime | None:
    """A date opening the text's first paragraph; with `datelines_past_stubs`, also past the
    short lines above it ("By Jane Doe", then "27.1.2022 - The council ...")."""
    texts = (normalize_text(p.text_content()) for p in container.iter("p"))
    for index, text in enumerate(text for text in texts if text):
        found = leading_date(text, zone)
        if found is not None or not options.datelines_past_stubs:
            return found
        if index >= DATELINE_STUBS or len(text.split()) > options.edge_stub_max_words:
            return None  # the text has begun without a date
    return None


DATELINE_STUBS = 2  # short lines looked past for a dateline


# -- authors ---------------------------------------------------------------------------------


def _key(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").casefold()))


def publisher_keys(
    meta: PageMetadata,
    url: str,
    *,
    copyright_holder: bool = False,
    canonical_host: bool = True,
    title: str | None = None,
    options: ExtractionOptions = DEFAULT_OPTIONS,
) -> set[str]:
    """The names the publisher goes by on this page: site name, JSON-LD publisher, hosts
    (with `canonical_host` those of the canonical URL and `<base href>` too), and with
    `copyright_holder` the holder `<meta name="copyright">` names; with `title` (the page's
    `<title>`), the short piece ending it after a bar."""
    keys = {_key(meta.site_name), _key(meta.publisher), _key(meta.meta.get("application-name"))}
    if options.title_tail_publishes and title is not None:
        keys.add(_key(title_tail(title)))
    if meta.site_name and BAR.search(meta.site_name):
        # "Achtsam durch die Krise | Die FURCHE": a site name set to the page's whole title
        keys.add(_key(BAR.split(meta.site_name)[-1]))
    if copyright_holder and meta.meta.get("copyright"):
        keys.add(_key(COPYRIGHT_WORDS.sub(" ", meta.meta["copyright"])))
    for host in page_hosts(meta, url, stated=canonical_host):
        labels = [label for label in host.split(".") if len(label) > 2 and label not in HOST_NOISE]
        keys.update(_key(label) for label in labels[:1])  # not a language's "de.", "en."
        if options.registered_host_name_publishes:
            keys.add(_key(registered_name(host)))  # "ascii" of weekly.ascii.jp
        keys.add(_key(host))
    return {key for key in keys if key}


def _is_publisher(name: str, publishers: set[str]) -> bool:
    """The publisher by its name, its domain, its initials ("LN" for Lübecker Nachrichten),
    its name and a tagline ("L-MAG – Das Magazin für Lesben"), or an organisation
    ("… e.V.")."""
    key = _key(name)
    squashed = key.replace(" ", "")
    tagline = TAGLINE.search(name)
    for publisher in publishers:
        if _spells(key, publisher):
            return True
        if publisher in key and len(key.split()) <= len(publisher.split()) + 1:
            return True
        if (
            tagline
            and _key(name[: tagline.start()]) == publisher
            and not _looks_like_names(name[tagline.end() :])
        ):
            return True
        words = publisher.split()
        if (
            name.isupper()
            and 1 < len(words) == len(squashed)
            and all(word[0] == letter for word, letter in zip(words, squashed, strict=True))
        ):
            return True
    last_word = name.split()[-1] if name.split() else ""
    return bool(DOMAIN_LIKE.search(name)) or bool(ORGANISATION.match(last_word))


def clean_author_names(
    names: tuple[str, ...] | list[str],
    publishers: set[str],
    *,
    keep_publisher: bool = False,
    options: ExtractionOptions = DEFAULT_OPTIONS,
) -> tuple[str, ...]:
    """Person names only (see the module docstring); with `keep_publisher`, the publisher's
    name stays too (a page whose only byline is its publisher)."""
    fragments_go = options.publisher_fragments_not_authors
    if fragments_go and not keep_publisher and _spell_a_publisher(names, publishers):
        return ()
    cleaned: list[str] = []
    for raw in _before_address(list(names)):
        text = normalize_text(URL.sub(" ", settings.EMAIL.sub(" ", html.unescape(raw))))
        if options.other_credits_not_authors:
            text = _without_other_credits(text)
        credited = cjk_byline([text]) if options.cjk_credits_in_bylines else ()
        if credited:  # "文● オカモト／ASCII編集部": the writer, then the desk
            cleaned.extend(credited)
            continue
        if options.cjk_credits_in_bylines and _is_cjk_credit(text):
            continue  # "作者：未知 责任编辑：棒棒不是糖": a credit line naming no one we can read
        text = KOREAN_ROLE.sub("", AGENCY_PREFIX.sub("", LEADING_PUNCTUATION.sub("", text)))
        text = AUTHOR_LABEL.sub("", WORK_LABEL.sub("", AUTHOR_PREFIX.sub("", text)))
        text = ROLE_HEAD.sub("", SECTION_HEAD.sub("", text))
        domain = DOMAIN_IN_PARENTHESES.search(text)
        if domain:  # "Harbour Daily (harbourdaily.com)": the publisher, by its own address
            if not keep_publisher:
                continue
            text = DOMAIN_IN_PARENTHESES.sub("", text)
        text = INITIALS_IN_PARENTHESES.sub("", text)
        text = BYLINE_TAIL.sub("", SOCIAL_LINK.sub(" ", HANDLE.sub(" ", text)))
        if len(names) > 1 and ROLE_TAIL.fullmatch(f" {text}"):
            continue  # "Jane Doe" and "Contributing Writer" in two tags: her role
        without_role = ROLE_TAIL.sub("", text)
        role_cut = False
        # "Rasender Reporter" is a pen name; "SID Nachrichtenagentur" an agency's code and role
        # "… Wehranlage in Horka e.V.": an organisation's name holds its town
        organisation = bool(text.split()) and bool(ORGANISATION.match(text.split()[-1]))
        if not organisation and (
            len(without_role.split()) >= MIN_BYLINE_WORDS or AGENCY_CODE.fullmatch(without_role)
        ):
            role_cut, text = without_role != text, without_role
        parts = _before_address(_split_names(text))
        for index, part in enumerate(parts):
            # "Text und Interview: Jane Doe", "Text: John Roe; Fotos: Jane Doe": each part's own
            if options.other_credits_not_authors and OTHER_CREDIT.match(part):
                continue  # "John Doe/Reviewed by Jane Roe": split off where no break was
            name = WORK_LABEL.sub("", normalize_text(part)).strip(NAME_EDGE_CHARACTERS)
            if len(PARENTHETICAL_TAIL.sub("", name).split()) >= MIN_BYLINE_WORDS:
                name = PARENTHETICAL_TAIL.sub("", name)  # "Cécile Ducourtieux (Bruxelles"
            # "Florence Audier, le 3 mai": the date gone, its "le" is no second name
            name = DANGLING_PREPOSITION.sub("", f" {name}").strip()
            if role_cut and index == len(parts) - 1:
                # what the cut role leaves: "Jane Doe, AP Sports Writer", "Jane Doe, Technical
                # Writer", "JANE DOE AP Technology Writer"
                if AGENCY_DESK.fullmatch(name) or (len(parts) > 1 and len(name.split()) == 1):
                    continue
                name = _without_agency_desk(name)
            last = name.split()[-1] if name.split() else ""
            if (
                last.endswith(".")
                and "." not in last[:-1]
                and len(last) > ABBREVIATION_MAX_CHARS
                and not ORGANISATION.match(last)  # "Inc.", "Ltd."
            ):
                name = name[:-1]  # a sentence's full stop, not "Jr.", "C." or "F.A.S."
            name = _without_avatar_letter(_undoubled(name))
            if options.agency_tails_not_names:
                rest = AGENCY_NAME_TAIL.sub("", name)
                name = rest if len(rest.split()) >= MIN_BYLINE_WORDS else name
            if not _is_publisher(name, publishers):
                name = _without_publisher_words(name, publishers)
            if (
                not name
                or UI_LABEL.match(name)
                or CREDENTIAL.match(name)
                or ((index > 0 or cleaned) and TRAILING_CREDENTIAL.fullmatch(name))
                or _reads_like_a_phrase(name)
                or not any(ch.isalpha() for ch in name)
                or "!" in name  # "Thank You! Your effort …": a feedback box's words
                # "Jane Doe (Bruxelles, correspondante)": a role beside a name; alone, the desk
                or (len(parts) > 1 and ROLE_TAIL.fullmatch(f" {name}"))
                or len(name) > MAX_AUTHOR_CHARS
                or len(name.split()) > MAX_AUTHOR_WORDS
                or (not keep_publisher and _is_publisher(name, publishers))
                or (fragments_go and _fragment_of_publisher(name, raw, publishers))
            ):
                continue
            cleaned.append(name)
    return tuple(dict.fromkeys(cleaned))


def _spells(key: str, publisher: str) -> bool:
    """Whether a name's key is the publisher's, spaced or not ("harbour daily", "harbourdaily")."""
    return key == publisher or key.replace(" ", "") == publisher.replace(" ", "")


def _spell_a_publisher(names: tuple[str, ...] | list[str], publishers: set[str]) -> bool:
    """Names that together spell the publisher's: "Jobs & Hire" split at its ampersand."""
    if len(names) < 2:
        return False
    key = _key(" ".join(names))
    return any(_spells(key, publisher) for publisher in publishers)


def _fragment_of_publisher(name: str, raw: str, publishers: set[str]) -> bool:
    """One word of a publisher's name of several, in a text that says two of them in a row:
    what is left of "Motley Fool Staff" once the desk word and the host's "Fool" are cut.
    "Haris LifeBuzz Staff" names Haris, no word of the publisher's name; "Pamela Anderson" on
    her foundation's site names her in full."""
    words = _key(name).split()
    said = f" {_key(raw)} "
    return len(words) == 1 and any(
        len(names := publisher.split()) > 1
        and words[0] in names
        and any(f" {first} {second} " in said for first, second in itertools.pairwise(names))
        for publisher in publishers
    )


ABBREVIATION_MAX_CHARS = 3  # with its dot: "Jr.", "Sr.", "C."


def _split_names(text: str) -> list[str]:
    """The names in a byline. An "and" between several words and a single one joins an
    organisation's name ("Bundesministerium für Wirtschaft und Klimaschutz"), not two people."""
    spans: list[tuple[int, int]] = []
    start = 0
    joined_by_word = False
    for separator in (*AUTHOR_SEPARATOR.finditer(text), None):
        end = separator.start() if separator is not None else len(text)
        if (
            joined_by_word
            and spans
            and _single_word_after_words(text[slice(*spans[-1])], text[start:end])
        ):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        if separator is not None:
            joined_by_word = bool(WORD_CONNECTOR.fullmatch(separator.group().strip()))
            start = separator.end()
    return [text[begin:end] for begin, end in spans]


def _single_word_after_words(before: str, after: str) -> bool:
    """Whether `after` ends an organisation's name begun in `before`; a wire agency ("Jane Doe
    and AP", "Jane Doe und dpa") is a second author."""
    return (
        len(before.split()) >= MIN_BYLINE_WORDS
        and len(after.split()) == 1
        and not AGENCY_CODE.fullmatch(after)
        and not WIRE_AGENCY.fullmatch(after.strip())
    )


WORD_CONNECTOR = re.compile(r"and|und|et|y|og|och|e|i|en", re.IGNORECASE)


def _without_other_credits(text: str) -> str:
    """The byline without its credits for work other than writing, each up to the next break:
    "Written by John Doe | Reviewed by Jane Roe" → "Written by John Doe"."""
    segments = CREDIT_BREAK.split(OTHER_CREDIT_INSIDE.sub(" | ", text))
    kept = [segment for segment in segments if not OTHER_CREDIT.match(segment)]
    return text if len(kept) == len(segments) else ", ".join(kept)


def _before_address(parts: list[str]) -> list[str]:
    """ "Olympia-Verlag GmbH, Nürnberg, Germany", "hessenschau.de, Frankfurt, Germany": after
    an organisation or a site's address come its town and country, not more people."""
    for index, part in enumerate(parts):
        words = part.split()
        if words and (ORGANISATION.match(words[-1]) or _is_host(words)):
            return parts[: index + 1]
    return parts


def _is_host(words: list[str]) -> bool:
    """A part that is a site's address alone ("hessenschau.de", "news.example.com")."""
    return len(words) == 1 and bool(DOMAIN_LIKE.search(words[0]))


def _reads_like_a_phrase(name: str) -> bool:
    """Two or more lower-case words besides name particles and legal forms: a headline or a
    sentence caught in a byline box ("Trump's inauguration: ticket packages"), not a name."""
    lower = [
        word
        for word in name.split()
        if word[:1].islower()
        and word.casefold() not in NAME_PARTICLES
        and not ORGANISATION.match(word)
    ]
    return len(lower) >= PHRASE_LOWER_WORDS


def _undoubled(name: str) -> str:
    """A name shown twice in one element (a hidden and a shown copy): "Jane Doe Jane Doe"."""
    words = name.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and half and words[:half] == words[half:]:
        return " ".join(words[:half])
    return name


def _without_avatar_letter(name: str) -> str:
    """An account's name without its avatar's letter beside it: "ptf P", "nimmi1231 N",
    "J jane_doe"; not "Megha M", a first name and an initial."""
    words = name.split()
    if len(words) == 2:
        for letter, account in ((words[-1], words[0]), (words[0], words[-1])):
            if (
                len(letter) == 1
                and letter.isupper()
                and account[0].upper() == letter
                and (not account[0].isupper() or any(c.isdigit() or c == "_" for c in account))
            ):
                return account
    return name


def _without_publisher_words(name: str, publishers: set[str]) -> str:
    """The person in "Adam Aaronson PhillyVoice Staff", "unocero - Alberto Ávila": the
    publisher's own name (and a desk word after it) goes when other words remain."""
    words = name.split()
    keys = [_key(word) for word in words]
    # the longest name first ("SurgeZirc UK" before "surgezirc"), in a fixed order: a set's
    # order changes from run to run
    for publisher in sorted(publishers, key=lambda key: (-len(key.split()), key)):
        size = len(publisher.split())
        for start in range(len(words) - size + 1):
            if not publisher or " ".join(keys[start : start + size]) != publisher:
                continue
            end = start + size
            if end < len(words) and DESK_WORD.match(words[end]):
                end += 1
            if start > 0 and PUBLISHER_CONNECTOR.fullmatch(words[start - 1]):
                start -= 1  # "Charles Walton for SurgeZirc UK"
            rest = [w for w in words[:start] + words[end:] if any(c.isalpha() for c in w)]
            if (
                rest
                and any(word[0].isupper() for word in rest)
                and not any(DESK_WORD.match(word) or ORGANISATION.match(word) for word in rest)
            ):  # "Redaktion Polizeiticker Schweiz", "Bund der Energieverbraucher e.V." stay
                return normalize_text(" ".join(rest)).strip(" -–—|:")
    return name


PUBLISHER_CONNECTOR = re.compile(r"for|für|pour|para|per|at|bei", re.IGNORECASE)


def _shown_text(node: HtmlElement, in_parts: bool = False, hidden_skipped: bool = False) -> str:
    """The element's text without what only screen readers get (`sr-only`, `visually-hidden`)
    and, with `hidden_skipped`, what CSS hides inside it (a class such as `d-none` unless a
    breakpoint shows it again, `display: none`: a profile link's name repeated for microdata,
    "Alex S.Alex S."). With `in_parts`, a line break or a block child separates words ("Jane
    Doe<br>Thu 22 Feb" is no "Jane DoeThu"), and a link to a social profile ("@janedoe",
    "janedoe") is no part of the name."""

    def unshown(element: HtmlElement) -> bool:
        classes = element.get("class") or ""
        return bool(
            HIDDEN_LABEL.search(classes)
            # a script writing the signed-in reader's name into a "userName" box
            or element.tag in UNSHOWN_TAGS
            or (
                hidden_skipped
                and element is not node
                and (
                    (
                        settings.HIDDEN_CLASS.search(classes)
                        and not settings.SHOWN_FROM_BREAKPOINT.search(classes)
                    )
                    or settings.HIDDEN_STYLE.search(element.get("style") or "")
                )
            )
        )

    if not in_parts and not any(unshown(child) for child in node.iter()):
        return normalize_text(node.text_content())
    parts: list[str] = []

    def walk(element: HtmlElement) -> None:
        if unshown(element) or (in_parts and element.tag == "a" and _is_social_handle(element)):
            if element.tail:
                parts.append(element.tail)
            return
        separated = in_parts and element.tag in PART_TAGS
        if separated:
            parts.append(" ")
        if element.text:
            parts.append(element.text)
        for child in element:
            if isinstance(child.tag, str):
                walk(child)
            elif child.tail:
                parts.append(child.tail)
        if separated:
            parts.append(" ")
        if element.tail and element is not node:
            parts.append(element.tail)

    walk(node)
    if not in_parts:
        return normalize_text(" ".join(parts))
    # two elements' texts that meet as "MillsPublished" ("<a>Jen Mills</a><span>Published")
    # are two words; a capital inside one text ("PhillyVoice", "McDonald") stays
    joined = ""
    for part in parts:
        if joined and part and joined[-1].islower() and part[0].isupper():
            joined += " "
        joined += part
    return normalize_text(joined)


def _is_social_handle(link: HtmlElement) -> bool:
    """A link to a social profile that shows a handle ("janedoe", "@janedoe"), not a name."""
    return bool(SOCIAL_HOST.search(link.get("href") or "")) and (
        len(link.text_content().split()) == 1
    )


# a name's parts end at these: a line break, a block of its own
PART_TAGS = frozenset({"br", "div", "p", "li", "time", "h2", "h3", "h4", "h5", "h6"})
SOCIAL_HOST = re.compile(
    r"^(?:https?:)?//(?:[\w-]+\.)*(?:twitter|x|facebook|instagram|linkedin|bsky|threads|"
    r"mastodon\.social|youtube|tiktok|xing)\.(?:com|app|net|social)/",
    re.IGNORECASE,
)


def _leading_text(node: HtmlElement) -> str:
    """The element's own first words: its text, else its first child's, past empty ones (a
    divider's "<div class='trenner'> </div>" before "<b>Von:</b>")."""
    text = (node.text or "").strip()
    if text:
        return text
    for child in node:
        if not isinstance(child.tag, str):
            continue
        if child.text_content().strip() or (child.tail or "").strip():
            return (child.text or "").strip()
    return ""


def _looks_like_names(text: str) -> bool:
    """Each word of the line after its label starts with a capital (or is a name particle)."""
    words = [word for part in AUTHOR_SEPARATOR.split(text) for word in part.split()]
    return (
        bool(words)
        and _capital_or_caseless(text.lstrip(" ©\"'“(")[:1])
        and all(
            _capital_or_caseless(word[0])
            or not word[0].isalpha()
            or word.casefold() in NAME_PARTICLES
            for word in words
        )
    )


def _capital_or_caseless(letter: str) -> bool:
    """A capital, or a letter of a script without capitals (Arabic, Hebrew, Thai, Devanagari):
    a name in such a script starts with neither case. Chinese, Japanese and Korean names are
    read from their credit lines (`cjk_byline`), not by this check."""
    return letter.isupper() or (
        letter.isalpha() and not letter.islower() and not CJK_LETTER.match(letter)
    )


CJK_LETTER = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")


def _labelled_byline(node: HtmlElement, options: ExtractionOptions) -> str | None:
    """A short element that starts with a byline label ("By", "Von:", "Author") and goes on
    with names: "Von: Jane Doe, John Roe", "<strong>Autorin/Autor</strong> Jane Doe"."""
    lead = _leading_text(node)
    # a name's role after it makes a longer lead: "Autorin: Jane Doe, Projektleiterin der …"
    lead_chars = (
        MAX_LABELLED_BYLINE_CHARS if options.labelled_byline_roles_cut else MAX_AUTHOR_CHARS
    )
    if not lead or len(lead) > lead_chars or not BYLINE_LABEL.match(lead):
        return None
    if IN_BUTTON(node):  # "<button><span>Text Delete</span>": a control's label
        return None
    if options.menu_links_not_bylines and node.tag == "a" and _in_link_list(node):
        return None
    if (
        options.menu_headings_not_bylines
        and _in_navigation(node)
        and _followed_by_link(node, options.menu_heading_link_levels)
    ):
        return None
    lines = _break_lines(node) if options.labelled_byline_lines and HAS_BREAK(node) else []
    if lines:
        text = lines[0]
        if not BYLINE_LABEL.sub("", text, count=1) and len(lines) > 1:
            text = f"{text} {lines[1]}"  # "<b>Von:</b><br><br>Jane Doe"
    else:
        text = _shown_text(node, options.byline_reads_parts, options.byline_hidden_skipped)
    rest = BYLINE_LABEL.sub("", text, count=1)
    if not rest and options.label_tail_bylines and node.tail and node.tail.strip():
        text = normalize_text(f"{text} {node.tail}")  # "<h5>Autor:</h5>Jane Doe/SP-X"
        rest = BYLINE_LABEL.sub("", text, count=1)
    if options.label_tail_bylines:
        rest = BYLINE_TAIL.sub("", rest).strip(" |·-–—,")  # "Jane Doe | 27.01.2022 - 12:45"
    if options.labelled_byline_roles_cut and not _looks_like_names(rest):
        # "Autorin: Jane Doe, Projektleiterin der Stiftung in Tunis.": her name, then her role;
        # a line of its own ("an op-ed <span>by Sen. Jane Doe, which argued …</span>" goes on
        # a sentence)
        name, comma, _ = rest.partition(",")
        if (
            comma
            and len(name.split()) >= MIN_BYLINE_WORDS
            and _looks_like_names(name)
            and _opens_its_line(node)
            # "Author Jane Doe, from the coast, spoke about …": a sentence's subject, not a label
            and not BARE_WORD_LABEL.match(text)
        ):
            rest = name.strip()
    if (
        not rest
        or len(text) > MAX_LABELLED_BYLINE_CHARS
        or len(rest.split()) > MAX_LABELLED_BYLINE_WORDS
        or any(ch.isdigit() for ch in rest)
        or not _looks_like_names(rest)
        # a long line gives a full name after its label: "Door No. 61, …" is an address
        or (len(lead) > MAX_AUTHOR_CHARS and len(rest.split()) < MIN_BYLINE_WORDS)
    ):
        return None
    return rest if options.label_tail_bylines else text


# a menu's box: its author links are the site's columnists, not this story's writers
NAVIGATION_NAME = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|navigation|menu|menus|submenu|megamenu|dropdown)(?=$|[-_\s\d])",
    re.IGNORECASE,
)


NAVIGATION_DEPTH = 4  # a menu holds its links closely; a page wrapped in a nav drawer does not


def _in_navigation(node: HtmlElement) -> bool:
    return under(node, ("nav",), NAVIGATION_NAME, NAVIGATION_DEPTH)


def _followed_by_link(node: HtmlElement, levels: int) -> bool:
    """Whether the element after `node` (or after one of its `levels` nearest ancestors, the
    first that has one) is a link or holds one: a menu's heading over its items."""
    for element in itertools.islice((node, *node.iterancestors()), levels):
        after = next(element.itersiblings(), None)
        while after is not None and not isinstance(after.tag, str):
            after = after.getnext()
        if after is not None:
            return after.tag == "a" or next(after.iter("a"), None) is not None
    return False


def _in_link_list(link: HtmlElement) -> bool:
    parent = link.getparent()
    links = parent.iterchildren("a") if parent is not None else iter(())
    return sum(1 for _ in itertools.islice(links, MENU_MIN_LINKS)) >= MENU_MIN_LINKS


def _break_lines(node: HtmlElement) -> list[str]:
    """The element's text cut at its line breaks, blank lines dropped."""
    lines = [""]

    def walk(element: HtmlElement) -> None:
        if element.tag == "br":
            lines.append("")
        else:
            lines[-1] += element.text or ""
            for child in element:
                if isinstance(child.tag, str):
                    walk(child)
                else:
                    lines[-1] += child.tail or ""
        if element is not node:
            lines[-1] += element.tail or ""

    walk(node)
    return [text for line in lines if (text := normalize_text(line))]


def byline_candidates(
    root: HtmlElement,
    options: ExtractionOptions = DEFAULT_OPTIONS,
    skipped: frozenset[HtmlElement] = frozenset(),
) -> Iterator[list[str]]:
    """The page's bylines in document order (`rel=author`, `itemprop=author`, a byline class,
    with `byline_labels` a short element led by a byline label, with `byline_author_links` the
    links to author pages), without screen-reader labels; each a list of raw name strings.
    Elements in `skipped` are passed over."""
    tags = BYLINE_TAGS if options.byline_labels else ("a", "span", "div", "p", "address")
    for node in root.iter(*tags):
        if node in skipped:
            continue
        if _is_byline_element(node, options):
            if options.quote_names_not_bylines and _in_quote(node, options):
                continue
            if options.caption_credits_not_bylines and _credits_a_picture(node, options):
                continue
            siblings = _marked_siblings(node) if options.byline_sibling_names else []
            if len(siblings) > 1 and not _in_comments(node, options):
                yield [
                    _shown_text(sibling, options.byline_reads_parts, options.byline_hidden_skipped)
                    for sibling in siblings
                ]
                if not options.next_byline:
                    return
                continue
            text = (
                _shown_text(node, options.byline_reads_parts, options.byline_hidden_skipped)
                if options.byline_labels
                else normalize_text(node.text_content())
            )
            if (
                2 < len(text) <= 120
                and (options.dated_bylines or not settings.DATE_IN_TEXT.search(text))
                and not _in_comments(node, options)
                and not (options.sentences_not_bylines and _is_sentence(text, options))
            ):
                inner = _inner_bylines(node, tags, options) if options.byline_inner_names else []
                if not inner and options.byline_box_labels:
                    # "<div>By <span>Jane Doe</span></div><div>Washington Post</div><time>"
                    labelled = (_labelled_byline(d, options) for d in node.iterdescendants(*tags))
                    inner = [line] if (line := next(filter(None, labelled), None)) else []
                # "By <span class='author-name'>Jane Doe</span> Staff Writer, Dec 13": the
                # names the box marks up, not the box's roles, desks and dates around them
                yield inner if inner and len(" ".join(inner)) < len(text) else [text]
                if not options.next_byline:
                    return
        elif options.byline_labels:
            labelled = _labelled_byline(node, options)
            if labelled:
                yield [labelled]
                if not options.next_byline:
                    return
        if (
            options.byline_author_links
            and node.tag == "a"
            and _author_link_name(node)
            and not (options.menu_links_not_bylines and _in_navigation(node))
        ):
            parent = node.getparent()
            siblings = parent.iter("a") if parent is not None else iter((node,))
            yield [name for link in siblings if (name := _author_link_name(link))]
            if not options.next_byline:
                return


def _is_sentence(text: str, options: ExtractionOptions) -> bool:
    """Whether the text opens with a sentence of `byline_sentence_min_words` words at least,
    led by no byline label: "Your effort and contribution in providing this feedback is much
    appreciated. Close" in a box named "ad-feedback__submitted"."""
    opening = FIRST_SENTENCE.match(text)
    return (
        opening is not None
        and len(opening.group().split()) >= options.byline_sentence_min_words
        and not BYLINE_LABEL.match(text)
    )


FIRST_SENTENCE = re.compile(r".*?[.!?](?=\s|$)")


def _credits_a_picture(node: HtmlElement, options: ExtractionOptions) -> bool:
    """Whether `node` is named for a picture's credit ("ImageArticle-Author", "media-author",
    "figcaption--author") or sits in a <figcaption> that says `caption_credit_min_words` words
    besides it: the picture's description, or its medium and length ("Audio 03:07 Min.")."""
    for name in element_names(node, options).lower().split():
        picture, credit = PICTURE_WORD.search(name), CREDIT_WORD.search(name)
        if picture and credit and picture.start() < credit.start():
            return True  # "picture-author", not "author-image-wrapper": the writer's portrait
    caption = next(node.iterancestors("figcaption"), None)
    if caption is None:
        return False
    own = len(node.text_content().split())
    return len(caption.text_content().split()) - own >= options.caption_credit_min_words


def _is_byline_element(node: HtmlElement, options: ExtractionOptions) -> bool:
    if node.get("rel") == "author" or node.get("itemprop") == "author":
        return True
    if not settings.BYLINE_NAME.search(element_names(node, options, element_id="")):
        return False
    return not (
        options.breadcrumbs_not_bylines
        and settings.BREADCRUMB_NAME.search(element_names(node, options))
    )


def _class_words(classes: str, options: ExtractionOptions) -> str:
    return with_words_split(classes) if options.camel_case_names_split else classes


def _marked_siblings(node: HtmlElement) -> list[HtmlElement]:
    """`node` and its siblings marked as authors the same way (`rel=author`,
    `itemprop=author`), when it is such a name itself."""
    parent = node.getparent()
    for attribute in ("rel", "itemprop"):
        if node.get(attribute) == "author" and parent is not None:
            return [e for e in parent if isinstance(e.tag, str) and e.get(attribute) == "author"]
    return []


def _marks_a_name(element: HtmlElement, options: ExtractionOptions) -> bool:
    """`rel=author`, `itemprop=author`, a class naming a name ("author-name", "fn"); not
    `itemprop=name`, which a breadcrumb's items carry too."""
    return (
        element.get("rel") == "author"
        or element.get("itemprop") == "author"
        or _name_class(element.get("class") or "", options)
    )


def _name_class(classes: str, options: ExtractionOptions) -> bool:
    """Whether one of the classes names a person's name; with `thing_name_classes_skipped`, not
    the name of a category, site or product ("category-name": a story's category chip set in
    its byline box)."""
    return any(
        NAME_CLASS.search(word)
        and not (options.thing_name_classes_skipped and THING_NAME_CLASS.search(word))
        for word in _class_words(classes, options).split()
    )


def _inner_bylines(
    node: HtmlElement, tags: tuple[str, ...], options: ExtractionOptions
) -> list[str]:
    """The texts of the name elements inside a byline box, outermost first."""
    found: list[HtmlElement] = []
    for element in node.iterdescendants(*tags):
        marked = _marks_a_name(element, options) or (
            options.byline_inner_author_links and _links_an_author_page(element)
        )
        if marked and not any(f in element.iterancestors() for f in found):
            found.append(element)
    texts = [
        _shown_text(element, options.byline_reads_parts, options.byline_hidden_skipped)
        for element in found
    ]
    return [text for text in texts if len(text) > 2]


def _links_an_author_page(element: HtmlElement) -> bool:
    """A link to an author's page ("/author-bio.asp?author_id=837", "/authors/jane-doe")
    showing a name."""
    if element.tag != "a":
        return False
    if not AUTHOR_WORD.search(url_parts(element.get("href") or "").path):
        return False
    text = normalize_text(element.text_content())
    return (
        MIN_BYLINE_WORDS <= len(text.split()) <= MAX_AUTHOR_WORDS
        and not AUTHOR_WORD.search(text)  # "Autorenseite von": the link's label
        and not any(c.isdigit() for c in text)
        and _looks_like_names(text)
    )


def _bylines_article_first(
    root: HtmlElement, container: HtmlElement | None, options: ExtractionOptions
) -> Iterator[list[str]]:
    """The bylines of the <article> (or <main>) holding the text, up to the text's end, first;
    then the page's: a columnists' menu above the story links to authors too."""
    scope = None
    if options.bylines_in_article_first and container is not None:
        holders = (container, *container.iterancestors())
        scope = next((e for e in holders if e.tag in settings.SECTIONING_TAGS), None)
    if scope is not None and container is not None:
        # the story's own byline heads its text: teasers after it carry theirs
        after = frozenset(FOLLOWING(container))
        yield from byline_candidates(scope, options, after)
    yield from byline_candidates(root, options)


AUTHOR_WORD = re.compile(r"author|autor|auteur", re.IGNORECASE)
FOLLOWING = etree.XPath("following::*")
IN_BUTTON = etree.XPath("boolean(ancestor-or-self::button)")
HAS_BREAK = etree.XPath("boolean(.//br)")
NAME_CLASS = re.compile(r"(?:^|[-_\s])(?:fn|(?:author|byline)?[-_]?name)(?:$|[-_\s])", re.I)
# a class naming the name of a thing, not a person's: "category-name", "site-name", "td-cat-name"
THING_NAME_CLASS = re.compile(
    r"(?:^|[-_])(?:category|cat|section|site|brand|product|city|language|tag|topic|network|"
    r"forum|channel|company|service|event|program|month|day|menu|item)[-_]?name(?:$|[-_])",
    re.I,
)


def byline_names(root: HtmlElement, options: ExtractionOptions = DEFAULT_OPTIONS) -> list[str]:
    """The first byline on the page (see `byline_candidates`)."""
    return next(byline_candidates(root, options), [])


def _in_quote(node: HtmlElement, options: ExtractionOptions) -> bool:
    """Inside a quote box: the name under a pull quote is the speaker's, not a byline."""
    for element in itertools.islice((node, *node.iterancestors()), QUOTE_LEVELS):
        if element.tag in ("blockquote", "q") or QUOTE_NAME.search(element_names(element, options)):
            return True
    return False


QUOTE_LEVELS = 4
QUOTE_NAME = re.compile(
    r"(?:^|[-_\s])(?:pull-?quote|quote|blockquote|testimonial)s?(?=$|[-_\s])", re.IGNORECASE
)


def _in_comments(node: HtmlElement, options: ExtractionOptions) -> bool:
    """Inside a comment thread or a form: "comment-author" names a reader, "Name *" a field."""
    for element in (node, *node.iterancestors()):
        if element.tag in ("body", "html"):
            return False  # a blog's body classes say "comments-open" on every post
        if element.tag == "form" or COMMENTS_NAME.search(element_names(element, options)):
            return True
    return False


COMMENTS_NAME = re.compile(r"comment(?!ary)|respond|disqus", re.IGNORECASE)


def _author_link_name(link: HtmlElement) -> str | None:
    """The name a link to an author's page shows (`/author/jane-doe`, `/autoren/…`), outside
    the menus and footers that link to the list of all authors."""
    path = url_parts(link.get("href") or "").path
    if not AUTHOR_PATH.search(path):
        return None
    text = normalize_text(link.text_content())
    words = text.split()
    if not (MIN_BYLINE_WORDS <= len(words) <= MAX_AUTHOR_WORDS) or any(c.isdigit() for c in text):
        return None
    if not _looks_like_names(text) or any(a.tag in CHROME_TAGS for a in link.iterancestors()):
        return None
    return text


def _from_posting_account(meta: PageMetadata) -> bool:
    """Whether the page's only author metadata is Yoast's "Written by" Twitter card, which
    names the account that posted the story."""
    return not any(meta.meta.get(key) for key in AUTHOR_META_KEYS) and bool(
        labelled_twitter_author(meta.meta)
    )


def _tags_and_byline_over_json_ld(
    people: tuple[str, ...],
    meta: PageMetadata,
    root: HtmlElement,
    container: HtmlElement | None,
    publishers: set[str],
    options: ExtractionOptions,
) -> tuple[str, ...]:
    """The author tags' names, when the metadata's people (JSON-LD's) share none of them and
    the first byline shows every one of them: two sources against one."""
    tagged = clean_author_names(
        names_of(first_meta(meta.meta, *AUTHOR_META_KEYS)), publishers, options=options
    )
    if not tagged or {_key(name) for name in tagged} & {_key(name) for name in people}:
        return people
    shown = {_key(name) for name in _first_full_byline(root, container, publishers, options)}
    return tagged if shown and all(_key(name) in shown for name in tagged) else people


def _first_full_byline(
    root: HtmlElement,
    container: HtmlElement | None,
    publishers: set[str],
    options: ExtractionOptions,
) -> tuple[str, ...]:
    """The first byline's names when it names people in full."""
    candidate = next(_bylines_article_first(root, container, options), [])
    names = clean_author_names(candidate, publishers, options=options)
    return names if names and all(map(_is_full_name, names)) else ()


def _is_handle(name: str) -> bool:
    """A user name, not a person's: one word in small letters ("dehlix", "jdoe"); a name in
    a script without capitals ("张三") is none."""
    return " " not in name and name == name.lower() and any(ch.islower() for ch in name)


def _opens_its_line(node: HtmlElement) -> bool:
    """Whether no text comes before the element on its line: it starts a line, not a piece of
    a sentence set in several tags."""
    # read back from the element to the line's start: as far as the nearest words at most
    for sibling in node.itersiblings(preceding=True):
        if _has_words(sibling.tail):
            return False
        if sibling.tag == "br" or sibling.tag in settings.BLOCK_TAGS:
            return True  # a line of its own starts after a break or a block
        if isinstance(sibling.tag, str) and _has_words(sibling.text_content()):
            return False
    parent = node.getparent()
    return parent is None or not _has_words(parent.text)


def _has_words(text: str | None) -> bool:
    return any(ch.isalnum() for ch in text or "")


def _text_credit(
    container: HtmlElement, publishers: set[str], options: ExtractionOptions
) -> tuple[str, ...]:
    """The people a labelled line in the text names in full ("Written by: Jane Doe")."""
    for node in container.iter(*BYLINE_TAGS):
        line = _labelled_byline(node, options)
        names = clean_author_names([line], publishers, options=options) if line else ()
        if names and all(map(_is_full_name, names)):
            return names
    return ()


def _is_full_name(name: str) -> bool:
    """A person named in full: two words or more, each written like a name, or a name in a
    script without capitals or spaces ("オカモト", "张三")."""
    return (len(name.split()) >= MIN_BYLINE_WORDS and _looks_like_names(name)) or bool(
        CJK_NAME.fullmatch(name)
    )


def _writers_of(names: tuple[str, ...], root: HtmlElement) -> tuple[str, ...]:
    """`names` without those the page credits only for other work, or all of them when it
    credits every one so (no writer is left to tell them from)."""
    page_text = " ".join(line for line, _ in _visible_lines(root))
    return tuple(name for name in names if not _credited_for_other_work(name, page_text)) or names


def _credited_for_other_work(name: str, page_text: str) -> bool:
    """Whether the page credits `name` for pictures, styling or the like ("Photographed by
    Jane Doe", "Illustration: Jane Doe") and never as a writer ("By Jane Doe")."""
    credited = False
    for found in re.finditer(re.escape(name), page_text):
        before = page_text[max(0, found.start() - ROLE_CREDIT_REACH) : found.start()]
        if ROLE_CREDIT.search(before):
            credited = True
        elif WRITER_CREDIT.search(before):
            return False
    return credited


def _fuller_author_tag(
    people: tuple[str, ...], meta: PageMetadata, publishers: set[str]
) -> tuple[str, ...]:
    """The names of the author tag that names all of `people` and more, else `people`."""
    for key in AUTHOR_META_KEYS:
        tagged = clean_author_names([meta.meta.get(key) or ""], publishers)
        if (
            len(tagged) > len(people)
            and set(people) <= set(tagged)
            and all(len(name.split()) >= MIN_BYLINE_WORDS for name in tagged)
        ):
            return tagged
    return people


def _squashed(name: str) -> str:
    return "".join(re.findall(r"[^\W_]+", name.casefold()))


def _byline_spelling_out(
    handles: tuple[str, ...], root: HtmlElement, publishers: set[str], options: ExtractionOptions
) -> tuple[str, ...]:
    """The byline's full names when the metadata gives a login or a first name only
    ("arianschlichenmayer", "Todd") and the byline spells the same people out."""
    for candidate in itertools.islice(byline_candidates(root, options), BYLINES_COMPARED):
        names = clean_author_names(candidate, publishers, options=options)
        if len(names) != len(handles):
            continue
        if all(
            " " in name and _spells_out(name, handle)
            for name, handle in zip(names, handles, strict=True)
        ):
            return names
    if options.name_class_spells_out_metadata and len(handles) == 1:
        return _name_element_spelling_out(handles[0], root, publishers, options)
    return ()


NAME_ELEMENT_MAX_WORDS = 4


def _name_element_spelling_out(
    handle: str, root: HtmlElement, publishers: set[str], options: ExtractionOptions
) -> tuple[str, ...]:
    """The one full name an element classed as a name ("<p class='full-name'>Todd Bates</p>")
    gives for a first name or login, where no byline holds it."""
    found = set()
    for node in root.iter(*BYLINE_TAGS):
        if not _name_class(node.get("class") or "", options):
            continue
        text = normalize_text(node.text_content())
        if (
            len(text.split()) <= NAME_ELEMENT_MAX_WORDS
            and not any(ch.isdigit() for ch in text)  # "REUTERS 19 NOV 2019": a dateline
            and _looks_like_names(text)
            and (names := clean_author_names([text], publishers, options=options))
            and len(names) == 1
            and " " in names[0]
            and _spells_out(names[0], handle)
        ):
            found.add(names[0])
    return (found.pop(),) if len(found) == 1 else ()


def _spells_out(name: str, handle: str) -> bool:
    """Whether a full name is the person a login or a first name stands for ("Jane Doe" for
    "janedoe", "Jane", "jane-doe")."""
    squashed = _squashed(handle)
    return _squashed(name) == squashed or _squashed(name.split()[0]) == squashed


def dated_name_line(
    root: HtmlElement, options: ExtractionOptions, labelled: bool = False, siblings: bool = False
) -> str | None:
    """A short line that is a date and a name and nothing else, the byline of many small CMSs:
    "11.12.2019 - Jane Doe", "04.02.2022 | 13:10 Uhr | Jane Doe", "Jane Doe, 01.12.2021"."""
    for node in root.iter(*DATED_NAME_TAGS):
        text = normalize_text(node.text or "")  # its own text: one look per element
        if not text:
            continue
        if labelled and len(node) <= 2 and BARE_DAY.fullmatch(text):
            # "05.02.2020 <span>- Redaktion: Jane Doe</span>": the name set in a child
            text = normalize_text(node.text_content())
        if len(text) > (MAX_LABELLED_BYLINE_CHARS if labelled else MAX_AUTHOR_CHARS):
            continue
        match = (
            DATED_NAME.fullmatch(text)
            or NAMED_DATE.fullmatch(text)
            or (LABELLED_DATED_NAME.fullmatch(text) if labelled else None)
            or (_named_before_dated_sibling(node, text) if siblings else None)
        )
        if match and _looks_like_names(match.group("name")) and not _in_comments(node, options):
            return match.group("name")
    return None


def _named_before_dated_sibling(node: HtmlElement, text: str) -> re.Match[str] | None:
    """ "<span>Jane Doe |</span><span>05.04.2025 - Updated 06.04.2025</span>": a name and its
    separator, the next element opening with the date."""
    match = NAME_BEFORE_SEPARATOR.fullmatch(text)
    following = node.getnext()
    if match is None or following is None or not isinstance(following.tag, str):
        return None
    opening = normalize_text(following.text_content())[:DATED_SIBLING_CHARS]
    return match if BARE_DAY.match(opening) else None


NAME_BEFORE_SEPARATOR = re.compile(rf"^{_NAME}\s*[|·–—-]$")
DATED_SIBLING_CHARS = 40


def date_line_byline(root: HtmlElement, options: ExtractionOptions) -> str | None:
    """The name a blog's or a small paper's date line gives after "by" or "von", set apart as
    its own piece: "Posted on September 21, 2020 by Jane Doe", "Lifestyle | By Jane Doe |
    April 13, 2020", "06.11.2023 13:30 von Jane". The label must open a piece or follow the
    date, so prose ("Auf den Spuren von Rafael Nadal 2022") and credits ("Design by …",
    "© 2015 by …") name nobody."""
    for node in root.iter(*DATE_LINE_TAGS):
        text = normalize_text(node.text_content())
        if not text or len(text) > MAX_LABELLED_BYLINE_CHARS or not settings.DATELINE.search(text):
            continue
        found = DATE_LINE_BYLINE.search(text)
        if (
            found
            and _looks_like_names(found["name"])
            and not COPYRIGHT_MARK.search(text)
            and not any(a.tag in CHROME_TAGS for a in node.iterancestors())
            and not _in_comments(node, options)
            and not _in_quote(node, options)
        ):
            return found["name"]
    return None


DATE_LINE_TAGS = ("p", "span", "div", "li", "small", "em", "strong", "td")
_SHORT_NAME = r"(?P<name>[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,2})"
DATE_LINE_BYLINE = re.compile(
    # opening the line or a piece of it, or right after a year or a clock
    r"(?:^|[|·•/]\s*|(?:\b(?:19|20)\d\d|\d{1,2}[:.]\d\d(?:\s*(?:uhr|h|am|pm))?),?\s+)"
    r"(?:(?:posted|written|published|verfasst|geschrieben|veröffentlicht|publié|publicado)\s+)?"
    rf"(?:by|von|par|por)\s*:?\s+{_SHORT_NAME}"
    # ... and the name ends the line or its piece, or a date or a place follows it
    r"(?=\s*(?:$|[|·•,–—]|\s(?:on|am|le|el|at|um|in|under|@|-)(?:\s|$)|\s\d))",
    re.IGNORECASE,
)
COPYRIGHT_MARK = re.compile(r"©|\(c\)|copyright", re.IGNORECASE)


def name_beside_date(root: HtmlElement, options: ExtractionOptions) -> str | None:
    """The name set just before the page's date in a box of their own, with no label: a
    credit line of name and date under the headline ("<div><span>Jane Doe</span></div><div>20
    Nisan 2026</div>", "<div>Jane Doe<span>|</span><span>Published <time>4 months ago</time>
    </span></div>"). Only the first few date boxes after the page's h1 are read (a rail's teaser
    cards date theirs too), none in page chrome; a name in a link counts only when the link
    leads to an author's page (a section's label links to its section, a teaser card to its
    story), and a heading is no name."""
    seen = 0
    after_headline = False
    for node in root.iter():
        if node.tag == "h1":
            after_headline = True
            continue
        if not after_headline or node.tag not in DATE_BOX_TAGS:
            continue
        text = _text_within(node, MAX_LABELLED_BYLINE_CHARS)
        if not text or not is_date_line(text):
            continue
        parent = node.getparent()
        if parent is not None and is_date_line(_text_within(parent, MAX_LABELLED_BYLINE_CHARS)):
            continue  # the widest box saying nothing but the date is read, once
        if any(a.tag in CHROME_TAGS for a in node.iterancestors()):
            continue
        seen += 1
        if seen > options.name_beside_date_boxes:
            return None
        name = _name_before(node, options)
        if name and not _in_comments(node, options) and not _said_in_lower_case(name, root):
            return name
    return None


def _said_in_lower_case(name: str, root: HtmlElement) -> bool:
    """Whether a word of `name` (a particle aside) stands in lower case on the page, in the
    name itself or elsewhere: a phrase ("Abfahrt Graz und Bruck"), a common word capitalised
    for a label ("Press Release", "Full Time"), where a person's name is capitalised wherever
    the page says it."""
    words = [w for w in re.findall(r"[^\W\d_]+", name) if w.casefold() not in NAME_PARTICLES]
    lowered = {word.casefold() for word in words}
    said = {word for text in VISIBLE_TEXT(root) for word in re.findall(r"[^\W\d_]+", text)}
    return any(word in said for word in lowered)


DATE_BOX_TAGS = frozenset({"time", "span", "div", "p", "small", "li"})
NOT_NAME_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "button", "label", "select"})


def _name_before(date_box: HtmlElement, options: ExtractionOptions) -> str | None:
    """The first piece of text before `date_box` in its parent, when it is a name alone."""
    parent = date_box.getparent()
    if parent is None:
        return None
    if not _text_within(parent, options.name_beside_date_chars):
        return None  # a paragraph or a card with more to say than a credit line
    # the nearest piece before the date: an element, or the parent's own leading text; words
    # between it and the date ("Submitted by <span>Desk</span> on <span>date</span>", the run
    # of a sentence) make it no credit line
    before: list[HtmlElement] = []
    for sibling in parent:
        if sibling is date_box:
            break
        if isinstance(sibling.tag, str):
            before.append(sibling)
    for sibling in reversed(before):
        if _has_words(sibling.tail):
            return None
        found = _first_name_piece(sibling)
        if found is None:
            return None
        if _has_words(found):
            return found if _bare_name(found) else None
    text = normalize_text(parent.text or "")
    return text if _has_words(text) and _bare_name(text) else None


def _first_name_piece(element: HtmlElement) -> str | None:
    """An element's first own text ("" for none): "<div><p>Jane Doe</p><p>Córdoba</p></div>"
    says Jane Doe (the place under the name is no part of it). None when that text is no name
    by its place: a heading, a button, a link other than to an author's page."""
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        if node.tag in NOT_NAME_TAGS:
            return None
        text = normalize_text(node.text or "")
        if not text:
            continue
        link = node if node.tag == "a" else next(node.iterancestors("a"), None)
        if link is not None and not _links_an_author_page(link):
            return None  # a section's or a teaser's link
        return text
    return ""


def _text_within(element: HtmlElement, limit: int) -> str:
    """The element's text, or "" when it is longer than `limit` (read no further: a date
    box's parent can be the whole page)."""
    read: list[str] = []
    size = 0
    for piece in element.itertext():
        if words := " ".join(piece.split()):
            size += len(words) + 1  # and a space after it, as most pieces have
        if size > limit + 1:
            return ""
        read.append(piece)
    return normalize_text("".join(read))


def _bare_name(text: str) -> bool:
    return (
        ":" not in text  # "Ort: Marktplatz": a label and its value
        and MIN_BYLINE_WORDS <= len(text.split()) <= MAX_AUTHOR_WORDS
        # a particle opens a surname, never ends a name: "Eingestellt von" is a label
        and text.split()[-1].casefold() not in NAME_PARTICLES
        and len(text) <= MAX_AUTHOR_CHARS
        and not any(ch.isdigit() for ch in text)
        and _looks_like_names(text)
    )


def signature_line(
    container: HtmlElement | None, options: ExtractionOptions = DEFAULT_OPTIONS
) -> str | None:
    """The text's last paragraph when it is a name set in bold or italics: "**Jane Doe**";
    with `signature_links_authors_only`, not a link elsewhere than to an author's page (a
    venue's "**Get Directions**" to a map)."""
    if container is None:
        return None
    paragraphs = [p for p in container.iter("p") if normalize_text(p.text_content())]
    if not paragraphs:
        return None
    last = paragraphs[-1]
    text = normalize_text(last.text_content())
    emphasised = "".join(
        normalize_text(e.text_content()) for e in last.iter("strong", "b", "em", "i")
    )
    words = text.split()
    if (
        MIN_BYLINE_WORDS <= len(words) <= SIGNATURE_MAX_WORDS
        and len(text) <= MAX_AUTHOR_CHARS
        and text.replace(" ", "") in emphasised.replace(" ", "")
        and _looks_like_names(text)
        and not any(ch.isdigit() for ch in text)
        and not settings.END_MARKER.match(text)
        and not settings.BOILERPLATE_TEXT.match(text)
        and not (
            options.signature_links_authors_only
            and any(link.get("href") and not _links_an_author_page(link) for link in last.iter("a"))
        )
    ):
        return text
    return None


POST_AUTHOR_REPLY = "bypostauthor"


def post_author_reply_name(root: HtmlElement) -> str | None:
    """The name on the post's author's own reply in its comments (WordPress's
    `<li class="comment bypostauthor">` with the commenter's `<cite class="fn">`)."""
    for reply in root.iter("li", "div", "article"):
        if POST_AUTHOR_REPLY not in (reply.get("class") or "").split():
            continue
        for element in reply.iter():
            if "fn" in (element.get("class") or "").split():
                return normalize_text(element.text_content()) or None
        return None
    return None


def pick_authors_with_source(
    meta: PageMetadata,
    root: HtmlElement,
    url: str,
    options: ExtractionOptions = DEFAULT_OPTIONS,
    container: HtmlElement | None = None,
) -> tuple[tuple[str, ...], str | None]:
    """(authors, source): the metadata's people, else the page's byline; the publisher's name
    only when the page names nobody else. Under metadata naming only the publisher, a byline
    counts when it gives full names (an agency code or a desk's initials does not)."""
    canonical_host = options.canonical_url_names_page
    page_title = root.findtext(".//title")
    publishers = (
        publisher_keys(meta, url, canonical_host=canonical_host, title=page_title, options=options)
        if options.publisher_not_author
        else set()
    )
    people = clean_author_names(meta.authors, publishers, options=options)
    if people and options.publisher_not_author and options.copyright_holder_publishes:
        # <meta name="author" content="Condé Nast"> beside <meta name="article:author"
        # content="Jane Doe">: the copyright holder publishes, the other names the writer (a
        # blog's owner holding its copyright stays its author)
        holder = (
            publisher_keys(
                meta,
                url,
                copyright_holder=True,
                canonical_host=canonical_host,
                title=page_title,
                options=options,
            )
            - publishers
        )
        if holder and not clean_author_names(meta.authors, publishers | holder, options=options):
            for key in AUTHOR_META_KEYS[1:]:
                writers = clean_author_names(
                    [meta.meta.get(key) or ""], publishers | holder, options=options
                )
                if writers and all(map(_is_full_name, writers)):
                    people = writers
                    break
    if people and options.json_ld_author_outvoted:
        people = _tags_and_byline_over_json_ld(people, meta, root, container, publishers, options)
    if people and options.fuller_author_tags:
        people = _fuller_author_tag(people, meta, publishers)
    if len(people) > 1 and options.role_credits_not_authors:
        people = _writers_of(people, root)
    if (
        people
        and options.byline_over_posting_account
        and _from_posting_account(meta)
        and not _byline_spelling_out(people, root, publishers, options)
    ):
        shown = _first_full_byline(root, container, publishers, options)
        if shown and not any(_spells_out(name, account) for name in shown for account in people):
            return shown, "byline"
    if people and options.byline_completes_metadata and all(" " not in p for p in people):
        fuller = _byline_spelling_out(people, root, publishers, options)
        if fuller:
            return fuller, "byline"
    if people and options.byline_over_handle_author and all(map(_is_handle, people)):
        shown = _first_full_byline(root, container, publishers, options)
        if shown:
            return shown, "byline"
    if people:
        return people, "metadata"
    publisher = clean_author_names(meta.authors, publishers, keep_publisher=True, options=options)
    raw_byline: list[str] = []
    byline: tuple[str, ...] = ()
    for candidate in _bylines_article_first(root, container, options):
        raw_byline = raw_byline or candidate
        byline = clean_author_names(candidate, publishers, options=options)
        if publisher:
            byline = tuple(filter(_is_full_name, byline))
        # a byline naming the publisher (a desk) ends the search, and so does the first one
        # when the metadata names a desk: a later, weaker byline does not outweigh it
        if (
            byline
            or publisher
            or clean_author_names(candidate, publishers, keep_publisher=True, options=options)
        ):
            raw_byline = candidate
            break
    if len(byline) > 1 and options.role_credits_not_authors:
        # "Text by Jane Doe | Photography by John Roe | Produced by …": the writer alone
        byline = _writers_of(byline, root)
    if byline:
        return byline, "byline"
    if (
        options.text_credit_over_publisher
        and container is not None
        and (
            publisher
            or clean_author_names(raw_byline, publishers, keep_publisher=True, options=options)
        )
    ):
        # the publisher's account posted ("By The Planetary Press"), the text credits its
        # writer in full: "Written by: Jane Doe" at its head or its end
        credited = _text_credit(container, publishers, options)
        if credited:
            return credited, "byline"
    if publisher:
        return publisher, "metadata"
    # a personal blog named after its author ("creeny.wordpress.com", by Creeny): the byline
    # naming the site is the only name the page gives, and it is the author's
    byline = clean_author_names(raw_byline, publishers, keep_publisher=True, options=options)
    if byline:
        return byline, "byline"
    # the weakest evidence, read only when the page names nobody at all
    if options.dated_name_lines:
        line = clean_author_names(
            [
                dated_name_line(
                    root, options, options.dated_name_labels, options.dated_name_siblings
                )
                or ""
            ],
            publishers,
            options=options,
        )
        if line:
            return line, "dateline"
    if options.date_line_bylines:
        named = clean_author_names(
            [date_line_byline(root, options) or ""], publishers, options=options
        )
        if named:
            return named, "dateline"
    if options.name_beside_date_boxes:
        named = clean_author_names(
            [name_beside_date(root, options) or ""], publishers, options=options
        )
        if named:
            return named, "dateline"
    if options.signature_authors:
        signed = clean_author_names(
            [signature_line(container, options) or ""], publishers, options=options
        )
        if signed:
            return signed, "signature"
    if options.post_author_replies:
        # the post's author by the blog's own mark, even when the account is named after the
        # blog ("damianduchamps" on damianduchamps.wordpress.com), as a byline naming it is
        named = clean_author_names(
            [post_author_reply_name(root) or ""], publishers, keep_publisher=True, options=options
        )
        if named:
            return named, "comment"
    if options.cjk_bylines:
        named = cjk_byline(_text_lines(root))
        if named:
            return named, "byline"
    if options.personal_site_owner_writes:
        owner = personal_site_owner(meta, root, url)
        if owner:
            return (owner,), "site-name"
    return (), None


def personal_site_owner(meta: PageMetadata, root: HtmlElement, url: str) -> str | None:
    """The person a site is named after, when its host spells the name too and the name is
    marked as a person's (an academic title, a possessive): a personal site ("Dr. Alexander
    Klier" on alexander-klier.net, "Gregory Szorc's Digital Home" on gregoryszorc.com) whose
    pages name their writer nowhere else."""
    hosts = {
        squashed
        for host in page_hosts(meta, url, stated=True)
        for label in (host.split(".")[0], registered_name(host))
        if len(squashed := re.sub(r"[\W_]", "", label.casefold())) >= MIN_OWNER_HOST_CHARS
    }
    title = root.find(".//title")
    pieces = SEPARATOR.split(title.text_content())[0::2] if title is not None else []
    for candidate in (
        meta.site_name,
        meta.meta.get("application-name"),
        meta.meta.get("msapplication-tooltip"),
        *pieces,
    ):
        text = normalize_text(candidate or "")
        # a person's mark: an academic title, or the site called the person's thing
        # ("Royal Road", "EAT SMARTER" are brands their hosts spell too)
        name = OWNERS_THING.sub("", ACADEMIC_TITLE.sub("", text))
        if (
            name != text
            and name
            and len(name.split()) <= MAX_OWNER_WORDS
            and _is_full_name(name)
            and re.sub(r"[\W_]", "", name.casefold()) in hosts
        ):
            return name
    return None


MIN_OWNER_HOST_CHARS = 6
MAX_OWNER_WORDS = 3
ACADEMIC_TITLE = re.compile(r"^(?:(?:Dr|Prof|Mag|Dipl\.-Ing)\.?\s+)+", re.IGNORECASE)
OWNERS_THING = re.compile(r"[’']s\s.*$")  # "Gregory Szorc's Digital Home"


def cjk_byline(lines: list[str]) -> tuple[str, ...]:
    """The names a Chinese, Japanese or Korean credit line gives, in a script without capitals
    that the other byline readers pass over: "作者：张三", "文/张三", "著者：後藤大地",
    "이용민 기자", else the editors of "(责编：牛镛、岳弘彬)" or "责任编辑： 焦鹏", whom such
    pages name instead."""
    for labels in (CJK_AUTHOR_LABEL, KOREAN_REPORTER_LINE, CJK_EDITOR_LABEL):
        for line in lines:
            if len(line) > CJK_BYLINE_MAX_CHARS:
                continue
            found = labels.search(line) if labels is CJK_EDITOR_LABEL else labels.match(line)
            if found is None:
                continue
            names = CJK_NEXT_LABEL.split(found["names"], maxsplit=1)[0]
            people = tuple(
                name
                for part in CJK_NAME_SEPARATOR.split(names)
                if (name := CJK_ROLE.sub("", CJK_STAFF_CODE.sub("", part.strip(" 　()（）[]【】"))))
                and CJK_NAME.fullmatch(name)
                and not CJK_DESK.search(name)
                and name not in CJK_NOBODY
            )
            if people:
                return people
    return ()


def _is_cjk_credit(text: str) -> bool:
    return bool(
        CJK_AUTHOR_LABEL.match(text)
        or KOREAN_REPORTER_LINE.match(text)
        or CJK_EDITOR_LABEL.search(text)
    )


CJK_BYLINE_MAX_CHARS = 60
CJK_AUTHOR_LABEL = re.compile(
    r"^[\[(（【]?\s*(?:作者|记者|記者|撰稿|撰文|著者|筆者|文)\s*[:：/／●・|｜]\s*(?P<names>.+)$"
)
# Korean: the name before its role, "이용민 기자", "연합뉴스=홍길동ㆍ김철수 특파원"
KOREAN_REPORTER_LINE = re.compile(
    r"^(?:[^\s=]{1,15}=\s*)?(?P<names>[가-힣]{2,4}(?:\s*[,·ㆍ]\s*[가-힣]{2,4})*)\s*"
    r"(?:선임|수석|객원)?(?:기자|특파원)(?:$|[\s|,·])"
)
# at the line's start, or after a writer's credit naming nobody: "作者：未知　责任编辑：王五"
CJK_EDITOR_LABEL = re.compile(
    r"(?:^|(?<=\s))[\[(（【]?\s*(?:责任编辑|责编|编辑|編集)\s*[:：/／|｜]\s*(?P<names>.+)$"
)
# the next credit on the same line: photos, review, proofreading, source, editors
CJK_NEXT_LABEL = re.compile(
    r"\s*(?:责任编辑|图|攝影|摄影|写真|審核|审核|校对|来源|來源|编辑|责编|編集)\s*[:：/／]"
)
# "未知" (unknown), "佚名" (anonymous): a credit naming nobody
CJK_NOBODY = frozenset({"未知", "佚名", "不详", "匿名", "无"})
# an editor's staff code after the name: "韩保林 PK155"
CJK_STAFF_CODE = re.compile(r"\s+[A-Z]{1,4}\d{1,6}$")
CJK_NAME_SEPARATOR = re.compile(r"[、，,／/;；ㆍ·]|\s{2,}|　")
# a name in Han characters or kana, two to eight of them, one space between family and given
CJK_NAME = re.compile(
    r"[\u3040-\u30ff\u3400-\u9fff가-힣]{1,4}(?: [\u3040-\u30ff\u3400-\u9fff]{1,4})?"
)
CJK_ROLE = re.compile(
    r"^(?:本报|本刊|新华社)?(?:特约)?(?:记者|通讯员|实习生)\s*"
)  # "本报记者 张三"
CJK_DESK = re.compile(r"编辑部|編集部|新闻|新聞|报社|日报|网$|中心$")
