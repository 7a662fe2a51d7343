"""Generic main-content extraction for news pages that have no site profile.

`extract_generic(html_or_tree, url)` is the entry point (`core`); the stages live in `walk`,
`score`, `select` and `fields`, and every tuning constant in `settings`.
"""

from transforms.generic.core import extract_generic, parse_html

__all__ = ["extract_generic", "parse_html"]
