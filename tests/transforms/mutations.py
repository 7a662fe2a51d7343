"""What real CMS redesigns do to a page, applied to a recorded page: template mutations.

Each mutation takes the page's HTML and the profile version it was recorded with (for where
the body, title and date sit) and returns new HTML. The gold stays the unmutated page's
expected record: a robust profile degrades gracefully (body F1 >= 0.95, title and date right).
Also the local copy of the body metric (the ScrapingHub article-extraction-benchmark F1:
4-token shingles of `\\w+` tokens, multiset precision / recall).
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Callable

from lxml import etree
from lxml import html as lxml_html

from transforms.page import css, parse_html
from transforms.profiles.base import ProfileVersion

HtmlElement = lxml_html.HtmlElement
WORD = re.compile(r"\w+")
DATE_LABEL = re.compile(r"(?:release date|time|updated|date)\s*[:：]", re.I)
CREDIT_LINE = re.compile(r"^\s*(?:translator|editor|reviewer|photography)\s*[:：]", re.I)
LABEL_START = re.compile(
    r"^\s*[A-Za-z'&-]+(?: [A-Za-z'&-]+){0,2}\s*[:：]"
)  # "Time:", "release date ："
Mutation = Callable[[str, type[ProfileVersion]], str]


def body_f1(gold: str, predicted: str, n: int = 4) -> float:
    def shingles(text: str) -> Counter:
        tokens = WORD.findall(text or "")
        if len(tokens) < n:
            return Counter([tuple(tokens)]) if tokens else Counter()
        return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))

    g, p = shingles(gold), shingles(predicted)
    tp = sum((g & p).values())
    if not g and not p:
        return 1.0
    precision = tp / sum(p.values()) if p else 0.0
    recall = tp / sum(g.values()) if g else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _tree(html: str) -> HtmlElement:
    return parse_html(html)


def _html(tree: HtmlElement) -> str:
    return lxml_html.tostring(tree, encoding="unicode", doctype="<!DOCTYPE html>")


def _body(tree: HtmlElement, version: type[ProfileVersion]) -> HtmlElement:
    return css(version.BODY)(tree)[0]


def rename_body_container(html: str, version: type[ProfileVersion]) -> str:
    tree = _tree(html)
    body = _body(tree, version)
    body.attrib.pop("id", None)
    body.set("class", "rich-text-area")
    return _html(tree)


def add_wrappers(html: str, version: type[ProfileVersion]) -> str:
    tree = _tree(html)
    body = _body(tree, version)
    outer = lxml_html.Element("div", {"class": "col-main"})
    inner = etree.SubElement(outer, "section", {"class": "story"})
    body.addprevious(outer)
    inner.append(body)  # moves the body (its tail stays with it; harmless)
    return _html(tree)


def remove_wrapper(html: str, version: type[ProfileVersion]) -> str:
    """The body container's parent is dropped; its children move up a level."""
    tree = _tree(html)
    parent = _body(tree, version).getparent()
    if parent is not None and parent.tag not in ("body", "html", "form"):
        parent.drop_tag()
    return _html(tree)


def rename_title_container(html: str, version: type[ProfileVersion]) -> str:
    tree = _tree(html)
    for node in css(version.TITLE)(tree)[:1]:
        node.tag = "h2" if node.tag == "div" else node.tag
        node.set("class", "headline-text")
        parent = node.getparent()
        if parent is not None and parent.get("class"):
            parent.set("class", "head-box")
    return _html(tree)


def _date_nodes(tree: HtmlElement) -> list[HtmlElement]:
    found = []
    for node in tree.iter("div", "p", "span", "td"):
        own = (node.text or "").strip()
        if DATE_LABEL.match(own) and len(own) < 200:
            found.append(node)
    return found


