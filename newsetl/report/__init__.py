"""`newsetl report`: one self-contained HTML file (inline SVG charts, no network to view it)."""
