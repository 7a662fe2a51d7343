"""The BIT profile on the bundled site's pages: every field, and every kind of leaked boilerplate."""

from __future__ import annotations

import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newsetl.demo_site import DemoSite
from records.article import Article, NotAnArticle
from transforms.decode import decode_html
from transforms.extract import article_text, extract_article

BASE = "http://127.0.0.1:8000"
SHANGHAI = ZoneInfo("Asia/Shanghai")
BOILERPLATE = [
    re.compile(r"\b[0-9a-f]{32}\.(?:png|jpg)\b"),
    re.compile(r"^\d+\.(?:png|jpg)$", re.M),
    re.compile(r"ADDRESS"),
    re.compile(r"Zhongguancun South Street|Liangxiang East Road|Lengquan East Road"),
    re.compile(r"Copyright|All rights reserved|Presented by China Daily"),
    re.compile(r"^\s*\d{1,2}\s*$", re.M),
    re.compile(r"\[Photo/"),
    re.compile(r"\[Editor's note\]"),
    re.compile(r"Related news|Share|Print"),
]
SITE = DemoSite(60)


def extract(site: DemoSite, path: str) -> Article:
    status, headers, body = site.render(path)
    assert status == 200
    html, replaced = decode_html(body, headers.get("Content-Type"))
    assert replaced == 0
    return extract_article(html, BASE + path, profile="bit", default_timezone="Asia/Shanghai")


@pytest.fixture(params=[article.article_id for article in SITE.live_articles()], ids=str)
def demo_pair(request: pytest.FixtureRequest):
    demo = SITE.article(request.param)
    return demo, extract(SITE, demo.path)


def test_title_and_canonical_url(demo_pair) -> None:
    demo, article = demo_pair
    assert article.title == demo.title
    assert article.canonical_url == BASE + demo.path
    assert article.language == "en"
    assert article.profile.startswith("bit:")


def test_publication_date_is_aware_in_shanghai_time(demo_pair) -> None:
    demo, article = demo_pair
    assert article.published_at is not None and article.published_at.tzinfo is not None
    assert article.published_at.astimezone(SHANGHAI).replace(second=0) == demo.published_at.replace(
        second=0
    )


def test_author_and_editor_note(demo_pair) -> None:
    demo, article = demo_pair
    assert article.authors == ((demo.author,) if demo.author else ())
    assert article.editor_note == demo.editor_note


def test_body_is_exactly_the_article_paragraphs(demo_pair) -> None:
    demo, article = demo_pair
    assert article.paragraphs == demo.paragraphs
    assert article.word_count == sum(len(p.split()) for p in demo.paragraphs)


def test_images_carry_their_captions_without_the_empty_credit(demo_pair) -> None:
    demo, article = demo_pair
    assert [
        (image.src.rsplit("/", 1)[1], image.caption) for image in article.images
    ] == demo.figures
    for image in article.images:
        assert image.alt is None, "a file name is not alt text"
        assert image.credit is None


def test_no_boilerplate_in_body(demo_pair) -> None:
    _, article = demo_pair
    for pattern in BOILERPLATE:
        assert not pattern.search(article.text), pattern.pattern


def test_the_site_really_has_every_kind_of_leak_we_guard_against() -> None:
    """Without this, the boilerplate test could pass on a site that leaks nothing."""
    articles = SITE.live_articles()
    assert any(a.repeated_sentence for a in articles)
    assert any(a.duplicated_paragraph_index is not None for a in articles)
    assert any(a.page_nav_count for a in articles)
    assert any(a.editor_note for a in articles)
    assert any(caption for a in articles for _, caption in a.figures)
    assert any(re.fullmatch(r"[0-9a-f]{32}\.png", name) for a in articles for name, _ in a.figures)
    naive = SITE.render(articles[0].path)[2].decode()
    assert "ADDRESS" in naive and "Presented by China Daily" in naive


def test_repeated_sentence_and_duplicated_paragraph_appear_once() -> None:
    repeated = next(a for a in SITE.live_articles() if a.repeated_sentence)
    text = extract(SITE, repeated.path).text
    assert text.count(repeated.repeated_sentence) == 1
    duplicated = next(a for a in SITE.live_articles() if a.duplicated_paragraph_index is not None)
    text = extract(SITE, duplicated.path).text
    assert text.count(duplicated.paragraphs[duplicated.duplicated_paragraph_index]) == 1


