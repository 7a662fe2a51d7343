"""Every tuning constant of the generic extractor, in one place.

Numbers are the tunables `bench/extraction.py` cross-validates (leave-site-out); the tag sets
and patterns are the vocabulary the walk, the scoring and the selection read. Modules read
them as `settings.NAME` at call time, so the benchmark can try other values.
"""

from __future__ import annotations

import re

PROSE_MIN_CHARS = 60  # a block this long (and not a link list) counts as article prose
SENTENCE_MIN_CHARS = 25  # shorter blocks count as prose when they end like a sentence
MAX_LINK_DENSITY = 0.5  # share of a block's text inside <a> above which it is navigation
MAX_SHORT_LINK_DENSITY = 0.5  # same, for blocks shorter than PROSE_MIN_CHARS (CV: every fold)
LINK_PENALTY = 1.0  # weight of link-list text against the container
STUB_PENALTY = 0.3  # weight of short non-heading text (labels, bylines, buttons)
BOILERPLATE_TEXT_MAX_CHARS = 160  # boilerplate phrases are only looked for in short blocks
EDGE_STUB_MAX_WORDS = 6  # short blocks before the first / after the last prose block are dropped
MIN_BODY_CHARS = 1  # below this the page has no body
MIN_CONFIDENCE = 0.05  # below this the page is refused as "low_confidence"
FALLBACK_MIN_CHARS = (
    100  # a result shorter than this tries the relaxed walk (CV: every fold picks 100)
)
GUARD_PARAGRAPHS = 4  # a boilerplate-named element with this many long <p> is walked anyway
GUARD_PARAGRAPH_CHARS = 120
WRAPPERS_HOLD_MAIN = True  # ... and so is one holding the page's <main> (or role="main")
ANCESTOR_DECAY = 0.7  # share of a block's score passed on to each further ancestor
# the container grows to its parent when that adds less than this share of its score ...
CLIMB_MAX_GAIN_SHARE = 0.5
CLIMB_MAX_NOISE = 0.1  # ... or adds prose with little link / stub text around it
CLIMB_MIN_SPLIT_SHARE = 0.6  # ... amounting to this share of the prose already held
CLIMB_INTRO_MAX_SHARE = 0.1  # ... or adds this little prose with next to no noise (an intro)
CLIMB_INTRO_MAX_NOISE = 0.02
SHARE_CLIMB_BELOW = 0.6  # a container with less of the page's prose looks for a wider one
# ... accepted when link / stub text is at most this share of the gain (CV: 4 of 5 folds)
SHARE_CLIMB_MAX_NOISE = 0.3
LISTING_FALLBACK = True  # a page with little prose is read as a list of teasers ...
LISTING_TRIGGER_CHARS = 2000  # ... when its body is shorter than this
# ... or this, on a page whose metadata gives it a publish date (an article, rarely a listing)
LISTING_ARTICLE_TRIGGER_CHARS = 250
LISTING_MIN_GAIN = 2.0  # ... and the listing reading is this many times longer
LISTING_WALKS_NAMED = True  # ... walking elements named like teaser parts ("meta", "tags")
TABLE_ROWS_AS_TEXT = True  # a table row of data cells is one line, not a block per cell
WALK_TEXT_FIGURES = True  # a <figure> holding a table, list or paragraphs is walked as text
FIGURE_TEXT_TAGS = ("table", "pre", "p", "ul", "ol", "dl")
FIGURE_MIN_TEXT_CHARS = 300  # ... paragraphs or lists of this much text (not a credit, a card)
ARTICLE_BODY_PREFERRED_RATIO = 1.3  # JSON-LD articleBody wins when this much longer

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

