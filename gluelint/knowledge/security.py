"""Glue security facts (rules/glue/security.toml) and valid attributes (rules/glue/attributes.toml)."""

from __future__ import annotations

import re
from functools import cache, cached_property

from pydantic import BaseModel, ConfigDict, Field

from gluelint.knowledge import load_data, shapes
from gluelint.knowledge.schemas import cfn_fields, cfn_required
from gluelint.model.values import Value


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, ignored_types=(cached_property,))


class EncryptionPart(_Frozen):
    id: str
    label: str
    mode_field: str
    key_field: str
    modes: list[str]
    accepted: list[str]
    recommended: str
    kms_modes: list[str]
    default: str
    source: str
    confidence: str


class CatalogFacts(_Frozen):
    modes: list[str]
    kms_modes: list[str]
    recommended: str
    default: str
    source: str
    confidence: str
    password_default: bool
    password_source: str
    aws_managed_key: str
    aws_managed_key_source: str
    aws_managed_key_mode: str


class KmsArn(_Frozen):
    service: str


class KmsFacts(_Frozen):
    arn_pattern: str
    key_id_pattern: str
    alias_pattern: str
    source: str
    confidence: str
    fields: dict[str, list[str]]
    form_prefixes: dict[str, str]
    form_prefix_patterns: dict[str, str] = Field(default_factory=dict)
    arn: KmsArn

    def accepts(self, field: str, value: str) -> bool:
        """True when ``value`` has one of the forms the field takes (ARN, key id, alias name)."""
        forms = {"arn": self.arn_pattern, "key_id": self.key_id_pattern, "alias": self.alias_pattern}
        return any(re.fullmatch(forms[f], value) for f in self.fields.get(field, ["arn"]))

    def decide(self, field: str, value: Value) -> bool | None:
        """Whether a value known only at apply time is a valid key reference for ``field``: True / False when
        its shape or its literal parts decide it, None when only the value can tell."""
        decided = shapes.decide(value, lambda text: self.accepts(field, text))
        if decided is not None or not value.parts:
            return decided
        return False if not self._prefix_possible(field, shapes.literal_start(value.parts)) else None

    def _prefix_possible(self, field: str, start: str) -> bool:
        """Whether some value starting with ``start`` can have one of the field's forms."""
        for form in self.fields.get(field, ["arn"]):
            pattern = self.form_prefix_patterns.get(form)
            if pattern is not None:
                if re.fullmatch(pattern, start):
                    return True
                continue
            prefix = self.form_prefixes.get(form, "")
            if not (start.startswith(prefix) or prefix.startswith(start)):
                continue
            if form == "arn":
                fields = start.split(":")
                if len(fields) > 3 and fields[2] != self.arn.service:
                    continue
            return True
        return False


class CredentialPattern(_Frozen):
    id: str
    label: str
    regex: str
    source: str
    confidence: str

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.regex)


class PasswordLike(_Frozen):
    regex: str
    not_like: list[str]
    source: str
    confidence: str

    def matches(self, value: str) -> bool:
        text = value.strip()
        return bool(re.match(self.regex, text)) and not any(re.search(p, text) for p in self.not_like)


class AuthenticationSecrets(_Frozen):
    paths: list[list[str]]


class SecretFacts(_Frozen):
    key_markers: list[str]
    exempt_keys: list[str]
    reference_value_prefixes: list[str]
    source: str
    confidence: str
    pattern: list[CredentialPattern] = Field(default_factory=list)
    password_like: PasswordLike
    authentication: AuthenticationSecrets

    @staticmethod
    def normalise(key: str) -> str:
        return key.lstrip("-").lower().replace("-", "_")

    def is_secret_key(self, key: str) -> bool:
        norm = self.normalise(key)
        if any(e in norm for e in self.exempt_keys):
            return False
        return any(m in norm for m in self.key_markers)

    def is_reference(self, value: str) -> bool:
        return value.strip().startswith(tuple(self.reference_value_prefixes))

    def credential_in(self, value: str) -> CredentialPattern | None:
        return next((p for p in self.pattern if p.compiled.search(value)), None)


