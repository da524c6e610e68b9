"""Problems found in the data, and how they are reported.

Checking and printing are separate: validators collect Problem objects, and
the functions here turn them into the text that the CLI, the MkDocs hook and CI
all print. An error is bad data and stops the build; a warning (a contact not
checked for months, a closure without its reference) is printed for staff but
stops nothing, unless `validate --strict` asks it to.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int  # 1-based
    column: int  # 1-based
    path: str  # services[ktp-el].persyaratan[0], or "" for the file itself
    message: str
    level: str = ERROR  # error or warning

    @property
    def is_error(self) -> bool:
        return self.level == ERROR

    @property
    def text(self) -> str:
        """The problem without its position: "path: message"."""
        return f"{self.path}: {self.message}" if self.path else self.message

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.text}" if self.is_error else f"{where}: warning: {self.text}"

    def annotation(self, folder: str = "") -> str:
        """The problem as a GitHub Actions workflow command; `folder` leads to the file from the repo root."""
        where = ",".join(f"{name}={escape(str(value), True)}"
                         for name, value in (("file", folder + self.file), ("line", self.line), ("col", self.column)))
        return f"::{self.level} {where}::{escape(self.text)}"


def escape(text: str, property_value: bool = False) -> str:
    """As the GitHub Actions toolkit escapes workflow-command data and properties."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


class DataError(Exception):
    """The data has errors; the build stops and writes nothing."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(format_report(self.problems))


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if not p.is_error]


def count(problems: list[Problem], noun: str) -> str:
    """"2 problems in 1 file", "1 warning in 2 files"."""
    files = len({p.file for p in problems})
    return f"{len(problems)} {noun}{'' if len(problems) == 1 else 's'} in {files} file{'' if files == 1 else 's'}"


def summary(problems: list[Problem]) -> str:
    return f"{count(problems, 'problem')}; nothing was built."


def format_report(problems: list[Problem]) -> str:
    ordered = sorted(problems)
    return "\n".join([*(str(p) for p in ordered), summary(ordered)])


def format_check(problems: list[Problem], strict: bool = False) -> str:
    """What `validate` prints: the errors and their count, then the warnings and theirs.

    Errors come first because they are what must be fixed; each group is sorted
    by file, line and column. Empty when there is nothing to say.
    """
    found, cautions = errors(problems), sorted(warnings(problems))
    lines = format_report(found).splitlines() if found else []
    if cautions:
        effect = "--strict makes them fail the check" if strict else "they do not stop the build (--strict makes them fail)"
        lines += [*(str(p) for p in cautions), f"{count(cautions, 'warning')}; {effect}."]
    return "\n".join(lines)


def format_annotations(problems: list[Problem], folder: str = "") -> str:
    """One GitHub Actions annotation per problem, in the order of format_check."""
    ordered = sorted(errors(problems)) + sorted(warnings(problems))
    return "\n".join(p.annotation(folder) for p in ordered)


def fails(problems: list[Problem], strict: bool = False) -> bool:
    return any(p.is_error or strict for p in problems)


def folder_from_root(folder: Path, root: Path) -> str:
    """How annotations reach the data files from the repo root: "" or "tests/fixtures/mini/"."""
    try:
        relative = folder.resolve().relative_to(root.resolve())
    except ValueError:
        return folder.resolve().as_posix() + "/"
    return "" if relative == Path(".") else relative.as_posix() + "/"
