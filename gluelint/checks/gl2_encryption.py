"""GL2 checks on encryption-related job arguments and KMS key references (GL201-GL204).

Facts come from rules/glue/security.toml (``[arguments]``, ``[kms]``, ``[[part]]``).
"""

from __future__ import annotations

from collections.abc import Iterator

from gluelint.checks.context import RuleContext, at
from gluelint.checks.registry import Result, check
from gluelint.knowledge.security import security
from gluelint.model.arguments import Argument
from gluelint.model.branches import Branch
from gluelint.model.inventory import LinkStatus
from gluelint.model.job import EffectiveJob
from gluelint.model.outcomes import split_leaves
from gluelint.model.resources import DataCatalogEncryptionSettings, Job, Resource, SecurityConfiguration
from gluelint.model.security import encryption_modes
from gluelint.model.values import Value


@check("GL201", Job)
def legacy_encryption_argument(job: Job, ctx: RuleContext) -> Iterator[Result]:
    facts = security().arguments
    key = facts.legacy_encryption
    for hit in EffectiveJob(job).written_arguments(lambda k: k == key).hits:
        known, unknown = split_leaves(hit.entry.value)
        outcomes = [(label, leaf.as_str() or "") for label, leaf in known] + [(None, None) for _ in unknown]
        for label, value in outcomes:
            legacy = value is None or value.lower() in facts.legacy_encryption_values
            n = ctx.naming()
            shown = f"`{n.entry(key, value)}`" if value is not None else f"`{key}`"
            tail = ("it is legacy and a security configuration overrides it" if legacy else
                    "that value was never supported, and the argument is legacy")
            yield ctx.finding(hit.span(job.span), f"{job.address} sets {shown} in `{n.term(hit.field)}`: "
                                                  f"{tail}; "
                                                     "remove it and configure S3 encryption in the job's security "
                                                     "configuration", attribute=hit.attribute,
                              branch=label or hit.branch, variant=None if legacy else "never_supported")


@check("GL202", Job)
def ineffective_encryption_argument(job: Job, ctx: RuleContext) -> Iterator[Result]:
    facts = security().arguments
    hits = EffectiveJob(job).written_arguments(facts.is_ineffective).hits
    if not hits:
        return
    if job.security_configuration is None:
        for hit in hits:
            yield _ineffective(ctx, job, hit, "the job has no security configuration, so nothing encrypts its S3 "
                                              "output with KMS", None)
        return
    wanted = security().part_by_id("s3").kms_modes
    for label, link in EffectiveJob(job).security_configurations(ctx.inventory):
        if link.status is LinkStatus.UNKNOWN:
            yield ctx.undecided("security_configuration", link.value)
            continue
        target = link.target
        if link.status in (LinkStatus.UNDEFINED, LinkStatus.EXTERNAL):
            # The argument is dead either way; whether the data is encrypted depends on a configuration
            # defined elsewhere, so this is a warning, not the error of a known-unencrypted job.
            for hit in hits:
                yield _ineffective(ctx, job, hit, f"whether its S3 output is encrypted depends on security "
                                                  f"configuration \"{link.name}\", which is not in the scanned files",
                                   label, variant="configuration_elsewhere")
            continue
        if link.status is not LinkStatus.RESOLVED or not isinstance(target, SecurityConfiguration):
            continue
        modes, unknown = _modes(target, "s3")
        for pending in unknown:
            yield ctx.undecided("security_configuration", pending)
        for mode_label, mode in modes:
            if mode.upper() in wanted:
                continue
            for hit in hits:
                yield _ineffective(ctx, job, hit, f"its security configuration {target.address} encrypts S3 with "
                                                  f"{mode}", label or mode_label)


def _modes(config: SecurityConfiguration, part_id: str) -> tuple[list[tuple[Branch | None, str]], list[Value]]:
    """The effective mode of one part per branch (the default when absent), and the unknown outcomes."""
    modes, unknown = encryption_modes(config, part_id)
    return [(label, mode) for label, mode, _ in modes], unknown


def _ineffective(ctx: RuleContext, job: Job, hit: Argument, why: str, branch: Branch | None,
                 variant: str | None = None) -> Result:
    key = hit.entry.key
    written = ctx.naming().term(hit.field)
    recommended = security().part_by_id("s3").recommended
    return ctx.finding(hit.span(job.span), f"{job.address} sets `{key}` in `{written}`, which Glue does not "
                                           f"read, and {why}: the request is silently ignored; remove it and use "
                                           f"a security configuration with {recommended}", attribute=hit.attribute,
                       branch=branch or hit.branch, variant=variant)


