"""Load decisions of the warehouse, on synthetic pages: identity, versions, batch atomicity."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsetl.demo_site import DemoSite
from records.article import Article, Block
from records.fetch import FetchResult
from transforms.extract import extract_article
from warehouse import LoadBatch, PageResult, Warehouse, article_id_for, load_batch, start_run

NOW = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def page(url: str, body: str, canonical_url: str | None = None) -> PageResult:
    fetch = FetchResult(
        url=url, purpose="article", outcome="fetched", fetched_at=NOW, status_code=200, body=b"x"
    )
    article = Article(
        url=url, canonical_url=canonical_url or url, title="A title", body=(Block(body),)
    )
    return PageResult(fetch, article)


def load(warehouse: Warehouse, *pages: PageResult, at: datetime = NOW, source: str = "campus"):
    run_id = start_run(warehouse, source, started_at=at)
    return load_batch(warehouse, run_id, source, LoadBatch(pages=list(pages)), now=at)


def test_http_https_and_www_spellings_are_one_article(tmp_path: Path) -> None:
    spellings = [
        "http://news.example.edu/2026/11/story.htm",
        "https://news.example.edu/2026/11/story.htm",
        "https://www.news.example.edu:443/2026/11/story.htm?utm_source=feed#comments",
    ]
    assert len({article_id_for(page(url, "x").article, "campus") for url in spellings}) == 1
    other = page("http://news.example.edu/2026/11/other.htm", "x").article
    first = page(spellings[0], "x").article
    assert article_id_for(first, "campus") != article_id_for(other, "campus")
    with Warehouse.open(tmp_path / "w.duckdb") as warehouse:
        counts = load(warehouse, *(page(url, "Same body text.") for url in spellings))
        assert counts.new_articles == 1 and counts.unchanged == 2
        _, rows = warehouse.query("SELECT count(*) FROM raw_article_versions")
        assert rows == [(1,)]


def test_versions_only_on_content_change_and_history_is_kept(tmp_path: Path) -> None:
    url = "https://news.example.edu/a.htm"
    with Warehouse.open(tmp_path / "w.duckdb") as warehouse:
        bodies = [
            "First text of the story.",
            "First text of the story.",
            "Edited text of the story.",
        ]
        for day, body in enumerate(bodies):
            load(warehouse, page(url, body), at=NOW + timedelta(days=day))
        _, rows = warehouse.query(
            "SELECT version, change_kind, valid_from, valid_to, is_current FROM article_history ORDER BY version"
        )
    assert [(row[0], row[1], row[4]) for row in rows] == [(1, "first", False), (2, "content", True)]
    assert rows[0][3] == rows[1][2] == NOW + timedelta(days=2)


def test_a_failing_batch_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from warehouse import load as store

    with Warehouse.open(tmp_path / "w.duckdb") as warehouse:
        original = store._BatchWriter.write

        def write_then_fail(self):
            original(self)
            raise RuntimeError("disk full")

        monkeypatch.setattr(store._BatchWriter, "write", write_then_fail)
        with pytest.raises(RuntimeError, match="disk full"):
            load(warehouse, page("https://news.example.edu/a.htm", "Text."))
        for table in ("raw_article_versions", "raw_responses", "loads", "frontier"):
            assert warehouse.query(f"SELECT count(*) FROM {table}")[1] == [(0,)], table


def test_one_china_daily_article_on_two_hosts_is_one_article(tmp_path: Path) -> None:
    """BIT's articles are also served by the platform's regional host under the same c_<id>."""
    site = DemoSite(3)
    demo = site.live_articles()[0]
    html = site.render(demo.path)[2].decode()
    urls = [
        "https://english.bit.edu.cn" + demo.path,
        "https://regional.chinadaily.com.cn/enbit" + demo.path,
    ]
    pages = []
    for url in urls:
        article = extract_article(html, url, default_timezone="Asia/Shanghai")
        assert article.article_key == "chinadaily:c_" + str(demo.article_id)
        fetch = FetchResult(
            url=url, purpose="article", outcome="fetched", fetched_at=NOW, body=b"x"
        )
        pages.append(PageResult(fetch, article))
    with Warehouse.open(tmp_path / "w.duckdb") as warehouse:
        counts = load(warehouse, *pages)
        assert counts.new_articles == 1 and counts.unchanged == 1
        _, rows = warehouse.query(
            "SELECT article_key, count(*) FROM raw_article_versions GROUP BY 1"
        )
    assert rows == [("chinadaily:c_" + str(demo.article_id), 1)]


def test_two_sources_naming_one_canonical_url_keep_an_article_each(tmp_path: Path) -> None:
    """A syndicated story (or a canonical link pointing at the original) is one article per
    source: never a new version of another source's article, flipping back and forth."""
    original = "https://news.example.edu/2026/11/story.htm"
    with Warehouse.open(tmp_path / "w.duckdb") as warehouse:
        for day in range(2):
            at = NOW + timedelta(days=day)
            ours = load(warehouse, page(original, "Our text of the story."), at=at)
            theirs = load(
                warehouse,
                page("https://partner.example.org/s/1.htm", "Their text.", canonical_url=original),
                at=at,
                source="partner",
            )
            assert (ours.new_articles, theirs.new_articles) == ((1, 1) if day == 0 else (0, 0))
            assert ours.new_versions == theirs.new_versions == 0
        _, rows = warehouse.query(
            "SELECT source, count(*), max(version) FROM raw_article_versions GROUP BY 1 ORDER BY 1"
        )
    assert rows == [("campus", 1, 1), ("partner", 1, 1)]


