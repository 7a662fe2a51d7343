"""Block-level voting between our extractor and trafilatura (Bevendorff et al., SIGIR 2023).

Our blocks are the candidates; a block stays when trafilatura's text holds most of its
4-token shingles (the two agree it is content). When the vote would keep too little of our
text (the two chose different parts of the page), our text stands.
"""

from __future__ import annotations

import re
from collections import Counter

from records.article import NotAnArticle
from transforms.generic import extract_generic

WORD = re.compile(r"\w+")
AGREEMENT = 0.5  # share of a block's shingles the other extractor must hold
MIN_KEPT_SHARE = 0.5  # below this share of our text kept, the vote is void


def _shingles(text: str) -> Counter:
    tokens = WORD.findall(text)
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def vote(html: str, url: str, trafilatura_text: str) -> str:
    try:
        blocks = [block.text for block in extract_generic(html, url).body]
    except NotAnArticle:
        return trafilatura_text
    if not trafilatura_text:
        return "\n\n".join(blocks)
    theirs = _shingles(trafilatura_text)
    kept = []
    for text in blocks:
        mine = _shingles(text)
        shared = sum((mine & theirs).values())
        if shared >= AGREEMENT * sum(mine.values()):
            kept.append(text)
    if sum(map(len, kept)) < MIN_KEPT_SHARE * sum(map(len, blocks)):
        return "\n\n".join(blocks)
    return "\n\n".join(kept)
