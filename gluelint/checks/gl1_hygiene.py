"""GL1 security checks on secrets, connections, policies, tags and logging (GL108-GL113).

Facts come from rules/glue/security.toml (gluelint.knowledge.security); secrets never reach a message.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from gluelint.checks.context import RuleContext, at
from gluelint.checks.registry import Result, check
from gluelint.knowledge.commands import commands
from gluelint.knowledge.security import attributes, security
from gluelint.model.arguments import ArgumentScan, entry_span, written_entries
from gluelint.model.inventory import LinkStatus
from gluelint.model.job import EffectiveJob
from gluelint.model.outcomes import at_most, split_leaves
from gluelint.model.resources import Connection, Job, Resource, ResourcePolicy, SecurityConfiguration, Trigger
from gluelint.model.security import encryption_modes
from gluelint.model.values import Pending, Span, Value, pending_in, policy_document


def _written_entries(resource: Resource) -> ArgumentScan:
    """Every entry written in the resource's argument or property maps (overridden ones too)."""
    if isinstance(resource, Job):
        return EffectiveJob(resource).written_arguments()
    scan = ArgumentScan()
    maps: list[tuple[str, Value | None]] = []
    if isinstance(resource, Trigger):
        maps = [(f"actions[{i}].arguments", a.arguments) for i, a in enumerate(resource.actions)]
    elif isinstance(resource, Connection):
        maps = [("properties", resource.properties)]
    for name, value in maps:
        if value is not None:
            scan.hits.extend(written_entries(name, value, scan.unknown))
    return scan


@check("GL108", Resource)
def plaintext_secret_in_arguments(resource: Resource, ctx: RuleContext) -> Iterator[Result]:
    facts = security().secrets
    advice = ("store it in AWS Secrets Manager and pass the secret's name (connections: SECRET_ID or "
              "AuthenticationConfiguration) instead" if isinstance(resource, Connection) else
              "job arguments may be logged; store it in AWS Secrets Manager and pass the secret's name instead")
    for hit in _written_entries(resource).hits:
        known, _unknown = split_leaves(hit.entry.value)  # a value known only at apply time is not a literal
        for label, leaf in known:
            text = leaf.as_str()
            if text is None or not text.strip() or facts.is_reference(text):
                continue
            credential = facts.credential_in(text)
            by_value = isinstance(resource, Connection) and facts.password_like.matches(text)
            if credential is None and not facts.is_secret_key(hit.entry.key) and not by_value:
                continue
            what = credential.label if credential is not None else (
                "a secret" if facts.is_secret_key(hit.entry.key) else "what looks like a password")
            yield ctx.finding(hit.span(resource.span), f"{resource.address}: `{hit.entry.key}` in "
                                                       f"`{ctx.naming().term(hit.field)}` holds "
                                                     f"{what} in plain text (value ***): {advice}",
                              attribute=hit.attribute, branch=label or hit.branch)
    yield from _literal_fields(resource, ctx)


def _literal_fields(resource: Resource, ctx: RuleContext) -> Iterator[Result]:
    """Secrets in fields of their own: a Git token (Terraform source_control_details.auth_token) and a
    connection's AuthenticationConfiguration passwords, client secrets and tokens (CloudFormation)."""
    facts = security().secrets
    found: list[tuple[str, Value, Span | None]] = []
    if isinstance(resource, Job) and resource.source_control_auth_token is not None:
        found.append(("source_control_details.auth_token", resource.source_control_auth_token, None))
    if isinstance(resource, Connection) and resource.authentication is not None:
        for path in facts.authentication.paths:
            value: Value | None = resource.authentication
            entry = None
            for step in path:
                obj = value.as_object() if value is not None else None
                entry = obj.entry(step) if obj is not None else None
                value = entry.value if entry is not None else None
            if value is not None and entry is not None:
                found.append(("AuthenticationConfiguration." + ".".join(path), value, entry.key_span))
    for attribute, value, key_at in found:
        for label, leaf in value.leaves():
            text = leaf.as_str() if not leaf.is_unknown else None
            if text is None or not text.strip() or facts.is_reference(text):
                continue
            where = "a Secrets Manager secret (SecretArn)" if isinstance(resource, Connection) else \
                "a Secrets Manager secret (auth_strategy = \"AWS_SECRETS_MANAGER\")"
            yield ctx.finding(key_at or at(resource, leaf),
                              f"{resource.address}: {attribute} holds a secret in plain text (value ***): put it in "
                              f"{where} instead",
                              attribute=attribute, branch=label)


