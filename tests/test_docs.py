"""The docs site: its generated pages match their sources (warehouse/marts.toml, the settings
object), every setting is described, and the README stays one screen of links."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from dataclasses import fields
from pathlib import Path
from types import ModuleType

import pytest

from settings import Settings, Source

ROOT = Path(__file__).resolve().parents[1]
README_MAX_LINES = 150


def reference() -> ModuleType:
    path = ROOT / "docs" / "hooks" / "reference.py"
    spec = importlib.util.spec_from_file_location("docs_reference", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_generated_pages_match_their_sources() -> None:
    stale = reference().stale_pages()
    assert not stale, (
        f"docs pages out of date: {stale}; run `uv run python docs/hooks/reference.py` "
        "and commit them"
    )


def test_every_mart_and_column_is_on_the_marts_page() -> None:
    page = (ROOT / "docs" / "reference" / "marts.md").read_text(encoding="utf-8")
    marts = tomllib.loads((ROOT / "warehouse" / "marts.toml").read_text(encoding="utf-8"))
    for name, mart in marts.items():
        section = page.split(f"## `{name}`", 1)[1].split("\n## ", 1)[0]
        for column in mart["columns"]:
            assert f"| `{column['name']}` | `{column['type']}` |" in section, (name, column)


def test_a_changed_contract_makes_the_page_stale(tmp_path: Path) -> None:
    module = reference()
    changed = tmp_path / "marts.toml"
    text = (ROOT / "warehouse" / "marts.toml").read_text(encoding="utf-8")
    changed.write_text(text.replace('name = "word_count"', 'name = "words_in_body"', 1))
    assert module.marts_page(changed) != module.marts_page()
    assert "words_in_body" in module.marts_page(changed)


@pytest.mark.parametrize("cls", [Settings, Source])
def test_every_setting_is_on_the_configuration_page_with_a_meaning(cls: type) -> None:
    page = (ROOT / "docs" / "reference" / "configuration.md").read_text(encoding="utf-8")
    for setting in fields(cls):
        if setting.name in ("sources", "name"):
            continue
        row = re.search(rf"^\| `{setting.name}`.*$", page, re.MULTILINE)
        assert row is not None, setting.name
        meaning = row[0].rstrip(" |").rsplit("|", 1)[1].strip()
        assert meaning, f"{cls.__name__}.{setting.name} has no meaning: add one to MEANINGS"
        if cls is Settings:
            assert f"`NEWSETL_{setting.name.upper()}`" in row[0]


def test_the_readme_is_one_screen_of_links_that_resolve() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= README_MAX_LINES
    assert "uv run newsetl demo" in readme and "uv run pytest" in readme
    for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", readme):
        if "://" not in target:
            assert (ROOT / target).exists(), target


def test_the_docs_site_builds_every_page_in_its_nav() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = set(re.findall(r":\s+([\w/-]+\.md)\s*$", nav, re.MULTILINE))
    present = {str(path.relative_to(ROOT / "docs")) for path in (ROOT / "docs").rglob("*.md")}
    assert listed == present