class ConnectionFacts(_Frozen):
    default_type: str
    jdbc_type: str
    kafka_type: str
    enforce_ssl_key: str
    enforce_ssl_value: str
    enforce_ssl_source: str
    skip_cert_key: str
    skip_cert_bad_value: str
    kafka_ssl_key: str
    kafka_ssl_bad_value: str
    kafka_skip_cert_key: str
    password_key: str
    secret_id_key: str
    source: str
    confidence: str


class PolicyFacts(_Frozen):
    wildcard_principals: list[str]
    wildcard_actions: list[str]
    source: str
    confidence: str


class LoggingFacts(_Frozen):
    argument: str
    value: str
    source: str
    confidence: str
    # The newest Glue version the flag applies to (5.0+ logs in real time without it).
    max_version: str
    max_version_source: str


class ArgumentFacts(_Frozen):
    legacy_encryption: str
    legacy_encryption_values: list[str]
    legacy_source: str
    ineffective: list[str]
    ineffective_prefixes: list[str]
    ineffective_source: str
    ineffective_confidence: str
    bookmark_option: str
    bookmark_enabled: str
    bookmark_source: str

    def is_ineffective(self, key: str) -> bool:
        k = key.lower()
        if k == self.legacy_encryption.lower():
            return False
        return k in self.ineffective or k.startswith(tuple(self.ineffective_prefixes))


class SecurityFacts(_Frozen):
    disabled: str
    disabled_source: str
    part: list[EncryptionPart]
    sensitive_s3_mode: str
    sensitive_s3_mode_source: str
    catalog: CatalogFacts
    kms: KmsFacts
    secrets: SecretFacts
    connection: ConnectionFacts
    policy: PolicyFacts
    logging: LoggingFacts
    arguments: ArgumentFacts
    protects: dict[str, str] = Field(default_factory=dict)

    def part_by_id(self, part_id: str) -> EncryptionPart:
        return next(p for p in self.part if p.id == part_id)


class RemovedAttribute(_Frozen):
    removed_in: str
    use_instead: str
    source: str
    confidence: str


class ResourceAttributes(_Frozen):
    type: str
    required: list[str]
    # Terraform: from the provider docs. CloudFormation: filled from cfn-lint's bundled schema at load time.
    attributes: list[str] = []
    removed: dict[str, RemovedAttribute] = {}
    source: str
    confidence: str


class TerraformMeta(_Frozen):
    meta_arguments: list[str]
    computed: list[str]
    source: str


class AttributeTable(_Frozen):
    terraform: TerraformMeta
    resource: list[ResourceAttributes]

    def get(self, resource_type: str) -> ResourceAttributes | None:
        return next((r for r in self.resource if r.type == resource_type), None)

    def is_taggable(self, resource_type: str) -> bool:
        spec = self.get(resource_type)
        return spec is not None and any(a in ("tags", "Tags") for a in spec.attributes)


@cache
def security() -> SecurityFacts:
    return SecurityFacts.model_validate(load_data("gluelint.rules", "glue/security.toml"))


@cache
def attributes() -> AttributeTable:
    """The attribute table; CloudFormation types get their attribute list and required properties from the
    installed cfn-lint's schemas (never a copy that could go stale)."""
    table = AttributeTable.model_validate(load_data("gluelint.rules", "glue/attributes.toml"))
    merged = []
    for spec in table.resource:
        if spec.type.startswith("AWS::"):
            paths = sorted(cfn_fields(spec.type))
            required = sorted(set(spec.required) | set(cfn_required(spec.type)))
            spec = spec.model_copy(update={"attributes": paths, "required": required})
        merged.append(spec)
    return table.model_copy(update={"resource": merged})
