"""Every use of git: the data's history, read with the git command.

The reviewer's diff reads the data at a ref (`show`), the feed walks the
commits that changed it (`commits`, `answer`), and the notices say when it last
changed (`last_change`). Each asks in the folder that holds the data, and each
tolerates a folder that is no repository (a copied data set) or a machine
without git: nothing here raises for that, the callers fall back.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def answer(folder: Path, *args: str) -> str | None:
    """git's output in `folder`, stripped, or None when git or the repository cannot answer."""
    try:
        result = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True)
    except OSError:
        return None
    return result.stdout.strip() if result.returncode == 0 else None


class NotAtRef(Exception):
    """A file could not be read at a ref (unknown ref, file missing there, no repository): git's message."""


def show(folder: Path, ref: str, name: str) -> str:
    """The text of file `name` beside `folder`, as it is at `ref` (REF:./name, wherever `folder` is in the repository)."""
    try:
        result = subprocess.run(["git", "-C", str(folder), "show", f"{ref}:./{name}"], capture_output=True, text=True)
    except OSError as error:
        raise NotAtRef(str(error)) from None
    if result.returncode != 0:
        raise NotAtRef(result.stderr.strip())
    return result.stdout


def commits(folder: Path, names: tuple[str, ...], limit: int) -> list[tuple[str, dt.datetime]]:
    """(hash, committer date) of the last `limit` first-parent commits that changed `names`, newest first."""
    log = answer(folder, "log", "--first-parent", f"-n{limit}", "--format=%H %cI", "--", *names)
    lines = (line.split() for line in (log or "").splitlines())
    return [(sha, dt.datetime.fromisoformat(date)) for sha, date in lines]


def last_change(files: list[Path]) -> dt.date | None:
    """The day of the last commit of `files` (all in one folder), or None when git does not know it or
    any of them has uncommitted changes (then the files' own dates tell)."""
    folder = files[0].parent
    day = answer(folder, "log", "-1", "--format=%cs", "--", *map(str, files))
    if not day:
        return None
    try:
        clean = subprocess.run(["git", "-C", str(folder), "diff", "--quiet", "HEAD", "--", *map(str, files)],
                               capture_output=True).returncode == 0
    except OSError:
        return None
    return dt.date.fromisoformat(day) if clean else None
