"""Rewrite the generated parts of docs/validation.md (the rule table, the seed's findings).

.venv/bin/python scripts/update_docs.py [docs/validation.md]
"""

from __future__ import annotations

import sys
from pathlib import Path

from govdisclosure.docgen import validation_page

if __name__ == "__main__":
    page = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "docs" / "validation.md")
    page.write_text(validation_page(page.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"updated {page}")
