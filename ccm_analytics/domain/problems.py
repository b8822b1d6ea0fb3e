"""Problems found when validating input, each with its place (file row and column) and a message."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    row: int | None  # row number in the file as a spreadsheet shows it (header = 1), None for the whole file
    column: str | None
    message: str

    def __str__(self) -> str:
        where = ", ".join(x for x in (f"row {self.row}" if self.row else None,
                                      f"column {self.column!r}" if self.column else None) if x)
        return f"{where}: {self.message}" if where else self.message
