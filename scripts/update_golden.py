#!/usr/bin/env python3
"""Rewrite the golden Markdown of tests/golden/ from the current templates (`make golden`).

tests/test_pages.py only compares the generated pages with these files; this command is the one
way to change them. Run it after an intended change to a template, then review `git diff tests/golden`
and commit the files with the change that explains them.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from conftest import MINI  # noqa: E402
from generator.model import load_guide  # noqa: E402
from generator.pages import render_pages  # noqa: E402
from test_pages import DAY, GOLDEN, GOLDEN_PAGES  # noqa: E402


def main() -> int:
    pages = render_pages(load_guide(MINI), DAY)
    for page, golden in GOLDEN_PAGES:
        path = GOLDEN / golden
        old = path.read_text(encoding="utf-8") if path.exists() else None
        path.write_text(pages[page], encoding="utf-8")
        state = "unchanged" if old == pages[page] else ("written" if old is None else "rewritten")
        print(f"{path.relative_to(REPO)}: {state} ({page} as of {DAY.isoformat()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