@check("GL120", Connection)
def connection_password_not_in_secrets_manager(conn: Connection, ctx: RuleContext) -> Iterator[Result]:
    """PASSWORD given through an expression (a variable, a parameter, a reference): not a literal in the file
    (GL108 reports those), but the password still sits in the connection's properties."""
    facts = security().connection
    obj = conn.properties.as_object() if conn.properties is not None else None
    entry = obj.entry(facts.password_key) if obj is not None else None
    if entry is None:
        return
    for label, leaf in entry.value.leaves():
        if leaf.known:
            continue  # a literal anywhere in the files (the connection, a default): GL108's error
        shown = leaf.expression or "an expression"
        yield ctx.finding(entry_span(entry, conn.span), f"connection {conn.address} takes {facts.password_key} from "
                                                        f"{shown}: the password is still stored in the connection's "
                                                        "properties, readable by anyone allowed glue:GetConnection; "
                                                        f"store it in Secrets Manager and set {facts.secret_id_key} "
                                                        "to the secret's name instead",
                          attribute=f"connection_properties.{facts.password_key}", branch=label)


@check("GL109", Connection)
def jdbc_ssl_not_enforced(conn: Connection, ctx: RuleContext) -> Iterator[Result]:
    facts = security().connection
    ctype = conn.connection_type or Value.of(facts.default_type, span=conn.span)
    known, unknown = split_leaves(ctype)
    for leaf in unknown:
        yield ctx.undecided("connection_type", leaf)
    kinds = {(leaf.as_str() or "").upper() for _, leaf in known}
    if facts.jdbc_type in kinds:
        ssl = _property(conn, facts.enforce_ssl_key)
        if ssl is None:
            n = ctx.naming()
            yield from _undecided_or(ctx, conn, facts.enforce_ssl_key,
                                     f"JDBC connection {conn.address} does not set "
                                     f"`{n.entry(facts.enforce_ssl_key, facts.enforce_ssl_value)}` in "
                                     f"`{n.term('properties')}` (the default is false): set it so SSL with "
                                     "hostname matching is enforced")
        else:
            yield from _flag_value(ctx, conn, facts.enforce_ssl_key, ssl, lambda v: v != facts.enforce_ssl_value,
                                   f"set it to \"{facts.enforce_ssl_value}\" so SSL is enforced")
        skip = _property(conn, facts.skip_cert_key)
        if skip is not None:
            yield from _flag_value(ctx, conn, facts.skip_cert_key, skip, lambda v: v == facts.skip_cert_bad_value,
                                   "remove it so the server certificate is validated")
    if facts.kafka_type in kinds:
        skip = _property(conn, facts.kafka_skip_cert_key)
        if skip is not None:
            yield from _flag_value(ctx, conn, facts.kafka_skip_cert_key, skip,
                                   lambda v: v == facts.skip_cert_bad_value,
                                   "remove it so the broker's certificate is validated (TLS without it does not "
                                   "authenticate the server)")
        kafka = _property(conn, facts.kafka_ssl_key)
        if kafka is not None:
            yield from _flag_value(ctx, conn, facts.kafka_ssl_key, kafka, lambda v: v == facts.kafka_ssl_bad_value,
                                   "remove it or set it to \"true\" so Kafka traffic uses SSL")


def _property(conn: Connection, key: str) -> Value | None:
    obj = conn.properties.as_object() if conn.properties is not None else None
    return obj.get(key) if obj is not None else None


