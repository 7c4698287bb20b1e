"""Small composable predicates over an answers dict.

They decide which questions are asked ("asked when" in the spec) and name the spec's definitions (opioids used,
pregnant, environment risk, ...) once, so the questionnaire, the rules and the self-check share one meaning.
Every condition is a frozen dataclass with a pure ``__call__(answers) -> bool`` and ``references()``, the question
ids it reads (used to check that conditions only look at earlier questions).

Conditions are type-strict on purpose: ``True`` never equals ``1`` and a string is never treated as a list, so a
malformed answer can't make a question appear or a rule fire.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

Answers = Mapping[str, Any]


def _same(value: Any, expected: Any) -> bool:
    """Equality that keeps JSON booleans and numbers apart (``True == 1`` in Python)."""
    return isinstance(value, bool) == isinstance(expected, bool) and value == expected


def _as_list(value: Any) -> list | None:
    return value if isinstance(value, list) else None


class Condition:
    """Base class: composable with ``&``, ``|`` and ``~``."""

    def __call__(self, answers: Answers) -> bool:  # pragma: no cover - abstract
        raise NotImplementedError

    def references(self) -> frozenset[str]:  # pragma: no cover - abstract
        raise NotImplementedError

    def __and__(self, other: Condition) -> Condition:
        return AllOf(self, other)

    def __or__(self, other: Condition) -> Condition:
        return AnyOf(self, other)

    def __invert__(self) -> Condition:
        return Not(self)


@dataclass(frozen=True)
class Always(Condition):
    """Holds for any answers."""

    def __call__(self, answers: Answers) -> bool:
        return True

    def references(self) -> frozenset[str]:
        return frozenset()


@dataclass(frozen=True)
class Equals(Condition):
    """The answer to ``key`` is exactly ``value`` (``Equals("cssrs_2", True)`` for a yes)."""

    key: str
    value: Any

    def __call__(self, answers: Answers) -> bool:
        return self.key in answers and _same(answers[self.key], self.value)

    def references(self) -> frozenset[str]:
        return frozenset({self.key})


@dataclass(frozen=True)
class OneOf(Condition):
    """The single-choice answer to ``key`` is one of ``values``."""

    key: str
    values: tuple[Any, ...]

    def __call__(self, answers: Answers) -> bool:
        return self.key in answers and any(_same(answers[self.key], value) for value in self.values)

    def references(self) -> frozenset[str]:
        return frozenset({self.key})


@dataclass(frozen=True)
class Contains(Condition):
    """The multiple-choice answer to ``key`` includes ``value``."""

    key: str
    value: str

    def __call__(self, answers: Answers) -> bool:
        chosen = _as_list(answers.get(self.key))
        return chosen is not None and self.value in chosen

    def references(self) -> frozenset[str]:
        return frozenset({self.key})


@dataclass(frozen=True)
class ContainsAny(Condition):
    """The multiple-choice answer to ``key`` includes at least one of ``values``."""

    key: str
    values: tuple[str, ...]

    def __call__(self, answers: Answers) -> bool:
        chosen = _as_list(answers.get(self.key))
        return chosen is not None and any(value in chosen for value in self.values)

    def references(self) -> frozenset[str]:
        return frozenset({self.key})


@dataclass(frozen=True)
class ContainsOtherThan(Condition):
    """The multiple-choice answer to ``key`` holds something besides ``value`` (typically ``"none"``)."""

    key: str
    value: str = "none"

    def __call__(self, answers: Answers) -> bool:
        chosen = _as_list(answers.get(self.key))
        return chosen is not None and any(item != self.value for item in chosen)

    def references(self) -> frozenset[str]:
        return frozenset({self.key})


@dataclass(frozen=True)
class LessThan(Condition):
    """The integer answer to ``key`` is below ``limit`` (a missing answer never is)."""

    key: str
    limit: int

    def __call__(self, answers: Answers) -> bool:
        value = answers.get(self.key)
        return isinstance(value, int) and not isinstance(value, bool) and value < self.limit

    def references(self) -> frozenset[str]:
        return frozenset({self.key})


@dataclass(frozen=True)
class Not(Condition):
    """Negates ``condition``."""

    condition: Condition

    def __call__(self, answers: Answers) -> bool:
        return not self.condition(answers)

    def references(self) -> frozenset[str]:
        return self.condition.references()


@dataclass(frozen=True, init=False)
class AllOf(Condition):
    """Every one of ``conditions`` holds."""

    conditions: tuple[Condition, ...]

    def __init__(self, *conditions: Condition):
        object.__setattr__(self, "conditions", conditions)

    def __call__(self, answers: Answers) -> bool:
        return all(condition(answers) for condition in self.conditions)

    def references(self) -> frozenset[str]:
        return frozenset().union(*(condition.references() for condition in self.conditions))


@dataclass(frozen=True, init=False)
class AnyOf(Condition):
    """At least one of ``conditions`` holds."""

    conditions: tuple[Condition, ...]

    def __init__(self, *conditions: Condition):
        object.__setattr__(self, "conditions", conditions)

    def __call__(self, answers: Answers) -> bool:
        return any(condition(answers) for condition in self.conditions)

    def references(self) -> frozenset[str]:
        return frozenset().union(*(condition.references() for condition in self.conditions))


@dataclass(frozen=True)
class OpioidsUsed(ContainsOtherThan):
    """Spec: "opioids used" means ``opioids_used`` holds anything but ``none``."""

    key: str = "opioids_used"
    value: str = "none"


ALWAYS = Always()

# The spec's named definitions (intake-spec.md §3 "Definitions"), shared by the questionnaire, the rules and the
# self-check. Definitions that depend on a score or a configurable threshold live in intake/engine/context.py.
EMERGENCY_NOW = Equals("danger_now", True)
NOT_EMERGENCY = Not(EMERGENCY_NOW)
OPIOIDS_USED = OpioidsUsed()
CURRENT_MOUD = OneOf("current_moud", ("methadone", "buprenorphine", "naltrexone"))
PREGNANT = OneOf("pregnant", ("yes", "not_sure"))
OPIOID_FREE_8_DAYS = OneOf("last_use", ("8_to_14_days", "over_14_days"))
USED_IN_LAST_3_DAYS = OneOf("last_use", ("today", "1_to_3_days"))
ENVIRONMENT_RISK = AnyOf(Not(Equals("housing", "stable")), Equals("others_use_at_home", True))
SEDATIVE_CO_USE = Equals("sedatives_daily", True)
