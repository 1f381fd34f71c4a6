"""English language analysis for extraction: the trained parser and clause reading.

spaCy is imported only when a sentence is first parsed, so commands that read no free text
(``search``, ``list``, ``--help``) never pay for it.
"""

from ketcheck.language.clauses import ClauseCues, Reading, read_value
from ketcheck.language.parser import MODEL_DIR, parse_sentences

__all__ = ["MODEL_DIR", "ClauseCues", "Reading", "parse_sentences", "read_value"]
