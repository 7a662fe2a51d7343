"""Pages a site serves in place of an article with a 200: "page not found" under the site's
own chrome (a soft 404), a cookie-consent wall, a bot check, a maintenance notice. Each reads
like a short article to an extractor (a heading, a paragraph or two) and would land as one;
the pipeline quarantines them instead. (An app shell's "enable JavaScript" is a browser notice,
no text already: such a page has none.)

A page is one when its title is short and says so, or when its text opens with a consent
framework's own sentence, and the text is short: an article about cookie walls or about a 404
error page runs longer than any of them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from records.article import Block
from transforms.generic.settings import DEFAULT_OPTIONS, ExtractionOptions

# what each kind of page says in its title or heading, in the languages of the sites we read:
# `anywhere`, phrases no headline of a short article holds; `whole`, phrases a headline may
# begin or end with ("One more step towards peace", "Bridge under maintenance until May"),
# which say so only as the whole of a piece of the title ("Just a moment...", "Page not found |
# Coastal University": the site's name after a separator is no part of it)
CONSENT_WALL = "a cookie-consent wall"
TITLE_SAYS: dict[str, dict[str, re.Pattern[str]]] = {
    "a page that was not found": {
        "anywhere": re.compile(
            r"\b(?:(?:error|fehler|erreur|errore|fout)\s*404|404\s*(?:errors?|fehler|erreur"
            r"|not\s+found)|(?:page|file|article|document|url|resource)\s+(?:you\s+requested\s+)?"
            r"(?:was\s+|is\s+|could\s+not\s+be\s+)?not\s+found|seite\s+(?:wurde\s+)?nicht\s+gefunden"
            r"|page\s+(?:introuvable|non\s+trouvée)|página\s+no\s+encontrada"
            r"|pagina\s+non\s+trovata|pagina\s+niet\s+gevonden|nie\s+znaleziono\s+strony"
            r"|страница\s+не\s+найдена|página\s+não\s+encontrada|sayfa\s+bulunamadı"
            r"|halaman\s+tidak\s+ditemukan|stránka\s+nenalezena"
            r"|sidan\s+(?:hittades\s+inte|kunde\s+inte\s+hittas)"
            r"|siden\s+(?:blev\s+ikke\s+fundet|finnes\s+ikke)|sivua\s+ei\s+löytynyt"
            r"|η\s+σελίδα\s+δεν\s+βρέθηκε|الصفحة\s+غير\s+موجودة)"
            r"|页面不存在|找不到(?:该|此)?页面|ページが見つかりません|페이지를\s*찾을\s*수\s*없습니다",
            re.IGNORECASE,
        ),
        "whole": re.compile(r"(?:404|not\s+found|nicht\s+gefunden)", re.IGNORECASE),
    },
    CONSENT_WALL: {
        "anywhere": re.compile(
            r"\b(?:we\s+value\s+your\s+privacy|wir\s+respektieren\s+ihre\s+privatsphäre"
            r"|nous\s+respectons\s+votre\s+vie\s+privée|valoramos\s+tu\s+privacidad"
            r"|wij\s+waarderen\s+(?:je|uw)\s+privacy)\b",
            re.IGNORECASE,
        ),
        "whole": re.compile(
            r"(?:before\s+you\s+continue|your\s+privacy\s+choices|cookie\s+(?:consent|settings"
            r"|preferences)|privacy\s+(?:settings|preferences)|datenschutzeinstellungen"
            r"|bevor\s+sie\s+fortfahren|avant\s+de\s+continuer|antes\s+de\s+continuar"
            r"|la\s+tua\s+privacy)",
            re.IGNORECASE,
        ),
    },
    "a bot check": {
        "anywhere": re.compile(
            r"\b(?:checking\s+your\s+browser|verify\s+(?:that\s+)?you\s+are\s+(?:a\s+)?human"
            r"|are\s+you\s+a\s+robot|bot\s+verification)\b",
            re.IGNORECASE,
        ),
        "whole": re.compile(
            r"(?:just\s+a\s+moment|attention\s+required|access\s+denied|security\s+check"
            r"|one\s+more\s+step)",
            re.IGNORECASE,
        ),
    },
    "a maintenance notice": {
        "anywhere": re.compile(r"\b(?:we'?ll|we\s+will)\s+be\s+back\s+soon\b", re.IGNORECASE),
        "whole": re.compile(
            r"(?:under\s+maintenance|down\s+for\s+maintenance|scheduled\s+maintenance"
            r"|wartungsarbeiten|en\s+maintenance|en\s+mantenimiento)",
            re.IGNORECASE,
        ),
    },
}
# the pieces of a title: its site's name or section after a separator is a piece of its own
TITLE_PIECES = re.compile(r"\s+[-–—|·•:]\s+|\s*[|·•]\s*|:\s+")
PIECE_EDGES = "!.…?()[] \t"
# what a consent framework's wall says in its text's first line
CONSENT_OPENING = re.compile(
    r"\b(?:we\s+and\s+our\s+\d+\s+partners|wir\s+und\s+unsere\s+\d+\s+partner"
    r"|nous\s+et\s+nos\s+\d+\s+partenaires|nosotros\s+y\s+nuestros\s+\d+\s+socios"
    r"|noi\s+e\s+i\s+nostri\s+\d+\s+partner|wij\s+en\s+onze\s+\d+\s+partners"
    r"|store\s+and/or\s+access\s+information\s+on\s+a\s+device)",
    re.IGNORECASE,
)


def interstitial_kind(
    title: str, body: Sequence[Block], options: ExtractionOptions = DEFAULT_OPTIONS
) -> str | None:
    """What the page is instead of an article ("a page that was not found", "a cookie-consent
    wall", ...), or None: its title of at most `interstitial_title_max_words` words says so, or
    its text's first line does, and its text has at most `interstitial_max_words` words."""
    words = sum(len(block.text.split()) for block in body)
    if words > options.interstitial_max_words:
        return None
    kind = titled_kind((title,), options)
    if kind is not None:
        return kind
    if body and CONSENT_OPENING.search(body[0].text):
        return CONSENT_WALL
    return None


def titled_kind(titles: Sequence[str], options: ExtractionOptions = DEFAULT_OPTIONS) -> str | None:
    """What the first of `titles` of at most `interstitial_title_max_words` words saying so
    says the page is instead of an article. For a page refused already (no text under a
    profile's selectors, no title), its `<h1>` and `<title>` tell the clearer reason."""
    for title in titles:
        if len(title.split()) > options.interstitial_title_max_words:
            continue
        pieces = [piece.strip(PIECE_EDGES) for piece in TITLE_PIECES.split(title)]
        for kind, says in TITLE_SAYS.items():
            if says["anywhere"].search(title) or any(
                says["whole"].fullmatch(piece) for piece in pieces
            ):
                return kind
    return None
