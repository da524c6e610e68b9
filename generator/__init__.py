"""Panduan Layanan Kependudukan DKI Jakarta: the guide, generated from YAML.

The pipeline, one module a step:

    load.py      YAML text -> nodes with line and column (safe, no tags run)
    validate.py  nodes -> plain values + every problem (checking.py, kinds.py, declarations.py, phones.py)
    model.py     plain values -> typed records (Service, Office, Closure...)
    pages.py     records -> Markdown pages (templates/, one per page type)
    notices.py   records -> A4 notices (HTML) and batch PDFs for patrols
    build.py     pages -> MkDocs or Zensical site, swapped in only when the build succeeds

Beside it: problems.py (how problems print), closures.py (status on a date),
dates.py, urls.py, json_schemas.py (editor schemas from kinds.py and declarations.py), diff.py
and stale.py (reports for reviewers and staff), cli.py, mkdocs_hook.py and
preview.py (what `mkdocs serve --dirty` may skip).
"""
