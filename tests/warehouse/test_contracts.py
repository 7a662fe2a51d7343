"""The marts keep their contracts (warehouse/marts.toml), and views build in dependency order."""

from __future__ import annotations

from pathlib import Path

import pytest

from warehouse import Warehouse
from warehouse.schema import build_order, mart_contracts, view_dependencies, views

CONTRACTS = mart_contracts()


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory):
    with Warehouse.open(tmp_path_factory.mktemp("contracts") / "w.duckdb") as opened:
        yield opened


@pytest.mark.parametrize("mart", sorted(CONTRACTS))
def test_each_mart_has_exactly_the_columns_and_types_of_its_contract(warehouse, mart: str) -> None:
    _, described = warehouse.query(f"DESCRIBE {mart}")
    contract = [(column["name"], column["type"]) for column in CONTRACTS[mart]["columns"]]
    assert [(row[0], row[1]) for row in described] == contract


def test_every_view_that_is_not_staging_is_a_mart_with_a_described_contract() -> None:
    marts = {name for name in views() if not name.startswith("stg_")}
    assert marts == set(CONTRACTS)
    for mart, contract in CONTRACTS.items():
        assert contract["description"].strip(), mart
        assert all(column["description"].strip() for column in contract["columns"]), mart


def test_views_are_built_after_the_views_they_read() -> None:
    view_sql = views()
    position = {name: index for index, name in enumerate(build_order(view_sql))}
    dependencies = view_dependencies(view_sql)
    assert dependencies["articles"] == {"stg_article_versions"}
    for view, reads in dependencies.items():
        assert all(position[read] < position[view] for read in reads), view


def test_a_view_named_to_sort_first_still_builds_after_what_it_reads() -> None:
    order = build_order(
        {
            "a_mart": "CREATE VIEW a_mart AS SELECT * FROM z_staging",
            "z_staging": "CREATE VIEW z_staging AS SELECT 1 AS x",
        }
    )
    assert order == ["z_staging", "a_mart"]


def test_the_quality_checks_live_as_sql_files_beside_the_views() -> None:
    from warehouse.quality import checks

    folder = Path(__file__).resolve().parents[2] / "warehouse" / "checks"
    assert set(checks()) == {path.stem for path in folder.glob("*.sql")} != set()