# class / id words of containers that never hold article text (matched per word of the name)
BOILERPLATE_NAME = re.compile(
    r"(?:^|[-_\s])(?:share|sharing|sharer|social|socials|related|recommend\w*|comments?|"
    r"cookies?|consent|gdpr|newsletter|subscribe|subscription|signup|promo|promos|advert\w*|"
    r"ads?|adsense|adslot|sponsor\w*|banner|breadcrumbs?|sidebar|menu|navbar|"
    r"nav|navigation|footer|masthead|popup|modal|overlay|print|printer|tags?|tagcloud|tag-list|"
    r"keywords|byline|bylines|author|authors|author-bio|meta|metadata|dateline|caption|"
    r"captions|credit|credits|copyright|pagination|pager|paging|skip|sr-only|"
    r"visually-hidden|screen-reader-text|login|donate|outbrain|taboola|more-stories|"
    r"read-more|readmore|toolbar|tools|jump|disqus|rating|most-popular|"
    r"mostread|most-read|trending|carousel|slider|lightbox|infobox|feedback|follow|"
    r"post-navigation|audio|video-player|player|timestamp|published|posted-on|"
    r"entry-meta|post-meta|article-meta|categories|category|toc)(?=$|[-_\s\d])",
    re.IGNORECASE,
)
CONTENT_NAME = re.compile(
    r"(?:article|entry|post|story|news|page|main|node)[-_]?(?:body|content|text|detail)|"
    r"articlebody|field-body|field--name-body|rich-?text|prose|story-?body|hentry|type-post|"
    r"status-publish",
    re.IGNORECASE,
)
# names skipped even when they hold paragraphs: comment threads are prose, but not the article
ALWAYS_SKIPPED_NAME = re.compile(r"comment|disqus|cookie|consent|newsletter|related", re.I)
# on a listing page only page chrome is skipped by name: teaser parts are named like boilerplate
LISTING_SKIPPED_NAME = re.compile(
    r"(?:^|[-_\s])(?:comments?|disqus|cookies?|consent|gdpr|newsletter|subscribe|breadcrumbs?|"
    r"footer|menu|navbar|nav|navigation|masthead|sidebar|share|sharing|social|modal|popup|"
    r"overlay|skip|sr-only|visually-hidden|screen-reader-text|advert\w*|ads?|login)(?=$|[-_\s\d])",
    re.IGNORECASE,
)
# a box named "teaser" that links away (a related story set in the text) is not the article;
# one without links is a standfirst or a content card
TEASER_NAME = re.compile(r"(?:^|[-_\s])teasers?(?=$|[-_\s\d])", re.IGNORECASE)
TEASER_MIN_LINK_SHARE = 0.25
SKIP_INPUT_FORMS = True  # a <form> with fields (contact, sign-up, search) holds no article text
FORM_FIELD_TAGS = frozenset({"input", "textarea", "select"})
FORM_MAX_CHARS = 1000  # ... when its text is this short (a page-wide form wraps far more)
CODE_TAGS = frozenset({"pre", "code"})  # names inside code are a highlighter's token classes
CODE_INLINE_TAGS = frozenset({"span", "code", "em", "strong", "b", "i", "a"})
STREAMED_SEGMENT_ID = re.compile(r"^S:\d+$")  # a hidden streamed segment (React) is content
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# CSS utility classes that hide an element (a paywall pitch, a sign-in box shown by script)
HIDDEN_CLASS = re.compile(r"(?:^|\s)(?:hidden|d-none|is-hidden|u-hidden|hide)(?=$|\s)")
SKIP_HIDDEN_CLASS = True
BREAKS = re.compile(r"\n[\s\u00a0]*\n")  # <br><br> separates paragraphs, one <br> does not
LEAD_SENTENCE_ENDS = (".", "!", "?")
SENTENCE_END = re.compile(r"[.!?…:;\"'”’»)\]]\s*$")

