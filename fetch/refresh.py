"""A page that sends the reader on: `<meta http-equiv="refresh" content="0; url=…">` or a
`Refresh` header, as browsers follow them and Scrapy's MetaRefreshMiddleware does. Old CMSs
move a news index or an article this way ("index.htm" → "news/2019/index.htm"), and a run that
stops at the stub stores an empty page.

Only a refresh that names another address and comes within `max_delay` seconds is followed: a
news page reloading itself every ten minutes is no move. The tag is looked for in the page's
first bytes, outside `<noscript>` and comments."""

from __future__ import annotations

import re

from records.urls import join_url

SCANNED_BYTES = 8192
META_REFRESH = re.compile(rb"<meta\b[^>]*?http-equiv\s*=\s*[\"']?\s*refresh\b[^>]*>", re.IGNORECASE)
CONTENT = re.compile(rb"""\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
# what a browser does not act on: a fallback for readers without JavaScript, a comment (old
# IE's conditional comments: "<!--[if lte IE 9]><meta http-equiv=refresh …><![endif]-->")
UNREAD = re.compile(
    rb"<noscript\b.*?(?:</noscript\s*>|$)|<!--.*?(?:-->|$)", re.IGNORECASE | re.DOTALL
)
# the HTML standard's shared declarative refresh steps: a delay, then "; url=" and an address,
# quoted or not
DECLARATION = re.compile(
    r"""^\s*(\d+)(?:\.[\d.]*)?\s*(?:[;,]\s*(?:url\s*=\s*)?(?:(["'])(.*?)\2|(.*?))\s*)?$""",
    re.IGNORECASE | re.DOTALL,
)


def refresh_target(
    url: str, body: bytes | None, header: str | None, max_delay: float
) -> str | None:
    """The address `url`'s response sends the reader on to, if it does so soon enough."""
    declarations = [header] if header else []
    if body:
        head = UNREAD.sub(b"", body[:SCANNED_BYTES])
        for tag in META_REFRESH.finditer(head):
            content = CONTENT.search(tag.group(0))
            if content:
                value = next(part for part in content.groups() if part is not None)
                declarations.append(value.decode("latin-1"))
    for declaration in declarations:
        found = DECLARATION.match(declaration)
        if found is None or int(found.group(1)) > max_delay:
            continue
        address = (found.group(3) or found.group(4) or "").strip()
        target = join_url(url, address) if address else None
        if target and target.split("#", 1)[0] != url.split("#", 1)[0]:
            return target
    return None