# The forms a key given in a job argument may take (any of them: the argument names no field).
_ARGUMENT_KEY_FIELD = "sse_kms_key_id"


@check("GL203", Job)
def malformed_kms_key_argument(job: Job, ctx: RuleContext) -> Iterator[Result]:
    """A KMS key written into an encryption argument (``--kms-key-id``) that is no valid key reference."""
    facts = security()
    for hit in EffectiveJob(job).written_arguments(facts.arguments.is_ineffective).hits:
        known, _ = split_leaves(hit.entry.value)
        for label, leaf in known:
            text = (leaf.as_str() or "").strip()
            looks_like_key = text.startswith("arn:") or ":kms:" in text or text.upper() == facts.disabled
            if not looks_like_key or facts.kms.accepts(_ARGUMENT_KEY_FIELD, text):
                continue
            yield ctx.finding(at(job, leaf), f"{job.address}: `{hit.entry.key}` \"{text}\" is not a valid KMS key "
                                             "reference: use arn:<partition>:kms:<region>:<account>:key/<key-id> "
                                             "(and set it in a security configuration, where Glue reads it)",
                              attribute=hit.attribute, branch=label or hit.branch)


@check("GL203", Resource)
def malformed_kms_key_reference(resource: Resource, ctx: RuleContext) -> Iterator[Result]:
    if not isinstance(resource, (SecurityConfiguration, DataCatalogEncryptionSettings)):
        return
    facts = security()
    for field in facts.kms.fields:
        value: Value | None = getattr(resource, field, None)
        if value is None:
            continue
        forms = " or ".join(facts.kms.fields[field]).replace("key_id", "key id")
        for label, leaf in value.leaves():
            if leaf.is_unknown:
                decided = facts.kms.decide(field, leaf)
                if decided is None:
                    yield ctx.undecided(field, leaf)
                if decided is not False:
                    continue
                problem = f"{leaf.expression} can never be a KMS {forms} (its written parts rule it out)"
            else:
                text = leaf.as_str()
                if text is None or leaf.is_blank() or facts.kms.accepts(field, text.strip()):
                    continue
                problem = ("is the literal DISABLED, not a key" if text.strip().upper() == facts.disabled else
                           f"\"{text}\" is not a KMS {forms}")
            yield ctx.finding(at(resource, leaf), f"{resource.address}: `{ctx.naming().term(field)}` {problem}: use "
                                                  "arn:<partition>:kms:<region>:<account>:key/<key-id> (or alias/...)",
                              attribute=field, branch=label)


@check("GL204", Job)
def bookmarks_not_encrypted(job: Job, ctx: RuleContext) -> Iterator[Result]:
    facts = security().arguments
    scan = EffectiveJob(job).argument(facts.bookmark_option)
    enabled: list[tuple[Branch | None, Argument]] = []
    for hit in scan.hits:
        known, unknown = split_leaves(hit.entry.value)
        for leaf in unknown:
            yield ctx.undecided(hit.attribute, leaf)
        enabled += [(label or hit.branch, hit) for label, leaf in known if leaf.as_str() == facts.bookmark_enabled]
    if not enabled:
        return
    part = security().part_by_id("job_bookmarks")
    if job.security_configuration is None:
        if "GL101" in ctx.active:
            return  # GL101 already reports the job's missing security configuration
        for branch, hit in enabled:
            yield ctx.finding(hit.span(job.span), f"{job.address} enables job bookmarks but has no security "
                                                     "configuration, so the bookmark state is not encrypted: "
                                                     f"reference one with {part.label} {part.recommended}",
                              attribute="security_configuration", branch=branch)
        return
    for label, link in EffectiveJob(job).security_configurations(ctx.inventory):
        if link.status is LinkStatus.UNKNOWN:
            yield ctx.undecided("security_configuration", link.value)
            continue
        target = link.target
        if link.status is not LinkStatus.RESOLVED or not isinstance(target, SecurityConfiguration):
            continue
        modes, unknown = _modes(target, part.id)
        for pending in unknown:
            yield ctx.undecided("security_configuration", pending)
        for mode_label, mode in modes:
            if mode.upper() in part.accepted:
                continue
            for branch, hit in enabled:
                yield ctx.finding(hit.span(job.span), f"{job.address} enables job bookmarks but its security "
                                                         f"configuration {target.address} leaves {part.label} "
                                                         f"{mode}: set it to {part.recommended}",
                                  attribute="security_configuration", branch=label or mode_label or branch)
