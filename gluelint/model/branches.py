"""Branches as data: the condition a value, an argument entry or a finding holds on.

A Terraform ``cond ? a : b`` or a CloudFormation ``Fn::If`` gives two outcomes, one where the condition holds and
one where it does not: :class:`Condition` (the expression as written, and whether it holds). Nested or combined
branching values hold on several conditions at once: :class:`Branch`, a conjunction. A finding reported on several
branches holds on any of them: :class:`When`, a disjunction, simplified so that a condition and its negation (or
``A and B`` beside ``A and not B``) collapse, and none at all when the branches cover every case.

Nothing here renders text: reporters spell a branch in the syntax of the user's own file (report/branches.py).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Condition:
    """One condition as written (``var.prod == true``, the CloudFormation condition name ``IsProd``) and whether
    it holds on this branch (``False``: the ``else`` outcome)."""

    expression: str
    holds: bool = True

    def negated(self) -> Condition:
        return Condition(self.expression, not self.holds)


@dataclass(frozen=True, slots=True)
class Branch:
    """The outcome where every one of ``conditions`` holds as given (outermost first)."""

    conditions: tuple[Condition, ...]

    @classmethod
    def of(cls, *conditions: Condition) -> Branch:
        return cls(tuple(dict.fromkeys(conditions)))

    def covers(self, other: Branch) -> bool:
        """True when every case of ``other`` is a case of this branch (it asks for no condition ``other`` lacks)."""
        return set(self.conditions) <= set(other.conditions)


def join_branches(*branches: Branch | None) -> Branch | None:
    """The branch where all of ``branches`` hold (``None`` = every case, for the arguments and the result)."""
    out: dict[Condition, None] = {}
    for branch in branches:
        if branch is not None:
            out.update(dict.fromkeys(branch.conditions))
    return Branch(tuple(out)) if out else None


def possible(*branches: Branch | None) -> bool:
    """False when the branches contradict each other (one holds a condition another negates): two values that
    branch on the same condition take their outcomes together, so that combination never exists."""
    seen: dict[str, bool] = {}
    for branch in branches:
        for condition in branch.conditions if branch is not None else ():
            if seen.setdefault(condition.expression, condition.holds) != condition.holds:
                return False
    return True


@dataclass(frozen=True, slots=True)
class When:
    """The cases a finding holds in: any one of ``any_of`` (each a :class:`Branch`), in the order first found."""

    any_of: tuple[Branch, ...]


def when(branch: Branch | None) -> When | None:
    return When((branch,)) if branch is not None and branch.conditions else None


def either(branches: list[Branch]) -> When | None:
    """The disjunction of ``branches``, simplified: a branch another one covers is dropped, two branches that
    differ only in one condition's outcome become their common part (``A and B`` or ``A and not B`` = ``A``), and
    ``None`` comes back when the branches together cover every case."""
    current = list(dict.fromkeys(branches))
    changed = True
    while changed:
        changed = False
        current = _without_covered(current)
        for i, a in enumerate(current):
            pair = next(((j, rest) for j, b in enumerate(current) if j != i
                         and (rest := _complement_rest(a, b)) is not None), None)
            if pair is not None:
                j, rest = pair
                if not rest.conditions:
                    return None
                current = [rest if k == i else b for k, b in enumerate(current) if k != j]
                changed = True
                break
    return When(tuple(current)) if current else None


def _without_covered(branches: list[Branch]) -> list[Branch]:
    return [b for i, b in enumerate(branches)
            if not any(j != i and other.covers(b) for j, other in enumerate(branches))]


def _complement_rest(a: Branch, b: Branch) -> Branch | None:
    """The common part of ``a`` and ``b`` when they are the same but for one condition taken both ways."""
    only_a = [c for c in a.conditions if c not in b.conditions]
    only_b = [c for c in b.conditions if c not in a.conditions]
    if len(only_a) != 1 or len(only_b) != 1 or only_a[0].negated() != only_b[0]:
        return None
    return Branch(tuple(c for c in a.conditions if c != only_a[0]))
