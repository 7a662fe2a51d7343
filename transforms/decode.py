"""Bytes to text: UTF-16 when a byte order mark or every other byte being zero says so, else
UTF-8 when the bytes are multi-byte UTF-8 whatever the label says, else the declared charset,
then <meta charset>, then detection. A header's charset whose decoding fails
gives way to the page's own <meta charset> when that one decodes cleanly: a server labelling
everything UTF-8 in front of GBK or ISO-8859-2 pages. Never raises."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
# Pages labelled with a narrow Chinese charset routinely use characters outside it.
WIDER_CHARSET = {"gb2312": "gb18030", "gbk": "gb18030", "iso-8859-1": "cp1252", "ascii": "cp1252"}
META_SCAN_BYTES = 4096


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return WIDER_CHARSET.get(name, WIDER_CHARSET.get(label.strip().lower(), name))


def _header_charset(content_type: str | None) -> str | None:
    header = HEADER_CHARSET.search(content_type or "")
    return _codec(header.group(1)) if header else None


def _meta_charset(body: bytes) -> str | None:
    meta = META_CHARSET.search(body[:META_SCAN_BYTES])
    return _codec(meta.group(1).decode("ascii", "ignore")) if meta else None


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, int]:
    """Return the text and how many undecodable bytes were replaced with U+FFFD."""
    if body.startswith(codecs.BOM_UTF8):
        return _decode(body[3:], "utf-8")
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(body, "utf-16")
    if (wide := utf16_without_bom(body)) is not None:
        # markup never holds NUL bytes: every other one zero is UTF-16 whatever the label
        return _decode(body, wide)
    page_label = _meta_charset(body)
    declared = _header_charset(content_type) or page_label
    if declared and declared != "utf-8" and (utf8 := _multibyte_utf8(body)) is not None:
        # A CMS serving UTF-8 under a stale label ("iso-8859-2"): text in another charset is
        # valid multi-byte UTF-8 by chance almost never, so the bytes say more than the label.
        return utf8, 0
    if declared:
        text, replaced = _decode(body, declared)
        if replaced == 0:
            return text, 0
        real_utf8 = _real_utf8_chars(text) if declared == "utf-8" else 0
        # the page's own label, unless the bytes are mostly valid multi-byte UTF-8 (GBK or
        # EUC-KR read as UTF-8 makes valid pairs too, by chance, but fewer than broken bytes)
        if page_label and page_label != declared and real_utf8 <= replaced:
            labelled_text, labelled_replaced = _decode(body, page_label)
            if labelled_replaced == 0:
                return labelled_text, 0
        if real_utf8:
            # Valid multi-byte UTF-8 elsewhere: the label is right, a few bytes are broken.
            return text, replaced
        if declared in ("utf-8",):
            try:
                return body.decode("cp1252"), 0
            except UnicodeDecodeError:
                pass
        guess = from_bytes(body).best()
        if guess is not None and guess.encoding and guess.encoding != declared:
            guessed_text, guessed_replaced = _decode(body, guess.encoding)
            if guessed_replaced < replaced:
                return guessed_text, guessed_replaced
        return text, replaced
    try:
        return body.decode("utf-8"), 0
    except UnicodeDecodeError:
        pass
    guess = from_bytes(body).best()
    return _decode(body, guess.encoding if guess is not None and guess.encoding else "cp1252")


def utf16_without_bom(body: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when the first bytes are ASCII text in UTF-16 without a
    byte order mark (a zero byte after or before each character); else None."""
    head = body[: UTF16_SNIFF_BYTES - UTF16_SNIFF_BYTES % 2]
    pairs = len(head) // 2
    if pairs < UTF16_MIN_PAIRS:
        return None
    zero_first = head[0::2].count(0)
    zero_second = head[1::2].count(0)
    if zero_second >= UTF16_ZERO_SHARE * pairs and zero_first == 0:
        return "utf-16-le"
    if zero_first >= UTF16_ZERO_SHARE * pairs and zero_second == 0:
        return "utf-16-be"
    return None


UTF16_SNIFF_BYTES = 512
UTF16_MIN_PAIRS = 8  # "<html>" and a little more
UTF16_ZERO_SHARE = 0.5  # markup is mostly ASCII: most of its UTF-16 units have a zero byte


def _multibyte_utf8(body: bytes) -> str | None:
    """The text, when the bytes are valid UTF-8 holding a multi-byte character; else None."""
    if body.isascii():
        return None
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _real_utf8_chars(text: str) -> int:
    return sum(1 for char in text if ord(char) > 0x7F and char != "\ufffd")


def _decode(body: bytes, codec: str) -> tuple[str, int]:
    try:
        return body.decode(codec), 0  # a U+FFFD the page itself holds is no replaced byte
    except UnicodeDecodeError:
        text = body.decode(codec, errors="replace")
        return text, text.count("\ufffd") - body.decode(codec, errors="ignore").count("\ufffd")
