"""How reporters show the branch a finding holds on, in the syntax of the user's own file.

Terraform (HCL, ``.tf.json``, CDK for Terraform) writes conditions as expressions, so a branch reads as one:
``when var.prod == true``, ``when !(var.prod == true)``, several conditions joined with ``&&``, alternatives with
``||``. A CloudFormation condition is a name in ``Conditions``; ``!IsProd`` is no CloudFormation syntax (``!Not``
takes a list, and ``!`` starts a YAML tag), so a branch reads in words with the name as written:
``when condition IsProd is false``. Messages never hold the branch; :func:`shown_message` adds it for display, and
JSON and SARIF carry it as :func:`branch_json` data.
"""

from __future__ import annotations

from typing import Any

from gluelint.findings import Finding
from gluelint.model.branches import Branch, Condition, When
from gluelint.model.resources import InputKind, SourceFormat

# Characters whose operators bind looser than ``&&`` / ``!`` in a Terraform expression (or/and, the conditional):
# such a condition is parenthesised when joined with others.
_LOOSE = ("||", "&&", "?")


def shown_message(f: Finding) -> str:
    """The message as people read it: with ``(when …)`` when the finding holds on some branches only."""
    text = branch_text(f.branch, f.source_format)
    return f"{f.message} ({text})" if text else f.message


def branch_text(branch: When | None, source_format: SourceFormat | None) -> str | None:
    """``when …`` in the file's own syntax; None when the finding holds in every case."""
    if branch is None:
        return None
    if source_format is not None and source_format.input_kind == InputKind.CLOUDFORMATION:
        return ", or ".join(f"when {_cloudformation(b)}" for b in branch.any_of)
    if len(branch.any_of) == 1:
        return f"when {_terraform(branch.any_of[0], alone=True)}"
    return "when " + " || ".join(_terraform(b, alone=False) for b in branch.any_of)


def branch_json(branch: When | None) -> dict[str, Any] | None:
    """The branch as data: any one of ``any_of`` holds; each holds when all of its conditions do."""
    if branch is None:
        return None
    return {"any_of": [{"all_of": [{"expression": c.expression, "holds": c.holds} for c in b.conditions]}
                       for b in branch.any_of]}


def _terraform(branch: Branch, alone: bool) -> str:
    """One branch: its conditions joined with ``&&``; parenthesised among alternatives (``||``)."""
    several = len(branch.conditions) > 1
    text = " && ".join(_terraform_condition(c, several or not alone) for c in branch.conditions)
    return f"({text})" if several and not alone else text


def _terraform_condition(condition: Condition, joined: bool) -> str:
    if not condition.holds:
        return f"!({condition.expression})"
    loose = joined and any(op in condition.expression for op in _LOOSE)
    return f"({condition.expression})" if loose else condition.expression


def _cloudformation(branch: Branch) -> str:
    return " and ".join(f"condition {c.expression} is {'true' if c.holds else 'false'}" for c in branch.conditions)
