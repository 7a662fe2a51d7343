"""Pages a site serves in place of an article with a 200: "page not found" under the site's
own chrome (a soft 404), a cookie-consent wall, a bot check, a maintenance notice, an app shell
asking for JavaScript. Each reads like a short article to an extractor (a heading, a paragraph
or two) and would land as one; the pipeline quarantines them instead.

A page is one when its title is short and says so, or when its text opens with a consent
wall's or an app shell's own sentence, and the text is short: an article about cookie walls or
about a 404 error page runs longer than any of them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from records.article import Block
from transforms.generic.settings import DEFAULT_OPTIONS, ExtractionOptions

# what each kind of page says in its title or heading, in the languages of the sites we read
TITLE_SAYS = {
    "a page that was not found": re.compile(
        r"\b(?:(?:error|fehler|erreur|errore|fout)\s*404|404\s*(?:error|fehler|erreur|-|–|:|\|)"
        r"|^404$|page\s+(?:was\s+)?not\s+found|not\s+found|seite\s+(?:wurde\s+)?nicht\s+gefunden"
        r"|page\s+(?:introuvable|non\s+trouvée)|página\s+no\s+encontrada|pagina\s+non\s+trovata"
        r"|pagina\s+niet\s+gevonden|nie\s+znaleziono\s+strony|страница\s+не\s+найдена"
        r"|página\s+não\s+encontrada|sayfa\s+bulunamadı|halaman\s+tidak\s+ditemukan"
        r"|stránka\s+nenalezena|sidan\s+(?:hittades\s+inte|kunde\s+inte\s+hittas)"
        r"|siden\s+(?:blev\s+ikke\s+fundet|finnes\s+ikke)|sivua\s+ei\s+löytynyt"
        r"|η\s+σελίδα\s+δεν\s+βρέθηκε|الصفحة\s+غير\s+موجودة"
        r"|页面不存在|找不到(?:该|此)?页面|ページが見つかりません|페이지를\s*찾을\s*수\s*없습니다)",
        re.IGNORECASE,
    ),
    "a cookie-consent wall": re.compile(
        r"\b(?:we\s+value\s+your\s+privacy|before\s+you\s+continue|your\s+privacy\s+choices"
        r"|cookie\s+(?:consent|settings|preferences)|privacy\s+(?:settings|preferences)"
        r"|datenschutzeinstellungen|bevor\s+sie\s+fortfahren|avant\s+de\s+continuer"
        r"|nous\s+respectons\s+votre\s+vie\s+privée|antes\s+de\s+continuar"
        r"|wir\s+respektieren\s+ihre\s+privatsphäre|valoramos\s+tu\s+privacidad"
        r"|la\s+tua\s+privacy|wij\s+waarderen\s+(?:je|uw)\s+privacy)\b",
        re.IGNORECASE,
    ),
    "a bot check": re.compile(
        r"\b(?:just\s+a\s+moment|checking\s+your\s+browser|attention\s+required|access\s+denied"
        r"|verify\s+(?:that\s+)?you\s+are\s+(?:a\s+)?human|are\s+you\s+a\s+robot"
        r"|security\s+check|bot\s+verification|one\s+more\s+step)\b",
        re.IGNORECASE,
    ),
    "a maintenance notice": re.compile(
        r"\b(?:(?:we'?ll|we\s+will)\s+be\s+back\s+soon|under\s+maintenance|down\s+for\s+maintenance"
        r"|scheduled\s+maintenance|wartungsarbeiten|en\s+maintenance|en\s+mantenimiento)\b",
        re.IGNORECASE,
    ),
}
# what a consent wall or an app shell says in its text's first line
TEXT_OPENS = {
    "a cookie-consent wall": re.compile(
        r"\b(?:we\s+and\s+our\s+\d+\s+partners|wir\s+und\s+unsere\s+\d+\s+partner"
        r"|nous\s+et\s+nos\s+\d+\s+partenaires|nosotros\s+y\s+nuestros\s+\d+\s+socios"
        r"|noi\s+e\s+i\s+nostri\s+\d+\s+partner|wij\s+en\s+onze\s+\d+\s+partners"
        r"|store\s+and/or\s+access\s+information\s+on\s+a\s+device)",
        re.IGNORECASE,
    ),
    "an app shell asking for JavaScript": re.compile(
        r"\b(?:enable\s+javascript\s+to\s+run\s+this\s+app|you\s+need\s+to\s+enable\s+javascript"
        r"|please\s+enable\s+javascript|javascript\s+is\s+(?:required|disabled))\b",
        re.IGNORECASE,
    ),
}


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
    first_line = body[0].text if body else ""
    for kind, opens in TEXT_OPENS.items():
        if opens.search(first_line):
            return kind
    return None


def titled_kind(titles: Sequence[str], options: ExtractionOptions = DEFAULT_OPTIONS) -> str | None:
    """What the first of `titles` of at most `interstitial_title_max_words` words saying so
    says the page is instead of an article. For a page refused already (no text under a
    profile's selectors, no title), its `<h1>` and `<title>` tell the clearer reason."""
    for title in titles:
        if len(title.split()) <= options.interstitial_title_max_words:
            for kind, says in TITLE_SAYS.items():
                if says.search(title):
                    return kind
    return None
