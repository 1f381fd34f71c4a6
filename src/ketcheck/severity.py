"""Finding severities: a module of its own so the command line can name them in its options
without importing the models (and pydantic) at start-up."""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]