def test_an_article_stored_before_ids_were_scoped_is_still_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from warehouse import load as store
    from warehouse.versions import unscoped_article_id_for

    first_url = "https://news.example.edu/2026/11/story.htm"
    with Warehouse.open(tmp_path / "w.duckdb") as warehouse:
        with monkeypatch.context() as old_code:  # a warehouse written by the unscoped ids
            old_code.setattr(
                store, "article_id_for", lambda article, source: unscoped_article_id_for(article)
            )
            load(warehouse, page(first_url, "The text."))
        # the same article at a new URL (its canonical names the first): the stored one
        moved = page("https://news.example.edu/archive/story.htm", "The text.", first_url)
        counts = load(warehouse, moved, at=NOW + timedelta(days=1))
        assert counts.unchanged == 1 and counts.new_articles == 0
        # another source naming the same canonical URL still gets an article of its own
        elsewhere = page("https://partner.example.org/s/1.htm", "The text.", first_url)
        assert load(warehouse, elsewhere, source="partner").new_articles == 1
        _, rows = warehouse.query("SELECT count(DISTINCT article_id) FROM raw_article_versions")
    assert rows == [(2,)]


def test_published_on_is_the_day_the_pages_readers_saw(tmp_path: Path) -> None:
    """A story of 22:28 -05:00 on 8 November is 8 November's, though its instant is 9 November
    in UTC; a UTC stamp (a server's clock) is placed in the source's zone."""
    from datetime import timezone

    def dated(path: str, published_at: datetime) -> PageResult:
        result = page(f"https://news.example.edu/{path}.htm", f"Text of {path}.")
        article = result.article
        assert article is not None
        dated_article = Article(**{**vars(article), "published_at": published_at})
        return PageResult(result.fetch, dated_article)

    evening_in_new_york = datetime(2026, 11, 8, 22, 28, tzinfo=timezone(timedelta(hours=-5)))
    morning_in_tokyo = datetime(2026, 11, 9, 7, 0, tzinfo=timezone(timedelta(hours=9)))
    utc_stamp = datetime(2026, 11, 8, 20, 0, tzinfo=UTC)
    with Warehouse.open(tmp_path / "w.duckdb") as warehouse:
        for source, zone in (("campus", "UTC"), ("shanghai", "Asia/Shanghai")):
            run_id = start_run(warehouse, source, started_at=NOW)
            batch = LoadBatch(
                pages=[
                    dated(f"{source}-ny", evening_in_new_york),
                    dated(f"{source}-tokyo", morning_in_tokyo),
                    dated(f"{source}-utc", utc_stamp),
                ],
                timezone=zone,
            )
            load_batch(warehouse, run_id, source, batch, now=NOW)
        _, rows = warehouse.query(
            "SELECT url, published_on, published_at FROM articles ORDER BY url"
        )
    days = {url.rsplit("/", 1)[1]: (str(day), at) for url, day, at in rows}
    assert days["campus-ny.htm"][0] == days["shanghai-ny.htm"][0] == "2026-11-08"
    assert days["campus-tokyo.htm"][0] == days["shanghai-tokyo.htm"][0] == "2026-11-09"
    assert days["campus-utc.htm"][0] == "2026-11-08"
    assert days["shanghai-utc.htm"][0] == "2026-11-09"  # 04:00 the next day in Shanghai
    assert days["campus-ny.htm"][1] == evening_in_new_york  # the instant itself is kept
