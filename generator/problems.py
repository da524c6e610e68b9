"""Problems found in the data, and how they are reported.

Checking and printing are separate: validators collect Problem objects, and
`format_report` turns them into the text that the CLI, the MkDocs hook and CI
all print.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int  # 1-based
    column: int  # 1-based
    path: str  # services[ktp-el].persyaratan[0], or "" for the file itself
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class DataError(Exception):
    """The data has problems; the build stops and writes nothing."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(format_report(self.problems))


def summary(problems: list[Problem]) -> str:
    files = len({p.file for p in problems})
    noun = "problem" if len(problems) == 1 else "problems"
    return f"{len(problems)} {noun} in {files} file{'s' if files != 1 else ''}; nothing was built."


def format_report(problems: list[Problem]) -> str:
    ordered = sorted(problems)
    return "\n".join([*(str(p) for p in ordered), summary(ordered)])
