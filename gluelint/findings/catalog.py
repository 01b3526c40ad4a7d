"""The rule catalog (rules/catalog.toml): every rule's identity — ID, name, pack, severity, variants — and doc page.

It sits below the checks and the engine: configuration, suppressions, selection and reporters read it without
importing any check code.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field

from gluelint.findings import Severity
from gluelint.knowledge import load_data

# Rules the engine itself reports (no @check): GL000 a check that raised, GL001 a file that cannot be parsed,
# GL004 a suppression without a reason.
ENGINE_RULES: tuple[str, ...] = ("GL000", "GL001", "GL004")
# The source formats a rule's fixtures are written in (a plan's fixtures are optional extras).
SOURCE_FORMATS: tuple[str, ...] = ("terraform-hcl", "terraform-json", "cloudformation-yaml")


class RuleMeta(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    pack: str
    severity: Severity
    summary: str
    tags: list[str] = Field(default_factory=list)
    precision: str = "high"
    # SARIF security-severity (0.0-10.0), only for security rules (GL1, GL2).
    security_severity: float | None = None
    # Rules that do nothing until configured (GL111 required tags, budgets).
    needs_config: bool = False
    # Graded outcomes of the one defect (``end_of_support`` of a version lifecycle) with their own catalog
    # severity; the user's ``[tool.gluelint] severity`` for the rule overrides every variant alike.
    variants: dict[str, Severity] = Field(default_factory=dict)
    # The input formats the rule applies to (its fixtures cover each); all three source formats by default.
    formats: list[str] = Field(default_factory=lambda: list(SOURCE_FORMATS))

    def severity_of(self, variant: str | None, configured: Severity | None = None) -> Severity:
        """The severity of one finding: the user's setting for the rule, else the catalog's for the variant
        (an unknown variant is a bug in the check and raises), else the rule's."""
        if configured is not None:
            return configured
        if variant is None:
            return self.severity
        if variant not in self.variants:
            raise KeyError(f"rule {self.id} has no variant {variant!r} in rules/catalog.toml")
        return self.variants[variant]


@cache
def catalog() -> dict[str, RuleMeta]:
    rules = [RuleMeta.model_validate(r) for r in load_data("gluelint.rules", "catalog.toml")["rule"]]
    return {r.id: r for r in sorted(rules, key=lambda r: r.id)}


@cache
def by_name() -> dict[str, RuleMeta]:
    return {r.name: r for r in catalog().values()}


def lookup(key: str) -> RuleMeta | None:
    """A rule by ID (``GL301``) or name (``duplicate-argument-key``)."""
    return catalog().get(key.upper()) or by_name().get(key.lower())


def doc(rule_id: str) -> str:
    """The rule's doc page (Markdown, ruff headings)."""
    path = resources.files("gluelint.rules").joinpath(f"docs/{rule_id}.md")
    return path.read_text(encoding="utf-8") if path.is_file() else ""