def _undecided_or(ctx: RuleContext, conn: Connection, key: str, message: str) -> Iterator[Result]:
    props = conn.properties
    obj = props.as_object() if props is not None else None
    if props is not None and (obj is None or obj.unresolved):
        yield ctx.undecided(f"properties.{key}", obj.unresolved[0] if obj else props)
    else:
        yield ctx.finding(None, message, attribute=f"properties.{key}")


def _flag_value(ctx: RuleContext, conn: Connection, key: str, value: Value, bad: Any,
                fix: str) -> Iterator[Result]:
    obj = conn.properties.as_object() if conn.properties is not None else None
    entry = obj.entry(key) if obj is not None else None
    known, unknown = split_leaves(value)
    for leaf in unknown:
        yield ctx.undecided(f"properties.{key}", leaf)
    for label, leaf in known:
        text = (leaf.as_str() or "").lower()
        if bad(text):
            span = entry_span(entry, conn.span) if entry is not None else at(conn, leaf)
            yield ctx.finding(span, f"connection {conn.address} sets `{ctx.naming().entry(key, leaf.as_str() or '')}` "
                                    f"in `{ctx.naming().term('properties')}`: {fix}",
                              attribute=f"properties.{key}", branch=label)


@check("GL110", ResourcePolicy)
def public_resource_policy(policy: ResourcePolicy, ctx: RuleContext) -> Iterator[Result]:
    if policy.policy is None:
        return
    facts = security().policy
    known, unknown = split_leaves(policy.policy)
    for leaf in unknown:
        yield ctx.undecided("policy", leaf)
    for label, leaf in known:
        try:
            document = policy_document(leaf)
        except ValueError:
            continue  # not JSON: the deploy rejects it
        if isinstance(document, Pending):
            yield ctx.undecided("policy", document.value)
            continue
        statements = document.get("Statement", []) if isinstance(document, dict) else []
        for index, st in enumerate(statements if isinstance(statements, list) else [statements]):
            if not isinstance(st, dict):
                continue
            pending = pending_in([st.get(k) for k in ("Effect", "Principal", "Action", "Condition")])
            if pending is not None:
                yield ctx.undecided("policy", pending.value)
                continue
            if st.get("Effect") != "Allow" or "Condition" in st:
                continue
            principals = _strings(st.get("Principal"))
            actions = _strings(st.get("Action"))
            wild = [p for p in principals if p in facts.wildcard_principals]
            wild += [a for a in actions if a.lower() in facts.wildcard_actions]
            if wild:
                name = st.get("Sid") or f"#{index + 1}"
                yield ctx.finding(at(policy, leaf), f"{policy.address}: statement {name} allows "
                                                    f"{', '.join(repr(w) for w in wild)} with no Condition, opening "
                                                    "the Data Catalog broadly: name the principals and actions, or "
                                                    "add a Condition", attribute="policy", branch=label)


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [s for item in node for s in _strings(item)]
    if isinstance(node, dict):
        return [s for item in node.values() for s in _strings(item)]
    return []


@check("GL111", Resource)
def missing_required_tags(resource: Resource, ctx: RuleContext) -> Iterator[Result]:
    required = ctx.config.required_tags
    if not required or not attributes().is_taggable(resource.resource_type):
        return
    outcomes, unknown = resource.tag_outcomes()
    for label, tags in outcomes:
        missing = [t for t in required if t not in tags]
        if not missing:
            continue
        if unknown:
            yield ctx.undecided("tags", unknown[0])
            continue
        yield ctx.finding(at(resource, resource.tags), f"{resource.address} lacks required tag"
                                                      f"{'s' if len(missing) > 1 else ''} {', '.join(missing)}: add "
                                                      "them (required_tags in the gluelint config)",
                          attribute="tags", branch=label)


