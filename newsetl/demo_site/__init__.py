"""A bundled, deterministic copy of the structure of BIT's English news site."""

from newsetl.demo_site.server import DemoServer, serve_demo_site
from newsetl.demo_site.site import DemoArticle, DemoRound, DemoSite

__all__ = ["DemoArticle", "DemoRound", "DemoServer", "DemoSite", "serve_demo_site"]
