"""generator/mkdocs_internals.py: the MkDocs internals it relies on are still there, as it was written for them.

Like tests/test_search.py for the search tuning, these tests read the installed
packages: an upgrade of MkDocs or Material that moves an internal fails here,
with the name of what moved, instead of silently changing the build.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import inspect

import pytest

from generator import mkdocs_internals


@pytest.mark.parametrize("package", sorted(mkdocs_internals.WRITTEN_FOR))
def test_the_installed_version_is_the_one_it_was_written_for(package):
    installed = importlib.metadata.version(package)
    assert installed == mkdocs_internals.WRITTEN_FOR[package], (
        f"{package} {installed} is installed, but generator/mkdocs_internals.py was checked against "
        f"{mkdocs_internals.WRITTEN_FOR[package]}: check every entry of INTERNALS, then update WRITTEN_FOR")


def resolve(dotted: str):
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            obj = getattr(obj, name)
        return obj
    raise ImportError(dotted)


@pytest.mark.parametrize("dotted", sorted(mkdocs_internals.INTERNALS))
def test_every_internal_it_uses_exists(dotted):
    assert resolve(dotted) is not None


def test_file_generated_takes_content_by_keyword():
    parameters = inspect.signature(resolve("mkdocs.structure.files.File.generated")).parameters
    assert list(parameters)[:2] == ["config", "src_uri"]
    assert parameters["content"].kind is inspect.Parameter.KEYWORD_ONLY


def test_dirty_builds_still_ask_is_modified():
    """The preview marks pages unchanged through File.is_modified: MkDocs' build must still call it."""
    source = inspect.getsource(importlib.import_module("mkdocs.commands.build"))
    assert "is_modified()" in source


def test_set_exclusions_and_sort_key_take_what_the_build_gives():
    assert list(inspect.signature(resolve("mkdocs.structure.files.set_exclusions")).parameters) == ["files", "config"]
    assert len(inspect.signature(resolve("mkdocs.structure.files.file_sort_key")).parameters) == 1


def test_no_other_module_imports_mkdocs():
    """Every other module reaches MkDocs through mkdocs_internals (the hook may raise MkDocs' PluginError)."""
    from pathlib import Path

    root = Path(mkdocs_internals.__file__).resolve().parent
    offenders = []
    for path in sorted(root.rglob("*.py")):
        if path.name in ("mkdocs_internals.py", "mkdocs_hook.py"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(("from mkdocs", "import mkdocs")):
                offenders.append(f"{path.relative_to(root)}: {line}")
    assert offenders == []
