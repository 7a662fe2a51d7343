"""Test-only HTTP servers (not shipped in the product)."""