def test_content_hash_is_stable_and_follows_edits() -> None:
    site = DemoSite(10)
    target = site.live_articles()[2]
    original = extract(site, target.path)
    assert extract(site, target.path).content_hash == original.content_hash
    site.edit(target.article_id)
    edited = extract(site, target.path)
    assert edited.content_hash != original.content_hash
    site.set_revision(target.article_id, 0)
    assert extract(site, target.path).content_hash == original.content_hash


def test_empty_page_is_not_an_article() -> None:
    site = DemoSite(5)
    target = site.live_articles()[1]
    site.make_empty(target.article_id)
    with pytest.raises(NotAnArticle) as rejection:
        extract(site, target.path)
    assert rejection.value.reason == "empty_body"
    assert (
        article_text(
            site.render(target.path)[2].decode(), "https://english.bit.edu.cn" + target.path
        )
        == ""
    )


def test_profile_is_chosen_from_the_url_host() -> None:
    site = DemoSite(3)
    path = site.live_articles()[0].path
    html = site.render(path)[2].decode()
    assert extract_article(html, "https://english.bit.edu.cn" + path).profile.startswith("bit:")


SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the checkout")
def test_seed_text_in_the_bit_template_loses_its_boilerplate() -> None:
    """Rebuild a page from the 2026 seed: paragraphs, bare image file names, footer, digits."""
    lines = [line.strip() for line in next(SEEDS.glob("002_*.txt")).read_text("utf-8").splitlines()]
    lines = [line for line in lines if line]
    title, rest = lines[0], lines[1:]
    footer_start = rest.index("ADDRESS")
    body_lines, footer_lines = rest[:footer_start], rest[footer_start:]
    parts = []
    for line in body_lines:
        if re.fullmatch(r"[0-9a-f]{32}\.png", line):
            parts.append(f'<p style="text-align:center"><img src="/att/{line}" alt="{line}"></p>')
        else:
            parts.append(f"<p>{line}</p>")
    html = (
        f'<html lang="en"><body><h1 class="art_title">{title}</h1>'
        f'<div class="art_cont" id="Content">{"".join(parts)}</div>'
        f'<div class="footer">{"".join(f"<p>{line}</p>" for line in footer_lines)}</div></body></html>'
    )
    article = extract_article(
        html, "http://english.bit.edu.cn/2026-01/16/c_1155390.htm", default_timezone="Asia/Shanghai"
    )
    assert article.title.startswith("Pioneering excellence")
    assert len(article.images) == 3
    assert article.published_at.isoformat() == "2026-01-16T00:00:00+08:00"
    assert len(article.paragraphs) == len(
        [line for line in body_lines if not line.endswith(".png")]
    )
    for pattern in BOILERPLATE:
        assert not pattern.search(article.text), pattern.pattern


def test_picture_addresses_resolve_against_the_base_element_on_the_profile_path() -> None:
    demo = next(article for article in SITE.live_articles() if article.figures)
    status, headers, body = SITE.render(demo.path)
    html = decode_html(body, headers.get("Content-Type"))[0]
    based = html.replace("<head>", '<head><base href="https://mirror.example/bit/">', 1)
    assert based != html
    direct = extract_article(html, BASE + demo.path, profile="bit")
    mirrored = extract_article(based, BASE + demo.path, profile="bit")
    relative = [image.src for image in direct.images if image.src.startswith(BASE)]
    assert relative, "the demo pages' pictures are relative addresses"
    assert all(image.src.startswith("https://mirror.example/") for image in mirrored.images)


def test_a_stand_in_is_no_picture_on_the_profile_path_either() -> None:
    """A lazy loader's stand-in in `src`: the picture in `data-src` is read, and a spacer alone
    is no picture, as on the generic path."""
    demo = next(article for article in SITE.live_articles() if article.figures)
    status, headers, body = SITE.render(demo.path)
    html = decode_html(body, headers.get("Content-Type"))[0]
    url = BASE + demo.path
    original = [image.src for image in extract_article(html, url, profile="bit").images]
    name = original[0].rsplit("/", 1)[-1]
    src = re.search(rf'<img[^>]*\ssrc="([^"]*{re.escape(name)})"', html)[1]
    lazy = html.replace(f'src="{src}"', f'src="/img/lazy_placeholder.gif" data-src="{src}"', 1)
    spacer = html.replace(f'src="{src}"', 'src="/images/spacer.gif"', 1)
    from_lazy = extract_article(lazy, url, profile="bit").images
    from_spacer = extract_article(spacer, url, profile="bit").images
    assert [image.src for image in from_lazy] == original
    assert [image.src for image in from_spacer] == original[1:]
