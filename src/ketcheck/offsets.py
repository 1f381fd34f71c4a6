"""The one offset → (line, column) mapper, used for source texts and linted documents alike."""

from __future__ import annotations

from bisect import bisect_right


class LineIndex:
    """Maps character offsets in ``text`` to 1-based (line, column), columns in code points.

    A ``\\r\\n`` pair ends a line like ``\\n`` does, so columns stay right on Windows files.
    """

    __slots__ = ("_starts", "text")

    def __init__(self, text: str):
        self.text = text
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos >= 0:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def line_text(self, line: int) -> str:
        """The text of 1-based ``line`` without its line ending."""
        start = self._starts[line - 1]
        end = self._starts[line] - 1 if line < len(self._starts) else len(self.text)
        return self.text[start:end].rstrip("\r")

    def offset(self, line: int, column: int) -> int:
        return self._starts[line - 1] + column - 1

    @property
    def line_count(self) -> int:
        return len(self._starts)
