"""``python -m govdisclosure`` runs the command line."""

from __future__ import annotations

from govdisclosure.cli import run

run()
