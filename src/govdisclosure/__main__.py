"""``python -m govdisclosure`` runs the command line."""

from __future__ import annotations

import sys

from govdisclosure.cli import main

sys.exit(main())
