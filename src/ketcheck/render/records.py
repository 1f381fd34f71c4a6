"""Records as JSON Lines or CSV, and ClaimReview items as one JSON-LD array.

Records come from :mod:`ketcheck.export` with their columns fixed; these functions only
write them. CSV leaves a missing value empty and joins list columns with ``;``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from ketcheck.export import LIST_COLUMNS, LIST_SEPARATOR


def jsonl(records: Iterable[dict[str, Any]]) -> str:
    """One JSON object per line."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def csv_text(records: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    """A header row of ``columns`` then one row per record (RFC 4180 quoting, ``\\n`` lines)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([_cell(key, record[key]) for key in columns])
    return out.getvalue()


def _cell(key: str, value: Any) -> Any:
    if value is None:
        return ""
    if key in LIST_COLUMNS:
        return LIST_SEPARATOR.join(value)
    return value


def json_ld(items: list[dict[str, Any]]) -> str:
    """ClaimReview items as an indented JSON array (each item carries its own ``@context``)."""
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"