def move_date_to_info_block(html: str, version: type[ProfileVersion]) -> str:
    """The date line leaves its place and sits in a separate info bar under the body."""
    tree = _tree(html)
    nodes = _date_nodes(tree)
    if not nodes:
        return html
    node = nodes[0]
    text = (node.text or "").strip()
    date = re.search(r"\d{4}-\d{2}-\d{2}(?:\s+\d{1,2}:\d{2})?", text)
    tail = node.tail
    parent = node.getparent()
    parent.remove(node)
    if tail and parent is not None:
        parent.text = (parent.text or "") + tail
    bar = lxml_html.fromstring(
        f'<div class="info-strip"><em>Release Date ： {date.group(0) if date else text}</em>'
        "<em>Views: 120</em></div>"
    )
    _body(tree, version).addnext(bar)
    return _html(tree)


def swap_colons(html: str, version: type[ProfileVersion]) -> str:
    """ASCII colons of label lines become full-width ones, and full-width ones ASCII."""
    tree = _tree(html)
    body = tree.find("body")
    for node in body.iter():
        for attribute in ("text", "tail"):
            value = getattr(node, attribute)
            if value and LABEL_START.match(value):
                swapped = value.replace("：", "\0").replace(": ", "：").replace(":", "：")
                setattr(node, attribute, swapped.replace("\0", ": "))
    return _html(tree)


def change_title_separator(separator: str) -> Mutation:
    def mutate(html: str, version: type[ProfileVersion]) -> str:
        tree = _tree(html)
        title = tree.find(".//title")
        if title is not None and title.text:
            title.text = re.sub(
                r"\s*-\s*(Beijing Institute of Technology)\s*$", rf"{separator}\1", title.text
            )
        return rename_title_container(_html(tree), version)

    mutate.__name__ = f"title_separator_{separator.strip() or 'space'}"
    return mutate


def drop_editor_line(html: str, version: type[ProfileVersion]) -> str:
    tree = _tree(html)
    for node in list(tree.iter("p", "span")):
        if CREDIT_LINE.match(node.text_content()) and node.getparent() is not None:
            node.drop_tree()
    return _html(tree)


def split_body(html: str, version: type[ProfileVersion]) -> str:
    """The second half of the body moves to a sibling container with its own class."""
    tree = _tree(html)
    body = _body(tree, version)
    children = [child for child in body if isinstance(child.tag, str)]
    sibling = lxml_html.Element("div", {"class": "content-more"})
    for child in children[len(children) // 2 :]:
        sibling.append(child)
    body.addnext(sibling)
    return _html(tree)


def redesign(html: str, version: type[ProfileVersion]) -> str:
    """Several at once: the container renamed and rewrapped, the date moved, colons swapped."""
    for mutate in (add_wrappers, move_date_to_info_block, rename_body_container, swap_colons):
        html = mutate(html, version)
    return html


MUTATIONS: tuple[Mutation, ...] = (
    rename_body_container,
    add_wrappers,
    remove_wrapper,
    rename_title_container,
    move_date_to_info_block,
    swap_colons,
    change_title_separator(" | "),
    change_title_separator(" -- "),
    change_title_separator("_"),
    change_title_separator("——"),
    drop_editor_line,
    split_body,
    redesign,
)


def paginate(
    html: str, url: str, version: type[ProfileVersion], pages: int = 3
) -> list[tuple[str, str]]:
    """The article split into `pages` pages `<stem>.htm`, `<stem>_2.htm`, ... under a
    page-number bar, as China Daily's CMS does; returns (html, url) per page."""
    stem, ext = url.rsplit(".", 1)
    urls = [url if n == 1 else f"{stem}_{n}.{ext}" for n in range(1, pages + 1)]
    tree = _tree(html)
    children = [child for child in _body(tree, version) if isinstance(child.tag, str)]
    size = -(-len(children) // pages)
    result = []
    for number in range(pages):
        page_tree = copy.deepcopy(tree)
        body = _body(page_tree, version)
        for child in list(body):
            body.remove(child)
        for child in children[number * size : (number + 1) * size]:
            body.append(copy.deepcopy(child))
        links = "".join(f'<a href="{u.rsplit("/", 1)[1]}">{n + 1}</a> ' for n, u in enumerate(urls))
        body.append(lxml_html.fromstring(f'<div id="div_currpage">{links}</div>'))
        result.append((_html(page_tree), urls[number]))
    return result
