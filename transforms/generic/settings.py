"""Every tunable of the generic extractor in one options object, and its vocabulary.

`ExtractionOptions` holds every number and on/off rule: the walk, the scoring, the selection,
the confidence weights, the title vote, the check of JSON-LD bodies against the page and the
profile path's hand-over to the generic extractor. It is passed down from the entry point
(`extract_generic(..., options=...)`), so `bench/crossval.py` tries other values by passing
other options, never by setting globals. The tag sets and patterns below are the vocabulary
the walk, the scoring and the selection read; they are not tuned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.dates import READING_TIME

FIGURE_TEXT_TAGS = ("table", "pre", "p", "ul", "ol", "dl")

SKIPPED_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "map",
        "head",
        "title",
        "meta",
        "link",
        "button",
        "select",
        "input",
        "textarea",
        "option",
        "dialog",
        "nav",
        "aside",
        "footer",
        "menu",
        "rt",  # a ruby annotation's reading (furigana) above the word it spells
        "rp",
    }
)
# The last-resort pass reads page chrome and hidden fallbacks too: only machinery stays skipped.
RELAXED_SKIPPED_TAGS = SKIPPED_TAGS - {
    "aside",
    "audio",
    "button",
    "dialog",
    "footer",
    "map",
    "menu",
    "nav",
    "noscript",
    "video",
}
BLOCK_TAGS = frozenset(
    {
        "html",
        "body",
        "main",
        "article",
        "section",
        "div",
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "header",
        "footer",
        "nav",
        "aside",
        "form",
        "fieldset",
        "legend",
        "address",
        "center",
        "details",
        "summary",
        "hr",
        "figure",
        "figcaption",
        "noscript",
        "label",
    }
)
HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
PARAGRAPH_TAGS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"})
TABLE_CELL_TAGS = frozenset({"td", "th"})
LIST_ITEM_TAGS = frozenset({"li", "dt", "dd"})
SECTIONING_TAGS = frozenset({"article", "main"})
IMAGE_HOLDERS = frozenset({"figure", "picture"})
PROTECTED_TAGS = frozenset({"html", "body", "main", "article"})
SKIPPED_ROLES = frozenset(
    {
        "navigation",
        "complementary",
        "banner",
        "contentinfo",
        "dialog",
        "alertdialog",
        "menu",
        "menubar",
        "search",
        "toolbar",
        "tablist",
    }
)
# skipped roles whose panels can fold away the article's own text (an accordion)
PANEL_ROLES = frozenset({"tablist"})

# class / id words of containers that never hold article text (matched per word of the name)
BOILERPLATE_NAME = re.compile(
    r"(?:^|[-_\s])(?:share|sharing|sharer|sharedaddy|social|socials|related\w*|similar\w*|recommend\w*|"
    r"comment(?!ar)\w*|likes?|ai2html|"
    r"cookies?|consent|gdpr|newsletter|subscribe|subscription|signup|promo|promos|advert\w*|"
    r"ads?|adsense|adslot|sponsor\w*|banner|breadcrumbs?|sidebar|aside|rail|recirc\w*|menu|navbar|"
    r"nav|navigation|footer|masthead|popup|modal|overlay|print|printer|tags?|tagcloud|tag-list|"
    r"keywords|byline|bylines|author|authors|author-bio|autor|autoren|autorin|auteur|autore|meta|metadata|dateline|caption|"
    r"captions|legend|legende|bildunterschrift|credit|credits|copyright|pagination|pager|"
    r"paging|skip|sr-only|"
    r"visually-hidden|screen-reader-text|login|donate|outbrain|taboola|more-stories|"
    r"read-more|readmore|toolbar|tools|jump|disqus|rating|most-popular|"
    r"mostread|most-read|trending|carousel|slider|lightbox|infobox|feedback|follow|"
    r"post-navigation|audio|video-player|player|timestamp|published|posted-on|"
    r"entry-meta|post-meta|article-meta|categories|category|toc|"
    # the same boxes named in the site's language: comments, ads, related stories
    r"kommentar\w*|comentarios?|komentar\w*|yorum\w*|reacties|werbung|anzeigen?|"
    r"publicidade?|reklam\w*|relacionad\w*|correlat\w*|verwandte\w*|empfehlung\w*|"
    r"benzer\w*)(?=$|[-_\s\d])",
    re.IGNORECASE,
)
# the names of a picture's caption box ("wp-caption", "image-caption", "bildunterschrift")
CAPTION_NAME = re.compile(
    r"(?:^|[-_\s])(?:captions?|legende?|bildunterschrift|credits?)(?=$|[-_\s\d])", re.IGNORECASE
)
# a box its site marks for search engines as no content (Google's and Yahoo's conventions)
NOCONTENT_NAME = re.compile(r"(?:^|\s)(?:nocontent|robots-nocontent|noindex)(?:$|\s)", re.I)
CONTENT_NAME = re.compile(
    r"(?:article|entry|post|story|news|page|main|node)[-_]?(?:body|content|text|detail)|"
    r"articlebody|field-body|field--name-body|rich-?text|prose|story-?body|hentry|type-post|"
    r"status-publish",
    re.IGNORECASE,
)
# the same part named as a BEM element of its block: "article__content", "post__body"
# ("c-article__body", "story__text--wide"; not "related-post__content", a teaser card's)
BEM_CONTENT_NAME = re.compile(
    r"(?:^|\s)(?:[a-z]-)?(?:article|entry|post|story|news)__(?:body|content|text)(?=$|\s|--)",
    re.IGNORECASE,
)
# names skipped even when they hold paragraphs: comment threads are prose, but not the article
CJK_CHARACTER = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
ALWAYS_SKIPPED_NAME = re.compile(r"comment|disqus|cookie|consent|newsletter|related", re.I)
# a cookie or consent box: skipped even by the last-resort walk (a forum's comments are its text)
CONSENT_NAME = re.compile(r"cookie|consent|gdpr", re.IGNORECASE)
ARTICLE_WORD = re.compile(r"article|story|entry|post|body|content|text", re.IGNORECASE)
# a layer over the page; Drupal's "dialog-off-canvas-main-canvas" is the page itself
LAYER_NAME = re.compile(
    r"(?:^|[-_\s])(?:modal|dialog|popup|login|overlay)(?=$|[-_\s\d])(?!-off-canvas)", re.I
)
# on a listing page only page chrome is skipped by name: teaser parts are named like boilerplate
LISTING_SKIPPED_NAME = re.compile(
    r"(?:^|[-_\s])(?:comments?|disqus|cookies?|consent|gdpr|newsletter|subscribe|breadcrumbs?|"
    r"footer|menu|navbar|nav|navigation|masthead|sidebar|share|sharing|social|modal|popup|"
    r"overlay|skip|sr-only|visually-hidden|screen-reader-text|advert\w*|ads?|login)(?=$|[-_\s\d])",
    re.IGNORECASE,
)
# a breadcrumb trail's box: "breadcrumbs", "breadbar"
BREADCRUMB_NAME = re.compile(r"breadcrumb|breadbar", re.IGNORECASE)
DATELINE_NAME = re.compile(r"(?:^|[-_\s])dateline(?=$|[-_\s\d])", re.IGNORECASE)
# a box named "teaser" that links away (a related story set in the text) is not the article;
# one without links is a standfirst or a content card
TEASER_NAME = re.compile(r"(?:^|[-_\s])teasers?(?=$|[-_\s\d])", re.IGNORECASE)
# the words a paywall's or a registration wall's pitch opens with, set as its box's first line
PAYWALL_PITCH = re.compile(
    r"^(?:this (?:content|article|story) is (?:reserved|available|exclusive) (?:for|to) "
    r"(?:paid |paying )?(?:subscribers|members)\b.*|"
    r"(?:register|sign in|log in|subscribe)(?: ?(?:/|or) ?(?:register|sign in|log in|subscribe))?"
    r" (?:now )?to (?:unlock|continue reading|keep reading|read (?:more|the full|the rest))\b.*|"
    r"this (?:article|story) is free to read,? register to unlock\.?|"
    r"(?:dieser|der) (?:artikel|beitrag|inhalt) ist (?:nur |exklusiv )?für "
    r"(?:abonnenten|abonnentinnen|abonnierende|abonnent\*innen)\b.*|"
    r"jetzt (?:abonnieren|abo abschließen|registrieren) und weiterlesen\b.*)$",
    re.IGNORECASE,
)
# the subscription pitch that stands in for the rest of a paywalled text
PAYWALL_NAME = re.compile(r"(?:^|[-_\s])(?:paywall|regwall|metered-?wall)(?=$|[-_\s\d])", re.I)
# text set off screen for screen readers (an h1 so named holds no headline either)
OFFSCREEN_NAME = re.compile(
    r"(?:^|[-_\s])(?:offscreen|off-screen|a11y(?:-\w+)?|visuallyhidden|hidden-visually|"
    r"assistive-text|assistive|element-invisible|show-for-sr|vh|sr-only|screen-reader-text|"
    r"visually-hidden|aural)(?=$|[-_\s\d])",
    re.IGNORECASE,
)
# an affiliate or legal disclaimer set in the text, a "you were inactive" layer
DISCLAIMER_NAME = re.compile(r"(?:^|[-_\s])(?:disclaimer\w*|inactivity\w*)", re.IGNORECASE)
FORM_FIELD_TAGS = frozenset({"input", "textarea", "select"})
CODE_TAGS = frozenset({"pre", "code"})  # names inside code are a highlighter's token classes
CODE_INLINE_TAGS = frozenset({"span", "code", "em", "strong", "b", "i", "a"})
TEXT_INLINE_TAGS = frozenset({"a", "span", "em", "strong", "b", "i", "u", "mark", "abbr", "cite"})
STREAMED_SEGMENT_ID = re.compile(r"^S:\d+$")  # a hidden streamed segment (React) is content
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# CSS utility classes that hide an element (a paywall pitch, a sign-in box shown by script)
# and Bootstrap's text hidden in place ("hide-text", "text-hide": an editor's label over a block)
HIDDEN_CLASS = re.compile(
    r"(?:^|\s)(?:hidden|d-none|is-hidden|u-hidden|hide|hide-text|text-hide)(?=$|\s)"
)
# Bootstrap's "d-none d-md-block": hidden on a phone's screen, shown from a breakpoint on
SHOWN_FROM_BREAKPOINT = re.compile(r"(?:^|\s)d-(?:sm|md|lg|xl|xxl)-(?!none)[\w-]+(?=$|\s)")
# the content part of a card shown on hover or click ("rollover-people-block", "tooltipBox",
# "popover-content"): a name's card with other headlines set inside a paragraph, hidden by CSS
POPUP_CONTENT = re.compile(
    r"(?:rollover|popover|popup|hover-?card|tooltip)\S*?[-_]?(?:block|content|text|body|card|box)\b",
    re.IGNORECASE,
)
# a media player's own controls and their screen-reader labels ("Play", "Current Time 0:00",
# "Fullscreen"): Video.js's, JW Player's (every part `jw-reset`), MediaElement's, Plyr's
PLAYER_CONTROLS = re.compile(
    r"(?:^|\s)(?:video-js|vjs-[\w-]+|jwplayer|jw-reset|mejs-[\w-]+|mejs__[\w-]+|plyr(?:(?:__|--)[\w-]+)?)"
    r"(?=$|\s)",
    re.IGNORECASE,
)
BREAKS = re.compile(r"\n[\s\u00a0]*\n")  # <br><br> separates paragraphs, one <br> does not
LEAD_SENTENCE_ENDS = (".", "!", "?")
# a line that is a quotation, whole: "„Außen knusprig, innen cremig“", "“We won.”", "«Oui»"
QUOTED_LINE = re.compile(r"^[„“\"«»‚‘「『].*\S.*[“”\"»«‘’」』]$")
SENTENCE_END = re.compile(r"[.!?…:;\"'”’»)\]]\s*$")

# a notice about the reader's browser, however long: "This page is best viewed in an up-to-date
# web browser with style sheets (CSS) enabled. While you will be able to ...", "We're sorry but
# you will need to enable Javascript", "JavaScript is disabled on your browser. Please ..."
BROWSER_NOTICE = re.compile(
    r"(?:(?:we'?re|we are) sorry,? (?:but )?)?(?:"
    r"(?:this|the) (?:web)?(?:page|site) (?:is )?best viewed|(?:site )?best viewed (?:in|with|using)"
    r"|(?:you(?:'ll| will)? need to |please )?(?:enable|turn on|activate) javascript"
    r"|javascript (?:is|seems to be) (?:disabled|turned off|not enabled|required)"
    r"|(?:your (?:web )?browser is|you are using an?) (?:out of date|outdated|unsupported|old)"
    r"|(?:please )?upgrade (?:your|to an? (?:newer|modern|up-to-date|javascript-capable)) "
    r"(?:web )?browser|site requirements\s*:|try refreshing your browser"
    r"|(?:bitte )?aktivieren sie (?:bitte )?javascript|javascript ist (?:deaktiviert|nicht aktiviert)"
    r"|(?:veuillez )?activer (?:le )?javascript)",
    re.IGNORECASE,
)
# a site's cookie banner set in the text, however long: a line opening with the site's use of
# cookies ("Wir verwenden Cookies, um Inhalte und Anzeigen zu personalisieren …", "This site uses
# cookies …", "Auf unserer Website werden Cookies gemäß …") and asking for the reader's consent
# or pointing to its settings (`COOKIE_CONSENT`); a privacy policy's paragraphs open otherwise
COOKIE_NOTICE = re.compile(
    r"(?:(?:we|wir) (?:use|utili[sz]e|nutzen|verwenden|setzen)(?: \w+){0,3}? cookies\b"
    r"|(?:this|our) (?:web ?)?(?:site|page|website) uses? cookies\b"
    r"|(?:diese|unsere) (?:web)?(?:seite|site) (?:verwendet|nutzt|benutzt) cookies\b"
    r"|auf (?:dieser|unserer) (?:web)?(?:seite|site) werden cookies\b"
    r"|um (?:unsere|diese) (?:web)?(?:seite|site) für sie\b.{0,80}?\bcookies\b"
    r"|die cookie-einstellungen auf dieser (?:web)?(?:seite|site)\b"
    r"|we have placed cookies\b"
    r"|by (?:using|continuing to use|browsing) (?:this|our|the) (?:web ?)?(?:site|website)\b"
    r".{0,40}?\bcookies\b"
    r"|(?:nous utilisons|ce site utilise) (?:des )?cookies\b"
    r"|(?:utilizamos|usamos|este sitio (?:web )?utiliza) cookies\b"
    r"|(?:utilizziamo|questo sito (?:web )?utilizza) (?:i )?cookie\b)",
    re.IGNORECASE,
)
COOKIE_CONSENT = re.compile(
    r"agree|consent|accept|continu|assum|zustimm|stimmen sie|einverstanden|akzeptier|erfahren|"
    r"learn more|more info|weitere info|datenschutz|privacy|einstellung|settings|policy|"
    r"richtlinie|acept|accett|accord|politique|política",
    re.IGNORECASE,
)
# a post's count of comments, the meta line under a headline or over a thread: "0 Comments",
# "Posted on May 4, 2012 at 6:41 AM • 7 Comments", "By Jane Doe in News | Comments (1) |",
# "107 Responses to “Storm”", "No comments at the moment." (never a year: "my 2008 comment")
COMMENT_WORDS = (
    r"(?:comments?|kommentare?|commentaires?|comentarios?|commenti|reacties|kommentarer|"
    r"responses?|replies|antworten)"
)
COMMENT_NUMBER = r"(?<![\d.,])(?!(?:19|20)\d\d\b)\d{1,3}(?:[.,]?\d{3})*"
COMMENT_COUNT_LINE = re.compile(
    rf"(?:{COMMENT_NUMBER}\s+{COMMENT_WORDS}|{COMMENT_WORDS}\s*\(\s*\d+\s*\))"
    r"\s*(?:$|[|•·]|[:)\]]\s*$)"  # the line's end (not a sentence's), or a separator
    rf"|^{COMMENT_NUMBER}\s+{COMMENT_WORDS}\s+(?:to|zu|à|a)\b"
    r"|^(?:there are )?(?:currently )?no comments\b|^(?:noch )?keine kommentare\b",
    re.IGNORECASE,
)
# a heading over a comment thread or its form: "Top Rated Comments", "12 Comments",
# "Comments (3)", "Leave a Reply", "Join the discussion", "Kommentare"
COMMENTS_HEADING = re.compile(
    rf"^(?:(?:(?:top[- ]rated|most[- ](?:liked|recent)|readers?'?|reader's|latest|recent|all|"
    rf"featured|{COMMENT_NUMBER})\s+)*{COMMENT_WORDS}(?:\s*\(\s*\d+\s*\)|\s+\d+)?|"
    r"(?:leave|post|write|add) (?:a|your) (?:comment|reply)|join the (?:conversation|discussion)|"
    r"(?:einen )?kommentar (?:schreiben|verfassen|hinterlassen)|laisser un commentaire|"
    r"deja (?:un|tu) comentario|lascia un commento"
    r")\s*[:.]?$",
    re.IGNORECASE,
)
SCRIPT_TOKEN = re.compile(
    r"\bdocument\.\w+|\bwindow\.\w+|\bfunction\s*\w*\s*\(|\bvar\s+\w+\s*=|\w\(\)\s*\{|"
    r"\bif\s*\(|\}\s*else\b|;\s*\}|&&|\|\||[!=]=="
)
SCRIPT_PUNCTUATION = re.compile(r"[{};=]")
# a read-on label in many languages, alone before the links it introduces or before a colon
# and a story's title: "Lesen Sie auch", "Zobacz też", "Leia mais", "اقرأ أيضا"
READ_ON = (
    r"(?:lesen sie (?:auch|mehr|weiter)|(?:zum )?weiterlesen|mehr zum thema|auch interessant|"
    r"zobacz (?:też|także|również)|czytaj (?:też|także|również|więcej)|polecamy|"
    r"veja também|leia (?:também|mais)|ver também|(?:[àa] )?lire aussi|à lire également|"
    r"dans la même rubrique|sur le même (?:sujet|thème)|lee también|te puede interesar|"
    r"noticias relacionadas|leggi anche|potrebbe interessarti|articoli correlati|les også|"
    r"læs også|läs också|lees ook|lees meer|lue myös|baca juga|читайте также|"
    r"přečtěte si (?:také|též)|ayrıca (?:okuyun|bakınız)|olvassa el|citește și|"
    r"pročitajte (?:još|i)|xem thêm|đọc thêm|اقرأ أيضا|اقرأ أيضاً|קראו עוד|קראו גם|"
    r"यह भी पढ़ें|อ่านเพิ่มเติม)"
)
# a lead-in opening with a read-on label: "Lesen Sie auch:", "Mehr zum Thema finden Sie auch im
# wöchentlichen Zins-Check:", "Read more:", "Related stories"
READ_ON_LEAD = re.compile(
    rf"^(?:{READ_ON}|read (?:more|also|next)|related(?: stories| articles| news| coverage)?|"
    r"more on (?:this|the) (?:story|topic|subject)|see also|also read|more from)(?![^\W\d_])",
    re.IGNORECASE,
)
BOILERPLATE_TEXT = re.compile(
    r"^(?:share(?: (?:this|on|via)\b.*)?|tweet|e-?mail|print|comments?|copy link|"
    r"advertisement|anzeige|werbung|publicité|sponsored|read more|read next|more:?|"
    r"click here\b.*|sign up\b.*|subscribe\b.*|follow us\b.*|related(?: \w+)?:?|"
    r"also read:?.*|see also:?.*|tags?:.*|"
    rf"(?:read (?:more|next|also)|related(?: \w+){{0,2}}|more on this|see more|watch|listen|"
    # read-on labels only before a colon (alone, some head a rail that ends the text: END_MARKER)
    r"recommended|čtěte (?:také|též)|vea también|mira también|читайте (?:ещё|еще)|"
    r"相关新闻|相关阅读|延伸阅读|推荐阅读|相关文章|相关报道|相关链接|関連記事|関連ニュース|"
    rf"관련\s?기사|tin liên quan|اقرأ ايضا|อ่านต่อ|{READ_ON})\s*[:：].*|"
    r"filed under:?.*|posted in\b.*|categories?:.*|"
    r"back to top|top|next|previous|prev|home|menu|search|loading\.*|"
    # media and page-tool labels (never a whole line of any gold text; "Photo" is, once)
    r"videos?|gallery|slideshow|photos|photo galleries|(?:hide )?caption|printable version|"
    # a gallery's counter and its lightbox's button ("Image 1 of / 9", "Close")
    r"(?:image|photo|picture|slide|bild|foto)\s+\d+\s+(?:of|von)\s*/?\s*\d*|"
    r"close|schließen|fermer|cerrar|chiudi|"
    r"(?:view|see) all \(\d+\)|"
    r"print version|sponsored links|digg this|back to|start quote|end quote|register|edit|"
    # a read-on label alone, set before the links it introduces ("Lesen Sie auch", "Zobacz też")
    rf"(?:see also|read also|also read|{READ_ON})\s*:?|"
    # Chinese, Japanese and Korean sharing and page tools; a QR code's call to scan
    r"【?(?:分享到|分享|收藏|打印|纠错|举报)】?\s*[:：]?|シェア|ツイート|印刷|공유|인쇄|"
    r"(?:微信|手机)?(?:扫描|扫码|扫一扫|长按|识别)(?:.{0,15}(?:二维码|二維碼).{0,20})?|"
    # the same sharing, advertising and comment labels in more languages
    r"teilen|compartir|partager|condividi|udostępnij|sdílet|paylaş|bagikan|поделиться|"
    r"partilhar|compartilhar|delen|dela|megosztás|distribuie|podijeli|"
    r"publicidad|pubblicità|reklama|reklam|mainos|annons|annonce|реклама|iklan|publicidade|"
    r"advertentie|hirdetés|reclamă|oglas|(?:contenuto sponsorizzato|contenido patrocinado)|"
    r"kommentare|comentarios|commentaires|commenti|komentarze|yorumlar|komentar|комментарии|"
    r"comentários|reacties|kommentarer|kommentit|komentáře|"
    # Vietnamese, Arabic, Hindi, Thai, Hebrew sharing and comment labels
    r"chia sẻ|bình luận|مشاركة|التعليقات|शेयर करें|टिप्पणियाँ|แชร์|ความคิดเห็น|שתפו|טוקבקים|"
    # rating and sharing prompts: "Was this article helpful?", "Wie bewerten Sie diesen Artikel?"
    r"(?:war|ist) (?:der|dieser|die|diese) (?:artikel|beitrag|seite) (?:hilfreich|nützlich)\?.*|"
    r"was this (?:article|page|post|story) (?:helpful|useful)\?.*|"
    r"wie (?:bewerten|fanden) sie (?:diesen|den|die|diese) (?:artikel|beitrag|seite)\b.*|"
    r"rate this (?:article|post|page|story)\b.*|(?:hier können sie )?(?:den|diesen) "
    r"(?:artikel|beitrag) (?:bewerten|kommentieren|teilen)\b.*|\(?(?:noch )?keine "
    r"bewertungen\)?.*|möchten sie (?:den|diesen) (?:artikel|beitrag) teilen\?.*|"
    # machinery showing through: PHP warnings, permalinks, view counters, toggles, ad markers
    r"(?:warning|notice|deprecated|fatal error|parse error)\s*:.*\bon line \d+.*|"
    r"perma(?:link|lien)\b.*|(?:aufrufe|views|vues|visualizzazioni|visitas)\s*:\s*\d.*|"
    r"(?:quellen|sources?) (?:ausblenden|einblenden|anzeigen|hide|show)|alle anzeigen|"
    r"show all|mehr erfahren|[-–—\s]*(?:anzeige|werbung|advertisement)(?: \d{1,2})?[-–—\s]*|"
    r"(?:externer inhalt|external content|contenu externe|contenido externo)"
    r"(?: (?:nicht verfügbar|not available|unavailable|non disponible|no disponible))?\s*:?|"
    # an embed's consent placeholder: "Ein Klick für den Datenschutz", "Manage privacy settings"
    r"ein klick für den datenschutz|datenschutz-?einstellungen(?: \w+)?|"
    r"(?:manage|change|open) (?:your )?(?:cookie|privacy|consent) (?:settings|preferences)|"
    r"(?:privacy|cookie) settings|cookie-einstellungen(?: \w+)?|"
    r"(?:externe )?inhalte? (?:laden|aktivieren|anzeigen|zulassen)|load (?:external )?content|"
    # how to cite or reuse the text: "Suggested citation ...", "Pour citer cet article :"
    r"(?:suggested citation|how to cite(?: this)?|cite this (?:article|post)|zitiervorschlag|"
    r"zitierweise|pour citer cet article)\b.*|"
    # a date's label alone on its line, or with nothing but the date and time after it:
    # "Aktualisiert:", "Aktualisiert: 11.04.2020, 10:27", "Updated: 3 March 2020 10:27 am"
    r"(?:(?:zuletzt )?(?:aktualisiert|veröffentlicht|erstellt)(?: am)?|"
    r"(?:(?:last|first) )?(?:updated|published|modified)(?: on)?|stand|"
    r"(?:publié|mis à jour)(?: le)?|(?:publicado|actualizado)(?: el)?)\s*:?"
    r"(?:\s*(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}\.?\s+[^\W\d_]+\.?\s+\d{4}|[^\W\d_]+\.?\s+\d{1,2},?\s+\d{4})"
    r"(?:,?\s*(?:um |at |à )?\d{1,2}[:.]\d{2}(?:\s*(?:uhr|h|[ap]\.?m\.?))?)?)?|"
    # a blog post's footer: "This entry was posted in News. Bookmark the permalink."
    r"this entry was posted\b.*|bookmark the permalink\.?|"
    r"(?:%d|\d+) (?:bloggers?|bloggern) (?:like|gefällt) (?:this|das):?|"
    # a donation or support call, a comment form's login line and field labels, a share prompt
    r"je fais un don\b.*|(?:jede (?:kleine )?spende|every (?:little )?donation) (?:hilft|helps)\b.*|"
    r"wenn ihnen (?:unser|dieser|der) (?:artikel|beitrag|text) gefallen hat\b.*|"
    r"unterstützen sie (?:diese form|unsere arbeit|unseren journalismus)\b.*|jetzt spenden!?|"
    r"(?:support|donate to) (?:our|independent) journalism\b.*|"
    r".*\bkommentieren zu können,? müssen sie (?:eingeloggt|angemeldet) sein\.?|"
    r"you must be logged in to post a comment\.?|e-?mail\s*\((?:wird|required|will not)\b.*|"
    r"(?:den|diesen) (?:artikel|beitrag) mit anderen teilen\b.*|"
    r"wir respektieren (?:deine|ihre) privatsphäre\b.*|"
    r"(?:dieses|das) (?:skript|dokument|manuskript) als pdf herunterladen|"
    r"entdecke(?:n sie)? (?:jetzt|weitere)\b.{0,40}|stay (?:up[- ]to[- ]date|informed) on our work\.?|"
    # breadcrumbs: "You are here: Home » News", "Home > News > 2024 > Story"
    r"(?:you are here|sie sind hier|vous [eê]tes ici|est[aá]s? aqu[ií]|siete qui|u bent hier|"
    r"du er her|du är här|当前位置|您的位置|您现在的位置|現在位置|現在地)\s*[:：]?.*|"
    r"(?:首页|首頁|ホーム|홈)\s*[»›>/|＞]\s*.*|"
    r"(?:home|homepage|start|startseite|accueil|inicio|etusivu|forside)\s*[»›>/|]\s*.*[»›>|].*|"
    # review and fact-check credits, print links
    r"(?:(?:medically|expert|fact[- ]?checked (?:and|&)) )?reviewed by:?(?:\s+\S+){1,12}|"
    r"fact[- ]?checked by:?(?:\s+\S+){1,12}|print (?:this )?(?:page|article|story|post)|"
    r"(?:photo|image|foto|bild|picture|credit|source|quelle|photograph)s?(?: by)?\s*[:/©].*|"
    r"©.*|\(c\) .*|copyright\b.*|all rights reserved.*|alle rechte vorbehalten.*|"
    r"tous droits réservés.*|listen to (?:this )?article.*|"
    # how long the text takes to read ("Lesezeit: 3 Min.", "3 Min Lesezeit", "5 min read")
    rf"{READING_TIME}|"
    # a video player's fallback text
    r"we apologi[sz]e,? but this video has failed to load\.?|player wird geladen\.*|"
    r"video wird geladen\.*|your browser does not support the video(?: tag| element)?\.?|"
    r"(?:(?:page|image|photo|picture|slide|foto|bild|seite) )?\d+(?: (?:of|/|von|de|sur|di) \d+)?|[\w\-.]+\.(?:png|jpe?g|gif|webp|bmp|svg|tiff?)|"
    r"(?:facebook|twitter|linkedin|whatsapp|instagram|pinterest|reddit|x|telegram|email)"
    r"(?:\s*[|,/·•]?\s*(?:facebook|twitter|linkedin|whatsapp|instagram|pinterest|reddit|x|"
    r"telegram|email|print|share))*)$",
    re.IGNORECASE,
)
# a post's or a page's closing notes, at any length: where it was filed, its licence, whose
# opinions it holds, its rights ("Der Beitrag wurde am ... veröffentlicht und wurde unter ...
# abgelegt", "Les opinions exprimées ... n'engagent que leurs auteurs")
CLOSING_NOTE = re.compile(
    r"^(?:der beitrag wurde am\b.*veröffentlicht\b.*|erstellt am\b.*\babgelegt unter\b.*|"
    r"this entry was posted\b.*|"
    r"(?:dieser|der) (?:text|beitrag|artikel|inhalt) (?:wurde|ist|steht) (?:\w+ )?unter (?:der|einer) "
    r"(?:lizenz|creative commons)\b.*|"
    r".*\bn['’]engagen?t que (?:leurs|son|ses) auteurs?\b.*|"
    r"materiał chroniony prawem autorskim\b.*|"
    r".{0,80}\b(?:is|are) not responsible for the (?:opinions|views|content)\b.*|"
    r"dieser (?:beitrag|artikel|text) stammt aus (?:der )?(?:ausgabe|heft)\b.*)$",
    re.IGNORECASE,
)
# the publisher's service lines, at any length: a print edition's note, a reprint's terms, a
# forum quote's toggle and reply prompt, a blog's trackback box, a forwarding link, a paywall's
# summary ("A version of this article appeared in print on ...", "Click to expand...")
SERVICE_NOTE = re.compile(
    r"^(?:a version of this (?:article|story|review|column|essay) appear(?:s|ed) in print\b.*|"
    r"click to (?:expand|shrink)\.*|"
    r"you must (?:log ?in|sign in|be logged in)(?: or (?:register|sign up))? to "
    r"(?:reply|answer|comment|post|vote)\b.*|"
    r"(?:dow jones reprints:\s*)?this copy is for your personal,? non-?commercial use only\b.*|"
    r"see a sample reprint in pdf format\b.*|order a reprint of this article\b.*|"
    r"trackback url for this (?:entry|post)\b.*|"
    r"listed below are links to (?:weblogs|blogs) that reference\b.*|"
    r"e-?mail (?:this(?: article| story| page)? )?to a friend|"
    r"learn more about our editorial (?:process|policy|standards)\.?|"
    r"to read this article in full,? you must\b.*|the full article contains \d+ words\b.*|"
    r"printer[- ]friendly (?:version|page|format)\b.*|e-?mail this (?:article|story|page)\b.*|"
    r"send this (?:article|story|page) to (?:a )?friends?\b.*|story tools\s*:.*|"
    r"(?:the )?comments (?:to this (?:entry|post) )?(?:are|have been) closed\.?|"
    r"blog comments powered by\b.*|view larger image|have your say(?: on this story)?|"
    r"oops!? something went wrong while submitting the form\.?|"
    r"thank you!? your (?:submission|message) has been received!?|well-known member|"
    # an advertisement's marker in the text: "Article continues below this ad", "This
    # advertisement has not loaded yet, but your article continues below.", "Advertisement:
    # LAist Continues Below!"
    r"(?:advertisement\s*[-–—:]?\s*|this (?:ad|advertisement) has not loaded yet,? but )?"
    r"(?:the |your )?(?:article|story|page|text) continues (?:below|after)"
    r"(?: (?:the |this )?(?:ad|advertisement))?[.!]?|"
    r"advertisement\s*[-–—:]\s*[\w.' ]{1,40}? continues below!?|"
    r"scroll to continue with content|(?:la )?suite après (?:cette |la )?publicité|"
    # a broadcaster's programme note closing the story ("Dieses Thema im Programm: NDR 1
    # Niedersachsen | 17.06.2025 | 15:00 Uhr"), an error report's prompt
    r"dieses thema im programm\s*:.*|"
    # an article's read-aloud player's notice: its voice is a machine's
    r"(?:diese )?audioversion wurde künstlich (?:generiert|erzeugt)\b.*|"
    r"ljuduppspelningen är ai-genererad\b.*|"
    r"(?:this|the) (?:audio|audio version|narration)(?: of this (?:article|story))? "
    r"(?:is|was|has been) (?:ai[- ]generated|generated (?:by|using|with) "
    r"(?:ai|artificial intelligence))\b.*|"
    # a form's reCAPTCHA notice, as Google words it
    r"this (?:site|page|form) is protected by recaptcha\b.*|"
    r"bitte markieren sie die entsprechenden wörter im text\b.*|"
    # a video player's invitation set among the paragraphs (Postmedia's papers)
    r"tap here to see other videos from our team\.?|"
    r"weiterlesen nach der anzeige|"
    r"continue reading (?:below|after)(?: (?:the|this) (?:ad|advertisement))?|"
    r"schriftgröße (?:anpassen|ändern)!?|(?:text|font) size\s*:?(?:\s+[-+a-z]{1,2}){0,5}|"
    # the heading of what follows the text: other stories, the writer's other pieces, a paywall
    r"more news stories|you may also be interested in(?: the following \w+)?\s*:|"
    r"read more by(?: [A-Z][\w.'-]*){1,4}|part of complete coverage on\b.*|"
    r"available to [\w.]+ subscribers|share your thoughts with (?:your )?friends\.?|"
    # an embed's consent placeholder, in a sentence: "Deine Privatsphäre-Einstellungen
    # verhindern das Laden …", "Zur Anzeige aktiviere bitte die Einstellungen …", "Your privacy
    # settings prevent this content from loading."
    r"(?:deine|ihre|your) (?:privatsphäre|datenschutz|privacy|cookie|consent)[- ]?"
    r"(?:einstellungen|settings|preferences|choices) (?:verhindern|prevent|block)\b.*|"
    r"zur anzeige (?:aktiviere|aktivieren sie) bitte\b.*|"
    # "Empfohlener redaktioneller Inhalt: An dieser Stelle finden Sie externen Inhalt, der den
    # Artikel ergänzt. … Ich bin damit einverstanden, dass mir externe Inhalte angezeigt werden."
    r"(?:mit dem klick auf das video erkläre )?ich (?:bin|mich) (?:damit )?einverstanden, dass "
    r"mir externe inhalte angezeigt werden\b.*|"
    r"an dieser stelle find(?:en sie|et ihr|est du) (?:einen )?externen inhalt\b.*|"
    r"zur ergänzung unseres artikels finden sie hier einen externen inhalt\b.*|"
    r"empfohlener redaktioneller inhalt|externe inhalte (?:laden|anzeigen|aktivieren)|"
    r"mehr (?:dazu|infos?) in unser(?:er|en) datenschutz(?:erklärung|hinweisen)\s*\.?|"
    r"wir benötigen (?:deine|ihre) zustimmung, um\b.{0,80}?(?:inhalt|video|beitrag)\w* "
    r"anzuzeigen\b.*|"
    r"um (?:deine|ihre) (?:persönlichen )?daten zu schützen, haben wir das automatische laden\b.*|"
    r"(?:um|to) (?:diesen|den|this) (?:inhalt|content)\b.{0,40}?(?:zu sehen|anzuzeigen|zu laden|"
    r"view|see|load)\b.{0,80}?(?:cookies?|consent|zustimm\w*|einwillig\w*|privacy|datenschutz)\b.*)$",
    re.IGNORECASE,
)
# the words joining the names of a byline alone on its line: "Von Jane Doe und John Roe"
BYLINE_LINE_JOINS = frozenset({"and", "und", "&", "y", "et", "e", "og", "och", "en"})
# every notice names comments: a cheap look for the word before the notice's phrases are tried
COMMENT_WORD = re.compile(r"comment|kommentar|comentar|reacties|reageren", re.IGNORECASE)
# a notice of the comment section under the text: its rules, its moderation, the login it asks
# for ("Please read our comment policy.", "Um einen Kommentar zu hinterlassen, loggen Sie sich
# bitte ein."); what follows it is the comments and their form
COMMENT_NOTICE = re.compile(
    r"^.*?(?:"
    # a call to log in or join before commenting, addressed to the reader
    r"^\W*(?:note:?\s*)?(?:please\s+)?(?:log\s?in|sign\s?(?:in|up)|register|join|create an "
    r"account)\b[^.!?]{0,80}?\bto (?:post |leave |add |write |make )?(?:a |your )?comments?\b|"
    r"\byou (?:must|need to|have to) (?:be )?(?:log(?:ged)?\s?in|signed?\s?in|registered)"
    r"[^.!?]{0,40}?\bto (?:post |leave |add |write |make )?(?:a |your )?comments?\b|"
    # the rules and the moderation of comments
    r"\b(?:read|see|review|follow|abide by) (?:our |the )?comment(?:ing|s)? (?:policy|guidelines|"
    r"rules|terms)\b|^comment(?:ing)? (?:policy|guidelines|rules)$|"
    r"\bcomments? (?:are|is|will be|may be)\b[^.!?]{0,40}?\b(?:moderated|monitored|screened)\b|"
    r"\bwe(?: are|'re)?\b[^.!?]{0,20}?\bmoderating (?:all )?comments\b|"
    r"\breport (?:offensive|abusive|inappropriate) comments?\b|"
    r"\bcomment(?:ers?| posters| writers)\b[^.!?]{0,40}?\b(?:are responsible|ha(?:s|ve) not "
    r"followed)\b|\b(?:the )?following are comments from (?:the |our )?readers\b|"
    r"\bcomments? represent[^.!?]{0,40}?\bown (?:views|opinions)\b|"
    # German: the login a comment needs, the rules, the moderation
    r"\bum\b[^.!?]{0,40}?\bkommentar\w*\b[^.!?]{0,60}?\b(?:einloggen|anmelden|registrieren|"
    r"loggen sie sich|melden sie sich)\b|"
    r"\b(?:eingeloggt|angemeldet|registriert) sein,? um\b[^.!?]{0,40}?\bkommentar|"
    r"\bdass (?:ihre|deine|eure) kommentare\b|"
    r"\bkommentare? (?:werden|wird)\b[^.!?]{0,60}?\b(?:moderiert|geprüft|überprüft|"
    r"freigeschaltet)\b|\bkommentare?\b[^.!?]{0,60}?\bvor (?:der|ihrer) (?:veröffentlichung|"
    r"freischaltung)\b|"
    # French, Spanish, Italian, Dutch
    r"\b(?:connectez-vous|identifiez-vous|inscrivez-vous)\b[^.!?]{0,40}?\bcommenter\b|"
    r"\bcommentaires? (?:sont|est|seront) (?:modérés?|soumis à)\b|"
    r"\b(?:inicia sesión|regístrate|identifícate)\b[^.!?]{0,40}?\bcomentar\b|"
    r"\bcomentarios? (?:son|están|serán) moderados\b|"
    r"\b(?:accedi|registrati)\b[^.!?]{0,40}?\bcommentare\b|\bcommenti (?:sono|vengono) moderati\b|"
    r"\breacties (?:worden|zijn) gemodereerd\b|\blog in om te reageren\b)",
    re.IGNORECASE,
)
# a quotation boxed for sharing ends in its button: "… offline business.Click To Tweet"
TWEET_PROMPT = re.compile(r"\s*click to tweet$", re.IGNORECASE)
# a teaser's "read more" link or a caption's expander ("… mehr lesen", "... Read More »")
MORE_LINK = (
    r"[\[(]?(?:read more|more|mehr(?: lesen)?|weiterlesen|lire la suite|leer más|continue reading|"
    r"continuar leyendo|leggi tutto|czytaj dalej|lees meer|läs mer)[\])]?\s*[»›>→]?"
)
MORE_LINE = re.compile(MORE_LINK, re.IGNORECASE)
# a text cut short with an ellipsis and its "more" link: an excerpt of another page (a teaser)
# or a gallery caption's folded text
TRUNCATED_TEASER = re.compile(rf"(?:\.\.\.|…)\s*{MORE_LINK}$", re.IGNORECASE)
# a link's hint for screen readers, shown to no one else ("(öffnet im neuen Fenster)", "(opens in
# a new tab)", "(link is external)"): a page whose class names say nothing (CSS-in-JS) keeps it
SCREEN_READER_HINT = re.compile(
    r" ?\((?:(?:opens?|öffnet|s'ouvre|se abre|si apre)(?: sich)? "
    r"(?:in|im|a|an|eine[mn]?|dans|en|une?|una|in una)\b[^()]{0,40}?"
    r"\b(?:window|tab|site|website|page|fenster|seite|fenêtre|onglet|ventana|pestaña|finestra|scheda)"
    r"|external link|link is external|externer link)\)",
    re.IGNORECASE,
)
# a picture's credit line left in the text: a stock or wire photo agency, after its photographer
# or before it ("STR/AFP via Getty Images", "IMAGO/Jane Doe", "Main image: Wirestock/iStock"),
# the line ending with the credit ("Shutterstock expands its deal with …" is a headline)
PHOTO_CREDIT_LINE = re.compile(
    r"^[(\[]?(?:(?:main |featured |top )?(?:photo|foto|bild|image|picture)s?(?: by)?\s*:?\s*)?"
    r"(?:©\s*)?(?:[^\s/|]+(?: [^\s/|]+){0,5}\s*[/|]\s*)*(?:[^\s/|]+(?: [^\s/|]+){0,3} via )?"
    r"(?:getty ?images|shutterstock(?:\.com)?|istock(?:photo)?|imago(?:[- ]images)?|"
    r"picture[- ]alliance|alamy)(?:\s*/\s*[^\s/|]+(?: [^\s/|]+){0,3})?\s*[)\]]?$",
    re.IGNORECASE,
)
END_MARKER = re.compile(
    r"^(?:related(?: \w+){0,2}|more (?:news|stories|from\b.*|on this\b.*|in\b.*)|"
    # "More top stories", "Most watched News videos", "Most shared", "Most read in world news"
    r"more (?:\w+ ){1,2}(?:news|stories|articles|videos)|"
    r"most (?:read|popular|viewed|watched|shared|commented|emailed)(?: \w+){0,3}|"
    r"you (?:may|might) also (?:like|enjoy)|read (?:more|next|also)\b.*|recommended\b.*|"
    r"(?:leave a |post a )?(?:comments?|reply|responses)|share (?:this|the) (?:article|story|post)|"
    r"about the author|latest (?:news|stories|posts)|popular\b.*|"
    r"weitere (?:artikel|nachrichten|themen)|mehr zum thema|das könnte sie auch interessieren|"
    r"à lire aussi|lire aussi|sur le même sujet|articles? (?:liés|connexes)|"
    r"también te puede interesar|leggi anche|weitere informationen|"
    r"(?:die autorin|der autor|zur autorin|zum autor|über (?:die autorin|den autor))|"
    r"about the authors?|you may also like|(?:você|voce) (?:também )?pode gostar|"
    r"meistgelesen\w*(?: \w+)?|meistdiskutiert\w*(?: \w+)?|"
    r"neueste (?:artikel|beiträge|nachrichten)|(?:verwandte|ähnliche) (?:beiträge|artikel|themen)|"
    r"mehr aus (?:der|dem|den)\b.*|zobacz (?:też|także|również)|veja também|"
    r"dans la même rubrique|sie könnten auch\b.*|das könnte dich auch interessieren|"
    # a comment form's opening: "Kommentar schreiben", "No comments yet", "Leave a reply"
    r"(?:einen )?kommentare? (?:schreiben|verfassen|hinterlassen)|schreibe einen kommentar|"
    r"(?:bisher|noch) keine kommentare|no comments(?: yet)?|be the first to comment|"
    r"(?:leave|write|add) a (?:comment|reply)|laisser un commentaire|deja (?:un|tu) comentario|"
    r"lascia un commento|(?:audios? et )?vidéos sur le (?:même )?sujet|"
    # the author's box, a comment form, related and most-read rails in more languages
    r"(?:à )?propos de l'auteure?|sobre (?:el|la|o|a) autora?|sull'autore|sull'autrice|"
    r"over de auteur|об авторе|o autor(?:ze|ce)|om (?:forfatteren|författaren)|"
    r"yazar hakkında|tentang penulis|despre autor|"
    r"deixe (?:um|o seu) comentário|оставить комментарий|оставьте комментарий|"
    r"dodaj komentarz|skriv en kommentar|yorum yap|tinggalkan (?:komentar|balasan)|"
    r"lasă un comentariu|"
    r"podobne artykuły|powiązane artykuły|похожие (?:статьи|новости)|читайте также|"
    r"(?:artículos|noticias|artigos|notícias) relacionad[oa]s|articoli correlati|"
    r"gerelateerde artikelen|relaterte artikler|relaterade artiklar|relaterede artikler|"
    r"ilgili haberler|berita terkait|articole similare|"
    r"cele mai citite|najczęściej czytane|самое читаемое|(?:las )?más leídas|"
    r"les plus lus|(?:i )?più letti|(?:as )?mais lidas|meest gelezen|en çok okunanlar|"
    r"terpopuler|mest lest|mest læste|mest lästa|"
    r"tin liên quan|مواضيع ذات صلة|أخبار ذات صلة|ข่าวที่เกี่ยวข้อง|संबंधित खबरें|"
    # Chinese, Japanese and Korean rails: related, recommended, most read, comments
    r"相关信息|相关新闻|相关阅读|相关文章|相关推荐|推荐阅读|延伸阅读|猜你喜欢|热门推荐|"
    r"精彩推荐|网友评论|发表评论|関連記事|関連ニュース|おすすめ記事|관련\s?기사|많이 본 뉴스)"
    r"\s*(?:[:：]|\.\.\.|…)?$",
    re.IGNORECASE,
)
# a plain line is an end marker only as a module's name: "Recommended for:" labels a field of a
# review, "Read more about this dress here." is a sentence, "More from NBC's TODAY:" heads a
# quoted list; the open-ended English markers end the text only as headings
NOT_A_PLAIN_END_MARKER = re.compile(r"^(?:recommended|popular|more|read)\b|[.!?]$", re.IGNORECASE)
CREDIT_NAME = re.compile(r"credit|copyright|photographer|source|author|byline|rights", re.I)
CREDIT_IN_CAPTION = re.compile(
    r"\s*(?:[\[(]\s*)?(?:(?:photo|image|foto|bild|picture|credit|source|quelle|photograph)s?"
    r"(?:\s+by\b|\s+credit\s*[:/]?|\s*[:/])|©|\(c\))\s*(?P<credit>[^\])]{2,120}?)\s*[\])]?\s*$",
    re.IGNORECASE,
)
# a line ending in a picture's credit after the caption: "…, Foto: Jane Doe", "…. Photo by: X"
CAPTION_CREDIT_END = re.compile(
    r"[,.|–—]\s*[(\[]?(?:photo|foto|bild|image|picture|photograph)s?(?:\s+by|\s+credit)?\s*:\s*"
    r"[^.:;!?]{2,60}[)\]]?\.?\s*$",
    re.IGNORECASE,
)
BYLINE_NAME = re.compile(
    r"(?:^|[-_\s])(?:byline|author|authors|author-?name|writer|submitted|username)(?:$|[-_\s])|"
    # in other languages, the whole class only: "autor-jane-doe" is a taxonomy term's class
    r"(?:^|\s)(?:autor(?:in|en|enzeile)?|auteur|autore|redakteur(?:in)?|verfasser(?:in)?)(?:$|\s)",
    re.I,
)
DATE_IN_TEXT = re.compile(r"\b(?:19|20)\d{2}\b")
# "Published 18 Jul 2024 at 08:01", "25/04/2026", "Updated 15:10h": a date line, not prose
DATELINE = re.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}[:.h]\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")
# short closing lines asking the reader to do something: dropped from the end of the body
TAIL_CALL = re.compile(
    r"\b(?:newsletters?|sign(?:ing)? up|subscribe|follow (?:us|him|her|them|@\w+)|"
    r"share (?:it|this)|get in touch|bookmarks?|contributed (?:to )?(?:this|the) "
    r"(?:report|story|article)|(?:can|may) be reached at|have a (?:news )?tip)\b",
    re.IGNORECASE,
)
EMAIL = re.compile(
    r"[\w.+-]+(?:@|\[at\]|\(at\))[\w-]+(?:\.[\w-]+)+|\[email\s*protected\]?", re.IGNORECASE
)
RULE_LINE = re.compile(r"^[_*#=~]{3,}$")  # "___", "###": the text ends, notes follow
DINKUS = re.compile(r"^\*{3,}$")  # "***": as often a break between a text's parts


@dataclass(frozen=True)
class ExtractionOptions:
    """The generic extractor's tunables; `DEFAULT_OPTIONS` is what the pipeline runs with."""

    prose_min_chars: int = 60  # a block this long (and not a link list) counts as article prose
    sentence_min_chars: int = 25  # shorter blocks count as prose when they end like a sentence
    max_link_density: float = 0.5  # share of a block's text inside <a> above which it is navigation
    max_short_link_density: float = (
        0.5  # same, for blocks shorter than PROSE_MIN_CHARS (CV: every fold)
    )
    link_penalty: float = 1.0  # weight of link-list text against the container
    stub_penalty: float = 0.3  # weight of short non-heading text (labels, bylines, buttons)
    boilerplate_text_max_chars: int = 160  # boilerplate phrases are only looked for in short blocks
    # a short line stating a post's count of comments (see COMMENT_COUNT_LINE) is no text
    comment_count_lines_dropped: bool = True
    comment_count_line_max_words: int = 16
    # a line that reads as script code outside any <pre> or <code> (a web archive's cut
    # <script>, a template's inline handler showing as text): `script_text_min_tokens` of its
    # tokens ("document.all", "function(", "var x =", "&&") and `script_text_min_punctuation`
    # of its characters braces, semicolons and equals signs
    script_text_dropped: bool = True
    script_text_min_tokens: int = 3
    script_text_min_punctuation: float = 0.03
    browser_notices_dropped: bool = True  # a notice about the reader's browser is no text ...
    browser_notice_max_chars: int = 400  # ... when it is this short
    # a site's cookie banner set in the text (`COOKIE_NOTICE`) is no text either, at any length
    cookie_notices_dropped: bool = True
    service_notes_dropped: bool = True  # a print edition's note, a reprint's terms (`SERVICE_NOTE`)
    screen_reader_hints_dropped: bool = True  # "(opens in a new window)" (`SCREEN_READER_HINT`)
    # a line cut short and ending in its "more" link ("… im... mehr lesen") is no text, nor a line
    # cut short followed by a line that is only the link (`TRUNCATED_TEASER`, `MORE_LINE`)
    truncated_teasers_dropped: bool = True
    photo_credit_lines_dropped: bool = True  # a picture's credit line (`PHOTO_CREDIT_LINE`)
    # a post's filing, licence or disclaimer note up to this long is no text (0: off)
    closing_note_max_chars: int = 500
    walk_template_siblings: bool = True  # a boilerplate-named box walks as its text-holding twin
    # ... a twin in a twin of its parent too: a text cut into segments, each in its own wrapper
    walk_template_cousins: bool = True
    relaxed_skips_consent: bool = True  # the last-resort walk still skips cookie / consent boxes
    edge_stub_max_words: int = (
        6  # short blocks before the first / after the last prose block are dropped
    )
    trailing_sentences_stay: bool = True  # ... but a short closing sentence in the text stays
    leading_quotes_stay: bool = True  # ... and a quotation opening the text, however short
    min_body_chars: int = 1  # below this the page has no body
    min_confidence: float = 0.05  # below this the page is refused as "low_confidence"
    # a short page whose short title says it is no article ("Page not found", "We value your
    # privacy", "Just a moment...") or whose text opens as a consent framework's wall does
    # ("We and our 842 partners ...") is refused as "interstitial" (`transforms.interstitial`)
    interstitials_refused: bool = True
    interstitial_max_words: int = 250
    interstitial_title_max_words: int = 8
    fallback_min_chars: int = (
        100  # a result shorter than this tries the relaxed walk (CV: every fold picks 100)
    )
    # ... which replaces a text set under the title's h1 or h2 only when this long
    relaxed_keeps_headed_text: bool = True
    relaxed_over_headed_min_chars: int = 250
    guard_paragraphs: int = (
        4  # a boilerplate-named element with this many long <p> is walked anyway
    )
    guard_paragraph_chars: int = 120
    guard_text_chars: int = 1500  # ... or long <p> holding this many chars (0: off)
    # a box named for a paywall holds the text behind it when it holds paragraphs, a <div>
    # holding text and no boxes counted as one: a page of div soup writes its paragraphs so
    # ("<div class='articleText articlePaywall'><div>…</div>…")
    paywall_guard_reads_text_divs: bool = True
    # on a page holding fewer long <p> than `guard_paragraphs`, its paragraphs are <div>s: a box
    # named like boilerplate ("category-detail-inner") is weighed by them
    div_paragraphs_weighed: bool = True
    guard_weighs_cjk: bool = True  # ... a CJK character counted as `cjk_char_weight` chars
    cjk_stub_words: bool = True  # an unspaced CJK line counts its words from its characters
    wrappers_hold_main: bool = True  # ... and so is one holding the page's <main> (or role="main")
    walk_text_panels: bool = True  # an accordion (role tablist) holding article text is walked
    title_article_wins: bool = True  # of several <article>s, the title's holds the text
    # ... and of several posts a text holds whole, each a box of its kind under its own h1 or
    # h2 (a blog page listing its posts), the one the title heads, when it holds
    # `titled_unit_min_share` of the text's prose (`score.titled_unit`)
    titled_unit_wins: bool = True
    titled_unit_min_share: float = 0.2
    # ... and of a text climbed over boxes under other headings (a sidebar's "Don't miss"), the
    # box the title's heading tops alone, when it holds `titled_box_min_share` of its prose
    titled_box_wins: bool = True
    titled_box_min_share: float = 0.85
    # a text chosen inside a box whose h1s say other titles (the next stories an endless-scroll
    # page appends), on a page whose h1 says its title, gives way to the text under that h1
    # when it holds `other_story_min_share` of the chosen one's prose
    other_story_left: bool = True
    other_story_min_share: float = 0.25
    # the headings `titled_unit`, `titled_box` and `other_story_left` read, the first ones
    story_headings_read: int = 100
    # an h1 named for screen readers only ("sr-only", "visually-hidden", GSB's "aural") holds
    # the site's or the section's name, not the headline
    title_skip_unshown_h1: bool = True
    title_skip_linked_h1: bool = True  # an h1 inside a link is a teaser's, not the page's
    title_site_name_not_headline: bool = True  # a long site name equal to a headline is none
    title_skip_site_h1: bool = True  # an h1 that is the site's logo or a link home is no headline
    # an h1 naming a rail ("Related", "Most popular", "相关信息") is no headline
    title_skip_rail_h1: bool = True
    # a date read from the page's text more than a day away from the day its URL holds
    # ("/2008/01/07/") gives way to the page's line on that day, else to the URL's day
    url_day_judges_text_dates: bool = True
    dated_lines: bool = True  # with no date stated, the first short line holding one gives it
    heading_anchor_ids: bool = True  # a heading's id spelling its words is no class name
    # ... nor one numbering it ("toc_1", "section-3"): a table of contents' jump target
    numbered_heading_ids: bool = True
    # a link inside a paragraph is words of it whatever its name ("auto-tag_twitter_1")
    inline_names_in_paragraphs_kept: bool = True
    # a box named the story's text as a BEM element ("sidebar-grid__content article__content")
    # is walked whatever else its names say, as one named "article-content" is
    bem_content_names: bool = True
    # ... and a dateline set in it ("<p><span class='dateline'>KOBE – </span>A total of …")
    inline_datelines_kept: bool = True
    # a box's and a byline's names read with their camel-case words apart too: "relatedArticles"
    # as "related-Articles", "BorlabsCookie" (a consent box) as "Borlabs-Cookie"
    camel_case_names_split: bool = True
    # ... and so are the names a component framework gives its elements for tests and tracking
    # (`data-testid`, `data-component`, `data-qa`, `data-module`) and a box's `aria-label`,
    # where hashed classes say none
    data_names_read: bool = True
    # ... and so does a box's leading heading: a box headed "Top Rated Comments" is a comment
    # thread, one headed like a rail that follows a text ("Related stories", "Most read") is
    # named so (kept when it holds paragraphs), where hashed classes say nothing
    headed_boxes_named: bool = True
    # ... and a box whose first line is a paywall's pitch ("This content is reserved for
    # subscribers only", "Register / sign in to unlock more articles") is named a paywall
    pitch_boxes_named: bool = True
    # ... and a box headed like a rail and linking away is skipped whatever text it holds:
    # teaser cards' summaries ("More top stories" over a hundred headlines and their leads)
    rail_headings_outweigh_text: bool = True
    # the text ends where a rail of teaser cards closing it starts: so many headings or more,
    # each all one link to another page of the site, each with a lead this short at most
    card_rails_end_text: bool = True
    card_rail_min_cards: int = 2
    card_lead_max_words: int = 40
    # ... closed by at most so many lines this short saying no sentence (a programme note)
    card_rail_trailing_stubs: int = 3
    card_rail_trailing_stub_words: int = 12
    box_heading_max_words: int = 6  # ... a heading this many words long at most
    # a <figcaption> outside a <figure> (an image box's caption) is the picture's, not text
    stray_captions_skipped: bool = True
    # a <figure> named for its caption ("wp-caption") holds a picture of the text: it is read,
    # its picture kept with the caption as the picture's (skipped when named otherwise too)
    captioned_figures_walked: bool = True
    ancestor_decay: float = 0.7  # share of a block's score passed on to each further ancestor
    # the container grows to its parent when that adds less than this share of its score ...
    climb_max_gain_share: float = 0.5
    climb_max_noise: float = 0.1  # ... or adds prose with little link / stub text around it
    # ... but not when the prose it adds sits in list items (at least this share of it), with
    # linked text beside it of more than this share of it: teasers, not the text
    climb_skips_teaser_lists: bool = True
    teaser_list_min_item_share: float = 0.3
    teaser_list_min_link_share: float = 0.1
    # ... a definition list's terms and descriptions count as list items too (`<dt>` a linked
    # headline, `<dd>` its blurb: "More Manitoba headlines")
    teaser_items_in_definition_lists: bool = True
    # a wrapper adding no prose and at most this share of the held score as noise (a quote's
    # <blockquote> with its <cite>) is looked through, not a stop (0: any noise stops)
    climb_quiet_wrapper_noise: float = 0.1
    climb_min_split_share: float = 0.6  # ... amounting to this share of the prose already held
    climb_intro_max_share: float = (
        0.1  # ... or adds this little prose with next to no noise (an intro)
    )
    climb_intro_max_noise: float = 0.02
    # ... or when most of the prose it adds is in plain paragraphs beside the part held
    climb_over_sibling_paragraphs: bool = True
    sibling_paragraphs_min_share: float = 0.7
    sibling_paragraphs_max_noise: float = 0.3
    # ... or when most of it is in siblings of the part held's tag and class, cut off from it
    # by elements without prose (ad slots)
    climb_over_segments: bool = True
    segment_min_share: float = 0.8
    segment_max_noise: float = 0.3
    end_marker_lines: bool = True  # a short line alone saying "Related stories" ends the text too
    # a notice of the comment section (`COMMENT_NOTICE`) ends the text as an end marker does
    comment_notices_end_text: bool = True
    comment_notice_max_chars: int = 1000  # a comment section's rules run long
    share_climb_below: float = (
        0.6  # a container with less of the page's prose looks for a wider one
    )
    # ... accepted when link / stub text is at most this share of the gain (CV: 4 of 5 folds)
    share_climb_max_noise: float = 0.3
    listing_fallback: bool = True  # a page with little prose is read as a list of teasers ...
    listing_trigger_chars: int = 2000  # ... when its body is shorter than this
    # ... or this, on a page whose metadata gives it a publish date (an article, rarely a listing)
    listing_article_trigger_chars: int = 250
    single_time_is_article: bool = True  # ... as on a page whose <time>s name one moment
    single_time_max: int = 2
    # ... as on a page whose text sits in an <article> headed by the page's title and holds
    # this share of the page's prose (a page of sections holds its prose in several)
    headed_article_is_article: bool = True
    headed_article_min_share: float = 0.5
    # a short story in the box its title heads, holding that share of the page's prose, gives
    # way to no listing reading outside that box: a video's caption stays, the "More videos"
    # list beside it is other stories
    headed_story_stays: bool = True
    # ... and a text read first under the page's headline: the title (`headline_story_min_words`
    # words at least) shown as a text of its own before it, with at most `headline_gap_chars`
    # of shown text between them, is not replaced by the whole page read as a listing (the
    # rails of a story page), when it holds `headline_story_min_lines` lines and
    # `headline_story_min_chars` characters; a section page's name heads its teasers, far
    # above any text read first there (an introduction's, a footer's)
    headline_story_stays: bool = True
    headline_story_min_words: int = 5
    headline_gap_chars: int = 1200
    headline_story_min_lines: int = 2
    headline_story_min_chars: int = 350
    # ... and on a page marking one post (`hentry`, "post-7177"), a listing reading outside it
    # (a blogroll) gives way to the post read alone as a listing (a roundup of links), or, when
    # that gains nothing, to the text read first
    marked_post_read_alone: bool = True
    # ... or in a box of no <article> (its own element or one of this many ancestors) holding
    # an h1 that is the title above the text: a short story of a page without HTML5 markup
    # a page its blog engine marks as one post (`<body class="single-post postid-…">`) is
    # read as an article, like one with a publish date
    single_post_body_class: bool = True
    # ... and so is one whose text sits in its only entry marked as such (`hentry`, `h-entry`,
    # `type-post`, TypePad's `entry-type-post`)
    single_entry_is_article: bool = True
    # ... and so is one whose text sits in (or two levels under) the page's only box named
    # "article", "post", "entry", "story" or "permalink"
    single_story_box_is_article: bool = True
    story_box_links_skipped: bool = True  # a link classed "article" (a tab) is no story box
    # ... or the page's only box named as a story's text ("articleBody", "entry-content")
    single_text_box_is_article: bool = True
    # a text read outside that box (a sidebar's recent posts outscoring a roundup of links)
    # gives way to the box read alone as a listing, when that holds this share of it
    text_box_read_alone: bool = True
    text_box_min_share: float = 0.3
    # ... and walked as a story's box, not a listing's: the furniture named inside it (a
    # picture's caption box, "entry-tags", "entry-category") stays out
    text_box_alone_skips_named: bool = True
    headed_text_is_article: bool = True
    headed_text_levels: int = 2
    headed_text_min_words: int = 5  # ... and a title of this many words: a headline
    cjk_char_weight: float = 3.0  # a CJK character weighs this many in the listing trigger
    listing_min_gain: float = 2.0  # ... and the listing reading is this many times longer
    # ... counting no menu item (a link of a few words filling its block): a short story's page
    # read as a listing gains its site menus, a listing gains teasers
    listing_gain_skips_menus: bool = True
    menu_item_max_words: int = 3
    menu_item_min_link_share: float = 0.6
    listing_story_min_chars: int = 250  # ... when the text read first is a story this long
    listing_walks_named: bool = (
        True  # ... walking elements named like teaser parts ("meta", "tags")
    )
    table_rows_as_text: bool = True  # a table row of data cells is one line, not a block per cell
    walk_text_figures: bool = (
        True  # a <figure> holding a table, list or paragraphs is walked as text
    )
    figure_min_text_chars: int = (
        300  # ... paragraphs or lists of this much text (not a credit, a card)
    )
    article_body_preferred_ratio: float = 1.3  # JSON-LD articleBody wins when this much longer
    teaser_min_link_share: float = 0.25
    # a <label> naming a form field (holding one, or its `for=`) is no text: a sign-up box's
    # checkbox set outside any <form> by a script-built page
    field_labels_skipped: bool = True
    skip_input_forms: bool = (
        True  # a <form> with fields (contact, sign-up, search) holds no article text
    )
    form_max_chars: int = 1000  # ... when its text is this short (a page-wide form wraps far more)
    # ... or, longer, when it holds no <h1>, <main> or <article> and shows less than half the
    # page's text: a sign-up or comment form with long labels, not a page-wide ASP.NET form
    unheaded_forms_skipped: bool = True
    form_max_page_share: float = 0.5  # ... and showing less than this share of the page's text
    # the last-resort walk skips such forms too (a listing's walk does not: the sidebar's links
    # would outweigh a short post written inside its comment form's list)
    relaxed_skips_forms: bool = True
    # the box around an e-mail sign-up form (its newsletter's name, blurb and small print) is
    # no text: the form's highest ancestor this many levels up holding this much text beside it
    signup_boxes_skipped: bool = True
    signup_box_levels: int = 3
    signup_box_max_chars: int = 600
    popup_cards_skipped: bool = True  # see POPUP_CONTENT
    player_controls_skipped: bool = True  # see PLAYER_CONTROLS
    # a layer shown over the page (a login dialog, a modal, a popup) holds no article text even
    # when its messages are paragraphs, unless it holds the page's <h1> or <main>
    layers_skipped: bool = True
    skip_hidden_class: bool = True
    dateline_max_words: int = 12
    # above the first prose: the headline repeated as a heading, and short date lines, go
    drop_top_title_and_dates: bool = True
    # ... and a line saying nothing but a date or time among the text's first lines, wherever
    # the prose starts (under a standfirst, in a header band read as prose), when no date line
    # follows further down (`transforms.dates.is_date_line`)
    top_date_lines_dropped: bool = True
    top_date_lines_window: int = 5
    top_date_lines_max: int = 2
    top_date_line_stubs_words: int = 3  # ... with the stubs beside them this short (0: none)
    # ... and so is a byline alone on its line there ("Von Jane Doe" under the standfirst), when
    # no such line follows further down (a forum's posts, a listing's items)
    top_byline_lines_dropped: bool = True
    top_byline_line_max_words: int = 8  # the names after the label
    # a short line ending in a picture credit ("…, Foto: Jane Doe") is a caption, not text
    credited_lines_are_captions: bool = True
    caption_max_words: int = 40
    # a line right under a picture (not a linked thumbnail) saying what the picture's alt text
    # says is its caption, set as a plain line; dropped once the text is chosen
    alt_echo_captions_skipped: bool = True
    skip_offscreen_text: bool = True  # screen-reader-only text ("h-offscreen", "a11y-label")
    # a link standing alone that jumps within the page ("Skip the embedded content", "Back to
    # top", "Jump to recipe") is navigation; one in a sentence, a list or a table stays
    skip_jump_links: bool = True
    nocontent_boxes_skipped: bool = True  # class "nocontent", "robots-nocontent", "noindex"
    skip_disclaimers: bool = True  # ... and so is a disclaimer box or an inactivity layer
    skip_paywall_boxes: bool = True  # a box named paywall without the article's text is skipped
    # ... but a paragraph named so (<p class="paywall">) is the text behind the wall, which the
    # page sends whole: a subscriber's, and the reader's
    paywalled_paragraphs_kept: bool = True
    headline_list_min_items: int = 2  # a list of this many items, each a link of ...
    headline_min_words: int = 4  # ... this many words or more (a headline), is a "read more" module
    # a bold label set apart ("READ ALSO |", "» Related:") and a link to another story of the
    # site (a headline of `headline_min_words`), alone in a paragraph or item among the text's:
    # a teaser, not text; unless such lines hold more than this share of the text's characters
    # (a briefing of the day's headlines is made of them)
    teaser_lines_dropped: bool = True
    teaser_lines_max_share: float = 0.25
    # ... the label in any markup or none ("<span>MORE: <a>…</a></span>", "Related: <a>…</a>"),
    # where hashed classes leave its style unknown
    teaser_labels_unstyled: bool = True
    headline_list_min_link_share: float = 0.9
    headline_mean_words: int = (
        6  # ... and this many on average (titles of books or pages are shorter)
    )
    # ... also with a bold label before each link ("<b>Topic:</b> <a>Headline</a>"), and in
    # a box of its own right after the paragraph
    headline_list_labels: bool = True
    # a list of such links under a read-on lead-in ("Lesen Sie auch:") is teasers, lead-in and
    # all, whatever precedes it; the lead-in this many words at most
    read_on_lists_dropped: bool = True
    read_on_lead_max_words: int = 12
    # a heading of this many words at most whose box kept nothing else of what it holds (a
    # sidebar module's "Story Tools" over its links) titles what went; a box of more elements
    # than `dropped_box_max_elements` is not read, and its heading stays
    headings_of_dropped_boxes_dropped: bool = True
    dropped_box_heading_max_words: int = 12
    dropped_box_max_elements: int = 200
    tail_call_max_chars: int = 200
    tail_box_lines: int = 4  # a call to action among the last this many short lines ends the text
    # ... unless a paragraph of the text's own follows it ("willing to sign up to it.")
    tail_call_before_text_stays: bool = True
    tail_text_min_chars: int = 100
    keep_tail_lists: bool = (
        True  # a list of plain (unlinked) items right after the last prose is text
    )
    end_marker_max_prose_after: float = (
        0.5  # an end marker ends the body unless more prose follows it
    )
    # ... a line of asterisks parts a story or a chapter: it ends the body only when less
    # prose than this follows it (a pitch for subscriptions after "***")
    dinkus_max_prose_after: float = 0.25
    # confidence: weights of the container's share of the page's prose, the body's size, its
    # paragraph count and whether the title is on the page (they sum to 1)
    confidence_dominance_weight: float = 0.4
    confidence_size_weight: float = 0.3
    confidence_paragraphs_weight: float = 0.2
    confidence_title_weight: float = 0.1
    confidence_full_size_chars: int = 1500
    confidence_full_paragraphs: int = 4
    # JSON-LD articleBody replaces the DOM body only when it holds this share of the DOM
    # body's 4-word shingles (not with broken escaping, lost apostrophes, another text)
    article_body_min_agreement: float = 0.9
    check_structured_body: bool = True  # off: any JSON-LD body long enough wins (the old rule)
    # dates: a date-only statement gives way to the same day with a time, a naive time to the
    # same wall time with an offset
    refine_dates: bool = True
    # without a stated date: a full date opening the text's first paragraph (a dateline)
    local_wall_time: bool = True  # a UTC statement is told in the zone the page's clock shows
    # a source without a configured zone: bare clocks are in the zone the page's own stamps,
    # country or language tell (`transforms.zones`), not UTC
    page_zone_inferred: bool = True
    # ... so is a <time> element's datetime given without an offset
    time_elements_in_page_zone: bool = True
    # a bare date line under the headline reads its clock after a bar or a dash too
    title_date_clock_joined: bool = True
    utc_told_in_page_zone: bool = True  # ... and a UTC stamp is told in that zone, its instant kept
    paragraph_datelines: bool = True
    datelines_past_stubs: bool = True  # ... also after a byline or label line above the text
    # bylines: a short element led by a byline label ("Von: Jane Doe") is one too, and
    # screen-reader labels inside a byline are not names
    byline_labels: bool = True
    byline_author_links: bool = True  # ... and a link to an author's page (`/author/jane-doe`)
    publisher_not_author: bool = True  # the publisher's name gives way to a person's byline
    # the short last piece of the <title> after a bar ("… | The West Australian") is one of the
    # publisher's names too, and goes from a byline joining it to the writer's
    title_tail_publishes: bool = True
    # a wire agency's full name after a writer's ("Tom Davies - Associated Press", "Jane Doe
    # The Associated Press") is the writer's employer, not a name of hers
    agency_tails_not_names: bool = True
    # a byline that holds no name after cleaning ("Posted on") gives way to the next one
    next_byline: bool = True
    # a byline element holding a date too ("Janic Cathomen, 01.12.2021") is read, the date cut
    dated_bylines: bool = True
    # metadata naming a login or a first name ("janedoe", "Jane") gives way to the byline's
    # full name for the same person ("Jane Doe")
    byline_completes_metadata: bool = True
    # an author tag naming everyone the JSON-LD names and more ("Jane Doe,John Roe" beside a
    # JSON-LD author "Jane Doe") gives the full list
    fuller_author_tags: bool = True
    # of several names the metadata gives, one the page credits only for other work
    # ("Photographed by Jane Doe", "Styled by", "Illustration:") is no author
    role_credits_not_authors: bool = True
    # the account that posted (Yoast's "Written by" Twitter card, an editor's login) gives way
    # to a byline naming someone else in full ("By Duncan Bell")
    byline_over_posting_account: bool = True
    # JSON-LD naming someone whom the author tags and the shown byline both leave out (the
    # account that posted the story: Yoast's graph names the WordPress user) gives way to them
    json_ld_author_outvoted: bool = True
    # what is left of the publisher's name once a desk word and its host's name are cut
    # ("Motley" of "Motley Fool Staff"), and names that together spell it ("Jobs" and "Hire"
    # of "Jobs & Hire"), are the publisher, not people
    publisher_fragments_not_authors: bool = True
    # a first name or login in the metadata is spelled out by the one element classed as a
    # name that gives it in full ("<p class='full-name'>Todd Bates</p>" beside a "By" label
    # in a block of its own, where no byline is found)
    name_class_spells_out_metadata: bool = True
    # the name a host is registered under ("ascii" of weekly.ascii.jp) names the publisher,
    # as the host's first label ("weekly") does
    registered_host_name_publishes: bool = True
    # a byline box holding a CJK credit line ("文● オカモト／ASCII編集部") names its writer, as
    # the same line found among the page's lines does
    cjk_credits_in_bylines: bool = True
    # a <title> separator with nothing on its other side ("Über André Loibl |": the template
    # left the site's or the headline's part empty) goes
    title_dangling_separator_stripped: bool = True
    # a heading's tags parted where one's text ends in a small letter and the next begins with
    # a capital ("<span>Nationale Demo</span>Der 9. Juli naht": a kicker set as its own line),
    # and its lines parted at a line break ("WEEKEND<br>CODING AGENT")
    title_glued_pieces_parted: bool = True
    # the text printed twice by its template: a run of at least this many blocks, holding at
    # least this share of the text, said again later in the same order goes the second time
    repeated_runs_dropped: bool = True
    repeated_run_min_blocks: int = 2
    repeated_run_min_share: float = 0.2
    # a line saying only the page's own address (its URL, its canonical one, or the one at
    # least two of its links hand on, as share buttons do: DW's "https://p.dw.com/p/4SUrv") is
    # a "copy the link" box's, not text
    own_address_lines_dropped: bool = True
    # an author tag naming a user name in small letters ("dehlix": a theme's maker, an
    # account) gives way to a byline naming people in full
    byline_over_handle_author: bool = True
    # the name under a pull quote ("<div class='pull-quote__author'><span class='author'>")
    # is the speaker's, not a byline
    quote_names_not_bylines: bool = True
    # a byline-marked name in a picture's caption beside words of its own ("The harbour at dawn
    # <span class='author'>Pella News</span>") credits the picture, not the text; a caption
    # holding the name alone (an author's portrait) still names the writer
    caption_credits_not_bylines: bool = True
    caption_credit_min_words: int = 3
    # a byline-named element opening with a sentence this long ("Your effort and contribution
    # in providing this feedback is much appreciated.") is no byline
    sentences_not_bylines: bool = True
    byline_sentence_min_words: int = 8
    # a byline label's name may follow the label's element ("<h5>Autor:</h5>Jane Doe") and a
    # date may follow the name ("Ein Artikel von Jane Doe | 27.01.2022")
    label_tail_bylines: bool = True
    # a labelled byline's full name before a comma stands when what follows is no name: her
    # role ("Autorin: Jane Doe, Projektleiterin der Stiftung in Tunis.")
    labelled_byline_roles_cut: bool = True
    # a byline or author tag naming only the publisher gives way to a labelled line in the text
    # crediting people in full ("Written by: Jane Doe" under "By The Planetary Press")
    text_credit_over_publisher: bool = True
    # a labelled byline ends at its line break ("<strong>Autor:</strong> <a>Jane Doe</a><br>
    # <strong>Tags:</strong> …"); a label alone on its line takes the next line
    labelled_byline_lines: bool = True
    # a link among a menu's links saying "Von Bits und Bytes" names a blog, not its author
    menu_links_not_bylines: bool = True
    # a menu's heading led by "By" over its links ("By Price", "Shop by Gender & Age", "By
    # Sector") is a facet, not a byline: in a menu, followed by a link within so many levels
    menu_headings_not_bylines: bool = True
    # a box named for a breadcrumb trail is no byline, whatever else it is named ("breadbar
    # _author"): its links are the site's sections ("Startseite | Schweiz")
    breadcrumbs_not_bylines: bool = True
    # a byline's credits for reviewing, fact-checking or sponsoring the text name no author
    other_credits_not_authors: bool = True
    menu_heading_link_levels: int = 3
    bylines_in_article_first: bool = True  # the text's <article>'s bylines before the page's
    byline_reads_parts: bool = True  # a byline's <br> and blocks part words; social links go
    byline_hidden_skipped: bool = True  # a byline's text is what it shows: CSS-hidden parts go
    # a class naming a category's, site's or product's name marks no person's name in a byline
    thing_name_classes_skipped: bool = True
    # a byline box's own byline elements (the name's link or span) are read, not the whole box
    byline_inner_names: bool = True
    # ... and its link to the author's page ("<a href='/author-bio.asp?id=837'>Jane Doe</a>")
    byline_inner_author_links: bool = True
    byline_box_labels: bool = True  # ... else the box's own labelled line ("By Jane Doe")
    # a name marked `rel=author` beside others marked so ("<a rel=author>Jane Doe</a> and
    # <a rel=author>John Roe</a>") is one byline of them all
    byline_sibling_names: bool = True
    # the copyright holder (<meta name="copyright">) is the publisher, not an author; the
    # page's other author metadata (article:author) names the writer
    copyright_holder_publishes: bool = True
    # a <time> marked as the publication's (itemprop datePublished, class "published") before
    # the others; one marked as the last modification ("updated", dateModified) is none
    time_roles: bool = True
    # a <time> inside an embedded post (an Instagram or X card) or a comment thread dates that
    # post or comment, not the page
    times_of_embeds_and_comments_skipped: bool = True
    # a <time> in one of a list's items, when two more items hold one too, dates a teaser
    times_of_listing_items_skipped: bool = True
    # ... and a <time> in an <article> holding no h1 that sits beside another <article>
    # holding one too, or is headed by a link to another page: teasers beside the story, a
    # story's card set in the text ("<article><h2><a>…</a></h2><time
    # itemprop='datePublished'>")
    times_of_teaser_articles_skipped: bool = True
    # a slashed date ("12/04/2020") is read day first on a page that writes them so (one it
    # shows cannot be month first: "14/04/2020") or whose language is not American English
    slashed_dates_by_page: bool = True
    # a line read for the page's date is never an embedded post's (a tweet's "April 25, 2024")
    embedded_post_lines_undated: bool = True
    # ... nor does a teaser's date line: in a link to another page saying more than the date
    # ("This week's issue 01 Feb 2025"), or in a card (up to `teaser_card_levels` above the
    # line) holding no h1, whose first heading links to another page, and saying at most
    # `teaser_card_max_words` words (a headline, its date, a short lead)
    teaser_lines_undated: bool = True
    teaser_card_levels: int = 3
    teaser_card_max_words: int = 80
    # a <time> inside a link to another page dates that page (a teaser's "22 septembre")
    times_in_links_elsewhere_skipped: bool = True
    # the canonical URL the page states (or its og:url), and its <base href>, name the page and
    # its site as the fetched URL does: a <time> in a link to it dates the page itself, its
    # host names the publisher and the site's title suffix, wherever the page was fetched from
    # (a mirror, a copy on another host, a loopback origin)
    canonical_url_names_page: bool = True
    # ... and for a page fetched from an IP address, the host its menus' links lead to: with
    # this many links at least, and this many times those to the next most linked site
    linked_host_names_site: bool = True
    linked_host_min_links: int = 3
    linked_host_min_lead: float = 2.0
    # a short piece at either end of a title holding a domain name ("… - News.yam.md") is the
    # site's name, whatever host the page was fetched from
    title_domain_pieces: bool = True
    # an element of the page's own item marked itemprop="datePublished" (its content, else its
    # text) with the marked <time> elements
    microdata_dates: bool = True
    # without a stated date: the lines under the heading showing the title, then those above
    # it (nearest first), are searched for a date line before the page's first lines (a
    # sidebar's or a menu's dates)
    dates_near_title: bool = True
    title_date_lines_before: int = 10
    title_date_lines_after: int = 12
    # a line that is only a date may give its year in two digits, day first ("02.12.19")
    bare_dates_short_years: bool = True
    # after the date lines, a blog's "posted" sentence ("This entry was posted on Monday,
    # June 4th, 2018"), before htmldate
    posted_sentences: bool = True
    # a <time> nothing marks as the publication's gives way to a date line under (or just
    # above) the headline that says another day
    title_date_over_plain_times: bool = True
    title_date_override_lines: int = 3  # ... within this many lines under it
    # without a byline: a short line of a date and a name ("11.12.2019 - Jane Doe"), then a
    # last paragraph that is a name in bold or italics (a signature)
    dated_name_lines: bool = True
    dated_name_labels: bool = True  # ... also "date - Redaktion: Jane Doe (role)"
    dated_name_siblings: bool = True  # ... and "<span>Jane Doe |</span><span>05.04.2025</span>"
    # a name alone in the box before a date box, on a page naming nobody else: the first
    # this many date boxes are read (0: off)
    name_beside_date_boxes: int = 3
    name_beside_date_chars: int = 80  # ... in a box of name and date saying this much at most
    # ... and a date line's "by" piece: "Posted on May 4, 2020 by Jane Doe", "| By Jane Doe |"
    date_line_bylines: bool = True
    signature_authors: bool = True
    signature_links_authors_only: bool = True  # a signature linking elsewhere is no name
    # ... then the name on the post's author's own reply among the comments: WordPress marks
    # it "bypostauthor" to set it apart, and the commenter's name is an hCard's `fn`
    post_author_replies: bool = True
    # last, when the page names nobody: a Chinese, Japanese or Korean credit line ("作者：张三",
    # "이용민 기자", "(责编：牛镛、岳弘彬)"), whose names have no capitals for the other readers
    cjk_bylines: bool = True
    lead_image_from_metadata: bool = True  # a text without pictures gets og:image as its lead
    # a text with pictures also gets its lead picture, shown above it: the picture og:image
    # names (the same file, in another size), set before the text outside its box
    lead_picture_shown: bool = True
    # title vote: a source saying the same cleaned title, a source containing it
    title_exact_vote: float = 1.0
    title_contained_vote: float = 1.0
    title_h1_vote: float = 1.0  # the headline readers see votes for itself
    title_h1_read: int = 6  # the first h1s read as title sources (section and rail h1s come first)
    # a subheading saying what another source says votes for it (an h1 naming the section,
    # "Allergies Health Center", over the story's h2 that repeats the <title>)
    title_h2_vote: float = 1.5
    # a title the page shows as a text of its own outside its h1s (a headline set in a styled
    # cell under an h1 naming a rail, "Top Classifieds") votes for itself; 0: off
    title_shown_text_vote: float = 1.5
    title_shown_text_words: int = 3
    # a page with no h1 takes its first element named a headline ("<font class=storyhead>")
    # this long as a title source, ranked before <title>; 0: off
    title_named_headline_words: int = 3
    # an h1 opening with the winning title's first words and going on is the fuller headline
    title_fuller_h1_words: int = 4
    # ... unless what it goes on with is an element of its own inside it: a subtitle span, an
    # "Add to ..." button ("<h1>Headline <a href='#'>Add to ...</a></h1>")
    title_h1_appendage_not_title: bool = True
    # the page's one microdata `itemprop="headline"` is a source of its own in the vote
    title_microdata_headline: bool = True
    title_strip_section_before_site: bool = True  # "Story | Section - Site": the section goes
    title_strip_short_bar_tail: bool = True  # "Story | Brand": a short piece after a bar goes
    # "Story - Soccer - Sport": short last pieces the page's links say (its menus' sections) go
    title_section_link_tail: bool = True
    title_brand_evidence: bool = True  # a piece the page's logo or brand box shows is the site
    # og:title and twitter:title vote as one source (a CMS copies one into the other)
    title_social_one_voice: bool = True
    # an h1 in a breadcrumb trail or a navigation bar stands for the h2 below it
    title_breadcrumb_h1: bool = True
    title_drop_kicker: bool = True  # a heading's kicker span (the topic line) is not its title
    # ... when it opens the heading: one named so after the heading's other words is its
    # headline misnamed (LTO's "reader__topline" after its "reader__subline" kicker)
    title_kicker_opens_heading: bool = True
    title_source_order: tuple[str, ...] = (
        "h1",
        "og:title",
        "json-ld",
        "twitter:title",
        "named",
        "title",
    )
    # a page naming nothing else (no og:title, headline, h1 or <title>; a template that sets
    # its headline in an h2, a file whose head was cut) takes its first subheading this long
    title_subheading_fallback_words: int = 4  # 0: off
    # a page naming no title at all lands when its text reads as an article (this confidence,
    # this many words in long blocks), titled by its address's slug or its lede
    untitled_text_lands: bool = True
    slug_title_min_words: int = 3
    # a title read from the page's <title>, an h1 or the text's lede that is shown nowhere
    # before the text's end (a site's or section's name: "SuperSoccer", "Sports Wire") gives
    # way to the headline shown over the text: a text of its own and a line of its own,
    # `headline_over_text_min_words` to `headline_over_text_max_words` words, no sentence, label,
    # dateline or byline, no link away, with at most `headline_over_text_gap_chars` of shown
    # text (a dateline, a byline, "Printable version") between it and the text, or the text's
    # first line set apart from the next (two stubs looked past: "SPORTS PLUS", a date);
    # sharing `headline_over_text_lede_words` words of five letters or more with the text's
    # first lines, and more of them than the title shares
    headline_over_text: bool = True
    metadata_headline_stays: bool = True  # ... unless the share card or JSON-LD says the title
    headline_over_text_min_words: int = 3
    headline_over_text_max_words: int = 25
    headline_over_text_gap_chars: int = 300
    headline_over_text_lede_words: int = 1
    # a page naming nobody, on a site named after a person its host spells, is that person's
    personal_site_owner_writes: bool = True
    # a custom element (a tag with a hyphen: `<story-body>`, `<bsp-page>`) holding a block, or a
    # text of its own set apart among blocks, is read as a <div>: a browser sets it out as its
    # stylesheet says, and a web-components site's stylesheet makes its boxes blocks; one in a
    # line of running text stays part of it
    custom_elements_as_blocks: bool = True
    # profile path (transforms/fields.py): the generic body replaces the profile's when it holds
    # this much more text that contains the profile's (a body split over sibling containers)
    generic_body_gain: float = 1.25
    generic_body_contains: float = 0.8
    # ... and is asked for when prose outside the profile's container is this share of the body
    outside_prose_share: float = 0.2
    outside_prose_min_words: int = 25
    outside_sentence_min_words: int = 8  # ... and shorter lines that end like a sentence
    # ... and trusted only above this confidence, with this many words in long blocks
    generic_min_confidence: float = 0.3
    generic_min_words: int = 30
    prose_block_words: int = 12


DEFAULT_OPTIONS = ExtractionOptions()