@check("GL112", Job)
def continuous_logging_disabled(job: Job, ctx: RuleContext) -> Iterator[Result]:
    facts = security().logging
    ej = EffectiveJob(job)
    known, unknown = split_leaves(ej.command())
    spark = [label for label, leaf in known if _is_spark(leaf.as_str())]
    if unknown and not spark:
        yield ctx.undecided("command_name", unknown[0])
        return
    if not spark:
        return
    if _real_time_logging(ej, facts.max_version):
        return  # Glue 5.0+: every job logs in real time; the flag is for 4.0 and earlier
    branch = spark[0] if len(spark) < len(known) + len(unknown) else None
    scan = ej.argument(facts.argument)
    n = ctx.naming()
    advice = (f"set `{n.entry(facts.argument, facts.value)}` in `{n.term('default_arguments')}` so the job's logs "
              "stream to CloudWatch")
    if not scan.hits:
        if scan.unknown:
            yield ctx.undecided(scan.unknown[0][0], scan.unknown[0][1])
        else:
            yield ctx.finding(None, f"Spark job {job.address} does not enable continuous logging: {advice}",
                              attribute=f"default_arguments.{facts.argument}", branch=branch)
        return
    for hit in scan.hits:
        values, pending = split_leaves(hit.entry.value)
        for leaf in pending:
            yield ctx.undecided(hit.attribute, leaf)
        for label, leaf in values:
            if (leaf.as_str() or "").lower() != facts.value:
                yield ctx.finding(hit.span(job.span), f"Spark job {job.address} sets "
                                                      f"`{n.entry(facts.argument, leaf.as_str() or '')}`: {advice}",
                                  attribute=hit.attribute, branch=label or hit.branch or branch)


def _real_time_logging(ej: EffectiveJob, max_version: str) -> bool:
    """True when every branch of the job's Glue version is past the last one that needed the flag."""
    outcomes = {at_most(leaf.as_str() or "", max_version) for _, leaf in ej.glue_version().leaves()}
    return outcomes == {False}


@check("GL113", Job)
def sensitive_job_without_kms(job: Job, ctx: RuleContext) -> Iterator[Result]:
    markers = ctx.config.sensitive_markers
    if not markers:
        return
    marker, pending = _sensitive_marker(job, markers)
    if marker is None:
        if pending is not None:
            yield ctx.undecided("tags", pending)
        return
    wanted = security().sensitive_s3_mode
    head = f"{job.address} is marked sensitive ({marker})"
    if job.security_configuration is None:
        yield ctx.finding(None, f"{head} but sets no `{ctx.naming().term('security_configuration')}`: reference a "
                                f"security configuration whose S3 encryption is {wanted}",
                          attribute="security_configuration")
        return
    for label, link in EffectiveJob(job).security_configurations(ctx.inventory):
        if link.status is LinkStatus.UNKNOWN:
            yield ctx.undecided("security_configuration", link.value)
            continue
        target = link.target
        if link.status is not LinkStatus.RESOLVED or not isinstance(target, SecurityConfiguration):
            continue
        outcomes, unknown = encryption_modes(target, "s3")
        for leaf in unknown:
            yield ctx.undecided("security_configuration", leaf)
        for mode_label, mode, _ in outcomes:
            if mode.upper() != wanted:
                yield ctx.finding(at(job, link.value), f"{head} but its security configuration {target.address} "
                                                       f"encrypts S3 with {mode}: use {wanted} with a customer "
                                                       "managed KMS key", attribute="security_configuration",
                                  branch=label or mode_label)


def _is_spark(command: str | None) -> bool:
    spec = commands().get(command or "")
    return spec is not None and spec.is_spark


def _sensitive_marker(job: Job, markers: list[str]) -> tuple[str | None, Value | None]:
    """The first configured marker the job carries (``key=value`` or ``key`` in tags or arguments)."""
    pairs: list[tuple[str, Value]] = []
    outcomes, unknown = job.tag_outcomes()
    for _label, tags in outcomes:
        pairs.extend(tags.items())
    scan = EffectiveJob(job).written_arguments()
    pairs.extend((h.entry.key, h.entry.value) for h in scan.hits)
    for marker in markers:
        key, sep, want = marker.partition("=")
        for name, value in pairs:
            if name.lower().lstrip("-") != key.lower().lstrip("-"):
                continue
            if not sep or any((leaf.as_str() or "").lower() == want.lower() for _, leaf in value.leaves()):
                return marker, None
    pending = unknown[0] if unknown else (scan.unknown[0][1] if scan.unknown else None)
    return None, pending
