"""GL1 security checks on security configurations and Data Catalog settings (GL101-GL107).

Facts (modes, defaults, key forms) come from rules/glue/security.toml via gluelint.knowledge.security.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from gluelint.checks.context import RuleContext, at
from gluelint.checks.registry import Result, check
from gluelint.knowledge.security import EncryptionPart, security
from gluelint.model.branches import Branch, possible
from gluelint.model.inventory import LinkStatus
from gluelint.model.job import EffectiveJob
from gluelint.model.outcomes import split_leaves
from gluelint.model.resources import (
    Crawler,
    DataCatalogEncryptionSettings,
    DevEndpoint,
    Job,
    Resource,
    SecurityConfiguration,
)
from gluelint.model.security import encryption_modes, security_links
from gluelint.model.values import Value

_CONFIGURABLE = (Job, Crawler, DevEndpoint)


@dataclass
class WeakPart:
    part: EncryptionPart
    mode: str
    leaf: Value | None  # the mode as written; None when absent
    branch: Branch | None


def weak_parts(config: SecurityConfiguration) -> tuple[list[WeakPart], list[tuple[str, Value]]]:
    """The parts ``config`` leaves weak (GL102), and the (attribute, value) modes unknown until apply."""
    weak: list[WeakPart] = []
    unknown: list[tuple[str, Value]] = []
    for part in security().part:
        modes, pending = encryption_modes(config, part.id)
        unknown.extend((part.mode_field, v) for v in pending)
        weak.extend(WeakPart(part, mode, leaf, label) for label, mode, leaf in modes
                    if mode.upper() not in part.accepted)
    return weak, unknown


def describe_weak(weak: list[WeakPart]) -> str:
    return ", ".join(f"{w.part.label} {w.mode} (use {w.part.recommended})" for w in weak)


@check("GL101", Resource)
def missing_security_configuration(resource: Resource, ctx: RuleContext) -> Iterator[Result]:
    if not isinstance(resource, _CONFIGURABLE):
        return
    value = resource.security_configuration
    written = ctx.naming().term("security_configuration")
    protects = security().protects.get(resource.kind, "what it writes")
    advice = (f"{resource.address} sets no `{written}`, so {protects} are not encrypted by Glue: create a "
              f"security configuration with KMS encryption and reference it in `{written}`")
    if value is None:
        yield ctx.finding(None, advice, attribute="security_configuration")
        return
    known, unknown = split_leaves(value)
    for leaf in unknown:
        if leaf.is_set is None:  # a reference or an imported export names a configuration for sure
            yield ctx.undecided("security_configuration", leaf)
    for label, leaf in known:
        if leaf.is_blank():
            yield ctx.finding(at(resource, leaf), advice.replace("sets no", "sets an empty"),
                              attribute="security_configuration", branch=label)


@check("GL102", SecurityConfiguration)
def weak_security_configuration(config: SecurityConfiguration, ctx: RuleContext) -> Iterator[Result]:
    if not config.has_encryption_configuration:
        return  # GL002 reports the missing encryption configuration
    weak, unknown = weak_parts(config)
    yield from ctx.undecided_all(unknown)
    for w in weak:
        state = "is absent (defaults to DISABLED)" if w.leaf is None else f"is {w.mode}"
        n = ctx.naming()
        yield ctx.finding(at(config, w.leaf), f"security configuration {config.address}: {w.part.label} {state}: set "
                                  f"`{n.term(w.part.mode_field)}` to \"{w.part.recommended}\" with a KMS key in "
                                  f"`{n.term(w.part.key_field)}`",
                          attribute=w.part.mode_field, branch=w.branch)


@check("GL103", Job)
def job_uses_weak_security_configuration(job: Job, ctx: RuleContext) -> Iterator[Result]:
    for label, link in EffectiveJob(job).security_configurations(ctx.inventory):
        if link.status is LinkStatus.UNKNOWN:
            yield ctx.undecided("security_configuration", link.value)
            continue
        target = link.target
        if link.status is not LinkStatus.RESOLVED or not isinstance(target, SecurityConfiguration):
            continue
        if not target.has_encryption_configuration:
            continue
        weak, unknown = weak_parts(target)
        yield from ctx.undecided_all([("security_configuration", v) for _, v in unknown])
        if weak:
            span = at(job, link.value)
            yield ctx.finding(span, f"{job.address} uses security configuration {target.address}, which leaves "
                                    f"{describe_weak(weak)}: strengthen that configuration or reference a "
                                    "stronger one", attribute="security_configuration", branch=label)


@check("GL104", Resource)
def undefined_security_configuration(resource: Resource, ctx: RuleContext) -> Iterator[Result]:
    if isinstance(resource, Job):
        links = list(EffectiveJob(resource).security_configurations(ctx.inventory))
    elif isinstance(resource, (Crawler, DevEndpoint)):
        links = list(security_links(ctx.inventory, resource, resource.security_configuration))
    else:
        return
    for label, link in links:
        if link.status is LinkStatus.UNKNOWN:
            yield ctx.undecided("security_configuration", link.value)
        elif link.status is LinkStatus.UNDEFINED and link.name:
            span = at(resource, link.value)
            written = ctx.naming().term("security_configuration")
            yield ctx.finding(span, f"{resource.address} references security configuration \"{link.name}\", which "
                                    f"no scanned file defines: define it, fix `{written}`, or list it in the "
                                    "external_security_configurations config", attribute="security_configuration",
                              branch=label)


@check("GL105", Resource)
def kms_mode_without_key(resource: Resource, ctx: RuleContext) -> Iterator[Result]:
    if isinstance(resource, SecurityConfiguration):
        for part in security().part:
            yield from _mode_needs_key(resource, ctx, getattr(resource, part.mode_field), part.kms_modes,
                                       getattr(resource, part.key_field), part.key_field, part.label)
    elif isinstance(resource, DataCatalogEncryptionSettings):
        # An absent at-rest key is GL106; here only a key written as "" (the API pattern allows it).
        key = resource.sse_kms_key_id
        if key is not None:
            yield from _mode_needs_key(resource, ctx, resource.encryption_at_rest_mode,
                                       security().catalog.kms_modes, key, "sse_kms_key_id",
                                       "Data Catalog encryption at rest")


def _mode_needs_key(resource: Resource, ctx: RuleContext, mode: Value | None, kms_modes: list[str],
                    key: Value | None, key_field: str, label: str) -> Iterator[Result]:
    if mode is None:
        return
    known, unknown = split_leaves(mode)
    for leaf in unknown:
        yield ctx.undecided(label, leaf)
    for branch, leaf in known:
        name = (leaf.as_str() or "").upper()
        if name not in kms_modes:
            continue
        if key is None:
            yield ctx.finding(at(resource, leaf), f"{resource.address}: {label} is {name} but no KMS key is given: set "
                                         f"`{ctx.naming().term(key_field)}` to the key's ARN", attribute=key_field,
                              branch=branch)
            continue
        key_known, _ = split_leaves(key)
        for key_branch, k in key.leaves():
            # a declared key's ARN, a template with literal text: set for sure
            if k.is_unknown and k.is_set is None and possible(branch, key_branch):
                yield ctx.undecided(key_field, k)
        for key_branch, k in key_known:
            if k.is_blank() and possible(branch, key_branch):
                message = (f"{resource.address}: {label} is {name} but `{ctx.naming().term(key_field)}` is empty: "
                           "set it to the key's ARN")
                yield ctx.finding(at(resource, k) or at(resource, leaf), message, attribute=key_field,
                                  branch=key_branch or branch)


@check("GL106", DataCatalogEncryptionSettings)
def data_catalog_not_encrypted(settings: DataCatalogEncryptionSettings, ctx: RuleContext) -> Iterator[Result]:
    facts = security().catalog
    mode = settings.encryption_at_rest_mode
    if mode is None:
        n = ctx.naming()
        yield ctx.finding(None, f"{settings.address} does not encrypt the Data Catalog at rest: set "
                                f"`{n.term('encryption_at_rest_mode')}` to \"{facts.recommended}\" with a KMS key "
                                f"in `{n.term('sse_kms_key_id')}`",
                          attribute="encryption_at_rest_mode")
        return
    known, unknown = split_leaves(mode)
    for leaf in unknown:
        yield ctx.undecided("encryption_at_rest_mode", leaf)
    for label, leaf in known:
        name = (leaf.as_str() or "").upper()
        if name not in facts.kms_modes:
            yield ctx.finding(at(settings, leaf), f"{settings.address}: Data Catalog encryption at rest is "
                                         f"{leaf.as_str()}: set `{ctx.naming().term('encryption_at_rest_mode')}` to "
                                         f"\"{facts.recommended}\" with a KMS key",
                              attribute="encryption_at_rest_mode", branch=label)
        # SSE-KMS without a key id is encrypted with the AWS managed key aws/glue: GL114's advice, not a defect.


@check("GL107", DataCatalogEncryptionSettings)
def connection_password_not_encrypted(settings: DataCatalogEncryptionSettings,
                                      ctx: RuleContext) -> Iterator[Result]:
    flag = settings.return_connection_password_encrypted
    n = ctx.naming()
    advice = (f"set `{n.term('return_connection_password_encrypted')}` to true with a KMS key in "
              f"`{n.term('connection_password_kms_key_id')}`")
    if flag is None:
        yield ctx.finding(None, f"{settings.address} does not encrypt connection passwords: {advice}",
                          attribute="return_connection_password_encrypted")
        return
    known, unknown = split_leaves(flag)
    for leaf in unknown:
        yield ctx.undecided("return_connection_password_encrypted", leaf)
    for label, leaf in known:
        if (leaf.as_str() or "").lower() != "true":
            message = f"{settings.address} returns connection passwords unencrypted: {advice}"
            yield ctx.finding(at(settings, leaf), message, attribute="return_connection_password_encrypted",
                              branch=label)
        # Encrypted without a key id: Glue uses the AWS managed key alias/aws/glue (the key id is optional), so
        # the passwords are encrypted; GL114 advises a customer-managed key (issue 11 item 9).


@check("GL114", DataCatalogEncryptionSettings)
def catalog_aws_managed_key(settings: DataCatalogEncryptionSettings, ctx: RuleContext) -> Iterator[Result]:
    """Encrypted, but with the AWS managed key: a customer-managed key gives key policy control and audit."""
    facts = security().catalog
    n = ctx.naming()
    if settings.encryption_at_rest_mode is not None and settings.sse_kms_key_id is None:
        for label, leaf in split_leaves(settings.encryption_at_rest_mode)[0]:
            if (leaf.as_str() or "").upper() == facts.aws_managed_key_mode:
                yield ctx.finding(at(settings, leaf), f"{settings.address} encrypts the Data Catalog with the AWS "
                                  f"managed key `{facts.aws_managed_key}` ({facts.aws_managed_key_mode} without "
                                  f"`{n.term('sse_kms_key_id')}`): prefer a customer-managed KMS key you control",
                                  attribute="sse_kms_key_id", branch=label)
    flag = settings.return_connection_password_encrypted
    if flag is not None and settings.connection_password_kms_key_id is None:
        for label, leaf in split_leaves(flag)[0]:
            if (leaf.as_str() or "").lower() == "true":
                yield ctx.finding(at(settings, leaf), f"{settings.address} encrypts connection passwords with the "
                                  f"AWS managed key `alias/{facts.aws_managed_key}` (no "
                                  f"`{n.term('connection_password_kms_key_id')}`): prefer a customer-managed KMS key",
                                  attribute="connection_password_kms_key_id", branch=label)
