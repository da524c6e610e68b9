"""Every use of MkDocs' internals, in one place, with the versions it was written for.

The build hands MkDocs the generated pages and data files from memory, and
`mkdocs serve --dirty` rebuilds only the generated pages whose text changed.
Both lean on MkDocs' Python API below its documented commands; each internal
used is listed in INTERNALS, and tests/test_mkdocs_internals.py fails when an
upgrade moves any of them (as tests/test_search.py does for the search tuning's
use of Material's bundle). Checked against the versions in WRITTEN_FOR.

- `InMemory`, a plugin object put into one build's config.plugins: its
  on_files adds `File.generated(config, path, content=…)` files, passes them
  through `set_exclusions` as MkDocs does for files it finds, and sorts the
  whole by `file_sort_key`, so the build is byte-identical to one of the same
  files on disk.
- `generated_files` (previews): MkDocs' dirty builds skip a page whose
  File.is_modified() is false, and Material's search keeps the index entries of
  the pages it skipped. A generated File always says it is modified, so a
  generated page whose text is the one of the previous build in this process is
  given the class `_Unchanged`; when a fact every page shows (config.extra: the
  status date) changed, hand-written pages get `_Changed`, and everything is
  rebuilt. This module stays imported while the hook is reloaded on each change.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, file_sort_key, set_exclusions

WRITTEN_FOR = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.2"}

# What this module relies on below MkDocs' commands: (object, what of it is used).
INTERNALS = {
    "mkdocs.structure.files.File.generated": "classmethod (config, src_uri, *, content=…) -> File",
    "mkdocs.structure.files.File.is_modified": "method () -> bool, read by dirty builds to skip a page",
    "mkdocs.structure.files.Files": "Files(iterable of File)",
    "mkdocs.structure.files.file_sort_key": "the key MkDocs sorts the files it finds by",
    "mkdocs.structure.files.set_exclusions": "(files, config): marks draft and excluded files",
    "mkdocs.config.load_config": "load_config(path, **overrides) -> MkDocsConfig",
    "mkdocs.commands.build.build": "build(config, dirty=False)",
    "mkdocs.plugins.BasePlugin": "an object in config.plugins[name] whose on_files is called",
}


class BuildFailed(Exception):
    """MkDocs refused the build (strict warnings, a broken link, an error of the theme)."""


class InMemory(BasePlugin):
    """Adds the generated pages and data files to an MkDocs build from memory, as mkdocs_hook.py does
    for `mkdocs serve`: nothing is written out for MkDocs to read back (6,642 pages for Jawa Barat)."""

    def __init__(self, files: dict[str, str | bytes]):
        super().__init__()
        self.files = files

    def on_files(self, files: Files, config) -> Files:
        generated = [File.generated(config, path, content=content) for path, content in self.files.items()]
        set_exclusions(generated, config)  # as MkDocs does for the files it finds in docs_dir
        return Files(sorted([*files, *generated], key=file_sort_key))  # in the order MkDocs would find them


def build(config_file: Path, docs: Path, site: Path, files: dict[str, str | bytes], extra: dict,
          overrides: dict[str, str]) -> None:
    """A strict MkDocs build of `docs` with `files` added in memory, `extra` added to config.extra."""
    config = load_config(str(config_file), docs_dir=str(docs), site_dir=str(site), strict=True,
                         hooks=[], **overrides)
    config.extra.update(extra)
    config.plugins["generator"] = InMemory(files)
    try:
        mkdocs_build(config)
    except (MkDocsException, SystemExit) as error:
        raise BuildFailed(str(error)) from error


# --- previews: `mkdocs serve --dirty` ------------------------------------------

_previous: dict[str, str] = {}
_previous_extra: list[dict] = []


class _Unchanged(File):
    """A generated page whose text is the one already built."""

    def is_modified(self) -> bool:
        return False


class _Changed(File):
    """A hand-written page that must be rebuilt although its file did not change."""

    def is_modified(self) -> bool:
        return True


def generated_files(config, pages: dict[str, str], files: Files) -> list[File]:
    """The Files of the generated `pages`; `files` (the hand-written ones) are marked changed
    when config.extra changed since the previous build."""
    same_extra = _previous_extra == [dict(config.extra)]
    if not same_extra:
        for file in files:
            file.__class__ = _Changed if file.is_documentation_page() else file.__class__
    out = []
    for path, text in pages.items():
        kind = _Unchanged if same_extra and _previous.get(path) == text else File
        out.append(kind.generated(config, path, content=text))
    _previous.clear()
    _previous.update(pages)
    _previous_extra[:] = [dict(config.extra)]
    return out
