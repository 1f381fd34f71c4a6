"""When two statements are about the same thing, and when their values cannot both hold.

Everything here is driven by the vocabulary: a property's ``kind`` decides how values compare,
its ``qualifiers`` list decides which qualifiers must agree, value ``excludes`` lists decide
which values of a ``set`` or ``direction`` property rule each other out, and ``tolerance`` /
``units`` decide when two numbers differ. No subject or value is special-cased in code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ketcheck.kb import KnowledgeBase
from ketcheck.models import Assertion, Fact, Holds, Polarity, Property, PropertyKind


@lru_cache(maxsize=4096)
def norm(text: str) -> str:
    """Case, spacing and separator-insensitive form of a qualifier or subject value."""
    return re.sub(r"[\s_]+", "-", str(text).strip().lower())


def subject(kb: KnowledgeBase, item: Assertion | Fact) -> str:
    return norm(item.subject or kb.vocabulary.subject)


def qualifiers_compatible(prop: Property, left: dict[str, str], right: dict[str, str]) -> bool:
    """Qualifiers that matter to ``prop`` agree; one left out on either side is compatible."""
    return all(
        norm(left[key]) == norm(right[key])
        for key in prop.qualifiers
        if key in left and key in right
    )


def shared_qualifiers(prop: Property, left: dict[str, str], right: dict[str, str]) -> int:
    """How many of the property's qualifiers both sides name (and agree on): specificity."""
    return sum(
        1
        for key in prop.qualifiers
        if key in left and key in right and norm(left[key]) == norm(right[key])
    )


@dataclass(frozen=True)
class Position:
    """A value as one side states it: affirmed or negated, numbers in the canonical unit."""

    value: str | float
    negated: bool = False

    @property
    def key(self) -> str:
        value = f"{self.value:g}" if isinstance(self.value, float) else str(self.value)
        return f"not {value}" if self.negated else value


def canonical_number(prop: Property, value: float, unit: str | None) -> float:
    """``value`` converted to the property's canonical unit (unknown units count as canonical)."""
    if unit and unit in prop.units:
        return float(value) * prop.units[unit]
    return float(value)


def position(prop: Property, item: Assertion | Fact) -> Position:
    """The position an assertion takes, or a fact holds (``holds: false`` is a negation)."""
    if isinstance(item, Fact):
        negated = item.holds is Holds.false
    else:
        negated = item.polarity is Polarity.negated
    if prop.kind is PropertyKind.numeric and not isinstance(item.value, str):
        return Position(canonical_number(prop, item.value, item.unit), negated)
    return Position(str(item.value), negated)


def values_exclude(prop: Property, left: str, right: str) -> bool:
    """Whether two values of ``prop`` cannot both hold."""
    if left == right:
        return False
    if prop.kind is PropertyKind.categorical:
        return True
    if prop.kind is PropertyKind.numeric:
        return False
    left_value, right_value = prop.values.get(left), prop.values.get(right)
    return bool(
        (left_value and right in left_value.excludes)
        or (right_value and left in right_value.excludes)
    )


def same_value(prop: Property, left: Position, right: Position) -> bool:
    if prop.kind is PropertyKind.numeric:
        if isinstance(left.value, str) or isinstance(right.value, str):
            return left.value == right.value
        return abs(left.value - right.value) <= (prop.tolerance or 0)
    return left.value == right.value


def positions_conflict(prop: Property, left: Position, right: Position) -> bool:
    """Whether two positions on the same thing cannot both be true.

    categorical: different values; set and direction: values that exclude each other;
    numeric: beyond the tolerance. An affirmed value conflicts with its negated twin; two
    negations never conflict.
    """
    if left.negated and right.negated:
        return False
    if left.negated or right.negated:
        return same_value(prop, left, right)
    if prop.kind is PropertyKind.numeric:
        return not same_value(prop, left, right)
    return values_exclude(prop, str(left.value), str(right.value))


def about_same_thing(kb: KnowledgeBase, left: Assertion | Fact, right: Assertion | Fact) -> bool:
    """Same property, same subject, and the qualifiers that matter to the property compatible."""
    if left.property != right.property or subject(kb, left) != subject(kb, right):
        return False
    return qualifiers_compatible(kb.prop(left.property), left.qualifiers, right.qualifiers)


def universal_share(prop: Property, pos: Position) -> bool:
    """A share of 0% or 100%: a statement about every member, hence about every subgroup."""
    return prop.unit == "%" and isinstance(pos.value, float) and pos.value in (0.0, 100.0)


def numbers_comparable(
    prop: Property,
    left: Assertion | Fact,
    right: Assertion | Fact,
    left_pos: Position,
    right_pos: Position,
) -> bool:
    """Whether two figures on the same point are about the same group, so may disagree.

    A figure for a subgroup (more or other qualifiers: a population, an arm) legitimately
    differs from one for the whole ("seven studies" against "two in alcohol use disorder").
    Figures compare when they name the same qualifiers of the property, or when one is a
    universal share (0% or 100%), which holds for every group it is compatible with ("all
    users abstained" against "50% of one arm abstained").
    """
    left_keys = {k for k in prop.qualifiers if k in left.qualifiers}
    right_keys = {k for k in prop.qualifiers if k in right.qualifiers}
    if left_keys == right_keys:
        return True
    return universal_share(prop, left_pos) or universal_share(prop, right_pos)


def value_label(prop: Property, pos: Position) -> str:
    """How a position reads in a message: the value's label, a number with its unit."""
    if isinstance(pos.value, float):
        unit = prop.unit or ""
        text = f"{pos.value:g}{unit}" if unit == "%" else f"{pos.value:g} {unit}".strip()
    else:
        value = prop.values.get(pos.value)
        text = (value.label if value and value.label else pos.value) or ""
    return f"not {text}" if pos.negated else text
