"""Records shared by every stage: the bottom layer. Plain data and pure URL identity; it imports
nothing else of ours (enforced by import-linter, see pyproject.toml)."""
