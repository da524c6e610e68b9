"""Fast previews: `mkdocs serve --dirty` rebuilds only the generated pages whose text changed.

MkDocs' dirty builds skip a page whose File says it is not modified, and
Material's search keeps the index entries of the pages it skipped. A generated
File always says it is modified, so the MkDocs hook asks `generated_files` for
Files that compare each page's text with the one of the previous build in this
process (this module stays imported while the hook is reloaded on each change).
When a fact every page shows (config.extra: the status date) changed, every
page, hand-written ones included, is rebuilt.
"""

from __future__ import annotations

from mkdocs.structure.files import File, Files

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
