"""Panduan Layanan Kependudukan DKI Jakarta: the guide, generated from YAML.

The pipeline, one module a step:

    load.py      YAML text -> nodes with line and column (safe, no tags run)
    validate.py  nodes -> plain values + every problem (schema.py, phones.py)
    model.py     plain values -> typed records (Service, Office, Closure...)
    pages.py     records -> Markdown pages (templates/, one per page type)
    build.py     pages -> MkDocs site, swapped in only when the build succeeds
"""