BOILERPLATE_TEXT = re.compile(
    r"^(?:share(?: (?:this|on|via)\b.*)?|tweet|e-?mail|print|comments?|copy link|"
    r"advertisement|anzeige|werbung|publicité|sponsored|read more|read next|more:?|"
    r"click here\b.*|sign up\b.*|subscribe\b.*|follow us\b.*|related(?: \w+)?:?|"
    r"also read:?.*|see also:?.*|tags?:.*|"
    r"(?:read (?:more|next|also)|related(?: \w+){0,2}|more on this|see more|watch|listen|"
    r"recommended|lesen sie (?:auch|mehr)|mehr zum thema|auch interessant|(?:à )?lire aussi|"
    r"leggi anche|lee también|ver também|leia também)\s*:.*|filed under:?.*|posted in\b.*|categories?:.*|"
    r"back to top|top|next|previous|prev|home|menu|search|loading\.*|"
    r"(?:photo|image|foto|bild|picture|credit|source|quelle|photograph)s?(?: by)?\s*[:/©].*|"
    r"©.*|\(c\) .*|copyright\b.*|all rights reserved.*|alle rechte vorbehalten.*|"
    r"tous droits réservés.*|listen to (?:this )?article.*|\d+ (?:min|minute)s? read|"
    r"(?:(?:page|image|photo|picture|slide|foto|bild|seite) )?\d+(?: (?:of|/|von|de|sur|di) \d+)?|[\w\-.]+\.(?:png|jpe?g|gif|webp|bmp|svg|tiff?)|"
    r"(?:facebook|twitter|linkedin|whatsapp|instagram|pinterest|reddit|x|telegram|email)"
    r"(?:\s*[|,/·•]?\s*(?:facebook|twitter|linkedin|whatsapp|instagram|pinterest|reddit|x|"
    r"telegram|email|print|share))*)$",
    re.IGNORECASE,
)
END_MARKER = re.compile(
    r"^(?:related(?: \w+){0,2}|more (?:news|stories|from\b.*|on this\b.*|in\b.*)|"
    r"you (?:may|might) also (?:like|enjoy)|read (?:more|next|also)\b.*|recommended\b.*|"
    r"(?:leave a |post a )?(?:comments?|reply|responses)|share (?:this|the) (?:article|story|post)|"
    r"about the author|latest (?:news|stories|posts)|popular\b.*|most (?:read|popular|viewed)|"
    r"weitere (?:artikel|nachrichten|themen)|mehr zum thema|das könnte sie auch interessieren|"
    r"à lire aussi|lire aussi|sur le même sujet|articles? (?:liés|connexes)|"
    r"también te puede interesar|leggi anche|weitere informationen|"
    r"(?:die autorin|der autor|zur autorin|zum autor|über (?:die autorin|den autor))|"
    r"about the authors?|you may also like|(?:você|voce) (?:também )?pode gostar)"
    r"\s*(?::|\.\.\.|…)?$",
    re.IGNORECASE,
)
CREDIT_NAME = re.compile(r"credit|copyright|photographer|source|author|byline|rights", re.I)
CREDIT_IN_CAPTION = re.compile(
    r"\s*(?:[\[(]\s*)?(?:(?:photo|image|foto|bild|picture|credit|source|quelle|photograph)s?"
    r"(?:\s+by\b|\s+credit\s*[:/]?|\s*[:/])|©|\(c\))\s*(?P<credit>[^\])]{2,120}?)\s*[\])]?\s*$",
    re.IGNORECASE,
)
TITLE_SEPARATOR = re.compile(r"\s+[|–—\-»·•]\s+|\s+::\s+")
BYLINE_NAME = re.compile(r"(?:^|[-_\s])(?:byline|author|authors|author-name)(?:$|[-_\s])", re.I)
DATE_IN_TEXT = re.compile(r"\b(?:19|20)\d{2}\b")
# "Published 18 Jul 2024 at 08:01", "25/04/2026", "Updated 15:10h": a date line, not prose
DATELINE = re.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}[:.h]\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")
DATELINE_MAX_WORDS = 12
HEADLINE_LIST_MIN_ITEMS = 2  # a list of this many items, each a link of ...
HEADLINE_MIN_WORDS = 4  # ... this many words or more (a headline), is a "read more" module
HEADLINE_LIST_MIN_LINK_SHARE = 0.9
HEADLINE_MEAN_WORDS = 6  # ... and this many on average (titles of books or pages are shorter)
# short closing lines asking the reader to do something: dropped from the end of the body
TAIL_CALL = re.compile(
    r"\b(?:newsletters?|sign(?:ing)? up|subscribe|follow (?:us|him|her|them)|"
    r"share (?:it|this)|get in touch|bookmarks?|contributed (?:to )?(?:this|the) "
    r"(?:report|story|article)|(?:can|may) be reached at|have a (?:news )?tip)\b",
    re.IGNORECASE,
)
TAIL_CALL_MAX_CHARS = 200
TAIL_BOX_LINES = 4  # a call to action among the last this many short lines ends the text
KEEP_TAIL_LISTS = True  # a list of plain (unlinked) items right after the last prose is text
RULE_LINE = re.compile(r"^[_*#=~]{3,}$")  # "___", "###": the text ends, notes follow
END_MARKER_MAX_PROSE_AFTER = 0.5  # an end marker ends the body unless more prose follows it
