"""The contracts of DESIGN.md, written down once for the tests (not imported from the code,
so that a change to the code cannot quietly change what the tests expect)."""

FINDING_FIELDS = frozenset(
    {
        "rule",
        "name",
        "severity",
        "message",
        "property",
        "claims",
        "sources",
        "path",
        "line",
        "column",
        "quote",
        "reference",
    }
)
