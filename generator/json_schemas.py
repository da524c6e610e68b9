"""JSON Schemas of services.yaml and offices.yaml, made from the declarations in records.py.

The first line of each data file names its schema for the YAML language server
(VS Code's YAML extension and other editors), which then marks unknown and
missing fields, codes, dates and choices while staff type. The files in
schemas/ are generated: after changing records.py, run `python -m generator
schemas`; a test fails while they are out of date.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import records, schema

DIALECT = "http://json-schema.org/draft-07/schema#"  # the draft editors' YAML servers all support
REGENERATE = "python -m generator schemas"

SCHEMAS: dict[str, tuple[schema.Record, str, str]] = {
    "services.schema.json": (records.SERVICES_FILE, "services.yaml",
                             "The online channels (kanal) and every service (layanan) of the guide."),
    "offices.schema.json": (records.OFFICES_FILE, "offices.yaml",
                            "The Dinas, Suku Dinas (kota), kecamatan and kelurahan offices, their contacts, "
                            "the closures (penutupan) and the reports that counters are open (pembukaan)."),
}


def document(name: str) -> dict[str, Any]:
    spec, title, description = SCHEMAS[name]
    return {
        "$schema": DIALECT,
        "$comment": f"Generated from generator/records.py by `{REGENERATE}`; do not edit by hand.",
        "title": title,
        "description": description + " `make check` checks everything this schema cannot (phone numbers, ids, dates in order).",
        **spec.json_schema(),
    }


def render(name: str) -> str:
    return json.dumps(document(name), indent=2, ensure_ascii=False) + "\n"


def write(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        target = out_dir / name
        target.write_text(render(name), encoding="utf-8")
        written.append(target)
    return written


def outdated(out_dir: Path) -> list[str]:
    """Names of the schema files in out_dir that are missing or differ from freshly generated ones."""
    stale = []
    for name in SCHEMAS:
        target = out_dir / name
        if not target.exists() or target.read_text(encoding="utf-8") != render(name):
            stale.append(name)
    return stale
