"""The generated parts of the documentation, built from the registries (a maintainer's tool).

``.venv/bin/python scripts/update_docs.py`` rewrites docs/validation.md with
:func:`validation_page`; a test checks that the committed page is current.  Only the
built-in plugins count, so an installed third-party plugin does not change the docs.
"""

from __future__ import annotations

from pathlib import Path

from govdisclosure.plugins import get_plugin_manager
from govdisclosure.serialization import load
from govdisclosure.validation import validate
from govdisclosure.validation.docs import update

__all__ = ["SEED", "validation_page"]

SEED = Path(__file__).resolve().parents[2] / "examples" / "harbin-qts-2011.yaml"
"""The bundled 2011 report whose findings docs/validation.md explains."""


def validation_page(text: str) -> str:
    """docs/validation.md (``text``) with its rule table and the seed's findings brought up to date."""
    plugins = get_plugin_manager(entry_points=False)
    return update(text, plugins.rules.rules(), validate(load(SEED), plugins=plugins))
