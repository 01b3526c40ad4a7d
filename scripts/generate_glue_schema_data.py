"""Generate rules/glue/api_fields.json: the enum and primitive type of every Terraform attribute of the Glue
resources gluelint models, from botocore's Glue API model and cfn-lint's bundled AWS::Glue::* schemas.

    python scripts/generate_glue_schema_data.py          # write rules/glue/api_fields.json
    python scripts/generate_glue_schema_data.py --check  # exit 1 when the file differs from the installed models

Why generated: the AWS provider validates these values with the AWS SDK's enums, so botocore (the same API
model) is the source; where CloudFormation's schema narrows an enum (trigger condition `State` allows only the
four states a trigger can wait on), the intersection is kept, since the service rejects the rest. CloudFormation
itself is not generated here: gluelint reads cfn-lint's schemas at run time (gluelint/knowledge/schemas.py).

What is written by hand below is only structure: which API input shape each Terraform resource type maps to and
the few attribute names the provider spells differently from snake_case(API member). Every enum value and type
comes from the models. Needs the dev extra (botocore).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gluelint.knowledge.schemas import cfn_schema_fields as cfn_fields  # noqa: E402

OUTPUT = ROOT / "rules" / "glue" / "api_fields.json"

# Terraform resource type -> (botocore input shape, CloudFormation type, path prefix dropped in Terraform).
ROOTS: dict[str, tuple[str, str | None, str]] = {
    "aws_glue_job": ("CreateJobRequest", "AWS::Glue::Job", ""),
    "aws_glue_trigger": ("CreateTriggerRequest", "AWS::Glue::Trigger", ""),
    "aws_glue_crawler": ("CreateCrawlerRequest", "AWS::Glue::Crawler", ""),
    "aws_glue_connection": ("ConnectionInput", "AWS::Glue::Connection", ""),
    "aws_glue_security_configuration": ("CreateSecurityConfigurationRequest",
                                        "AWS::Glue::SecurityConfiguration", ""),
    "aws_glue_data_catalog_encryption_settings": ("PutDataCatalogEncryptionSettingsRequest",
                                                  "AWS::Glue::DataCatalogEncryptionSettings", ""),
    "aws_glue_dev_endpoint": ("CreateDevEndpointRequest", "AWS::Glue::DevEndpoint", ""),
    "aws_glue_workflow": ("CreateWorkflowRequest", "AWS::Glue::Workflow", ""),
    "aws_glue_resource_policy": ("PutResourcePolicyRequest", None, ""),
}

# API path (dotted member names) -> Terraform path, where the provider does not use snake_case(member).
RENAMES: dict[str, dict[str, str]] = {
    "aws_glue_job": {"Role": "role_arn", "Connections.Connections": "connections"},
    "aws_glue_crawler": {
        "Targets.S3Targets": "s3_target", "Targets.JdbcTargets": "jdbc_target",
        "Targets.MongoDBTargets": "mongodb_target", "Targets.DynamoDBTargets": "dynamodb_target",
        "Targets.CatalogTargets": "catalog_target", "Targets.DeltaTargets": "delta_target",
        "Targets.IcebergTargets": "iceberg_target", "Targets.HudiTargets": "hudi_target",
        "CrawlerSecurityConfiguration": "security_configuration",
    },
    "aws_glue_security_configuration": {
        "EncryptionConfiguration.CloudWatchEncryption": "encryption_configuration.cloudwatch_encryption",
        "EncryptionConfiguration.CloudWatchEncryption.CloudWatchEncryptionMode":
            "encryption_configuration.cloudwatch_encryption.cloudwatch_encryption_mode",
    },
    "aws_glue_dev_endpoint": {"EndpointName": "name"},
    "aws_glue_resource_policy": {"PolicyInJson": "policy", "EnableHybrid": "enable_hybrid"},
}

# Where the API's own text narrows an enum its shape leaves wide: (input shape, API path) -> (shape, member whose
# documentation says so, the sentence that lists the values). Condition.State's text: "The only crawler states that
# a trigger can listen for are SUCCEEDED, FAILED, and CANCELLED" (the CrawlState shape also lists RUNNING, ...).
# Only the structure is written here; the values are read from the model, and a text that no longer says it fails
# the generator (and the drift test that runs it).
DOC_NARROWINGS: dict[tuple[str, str], tuple[str, str, str]] = {
    ("CreateTriggerRequest", "Predicate.Conditions.CrawlState"):
        ("Condition", "State", r"only crawler states that a trigger can listen for are ([^.]+)\."),
}

_PRIMITIVES = {"string": "string", "integer": "integer", "long": "integer", "double": "number",
               "float": "number", "boolean": "boolean", "timestamp": "string", "blob": "string"}


def snake(name: str) -> str:
    """``WorkerType`` -> ``worker_type``, ``S3EncryptionMode`` -> ``s3_encryption_mode``."""
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s)
    return s.lower()


def _flatten(shapes: dict[str, Any], shape_name: str, prefix: str, out: dict[str, dict[str, Any]],
             depth: int = 0) -> None:
    shape = shapes[shape_name]
    for member, ref in shape.get("members", {}).items():
        path = f"{prefix}{member}"
        target = shapes[ref["shape"]]
        kind = target["type"]
        if kind == "structure":
            out[path] = {"type": "object"}
            if depth < 6:
                _flatten(shapes, ref["shape"], f"{path}.", out, depth + 1)
        elif kind == "list":
            item = shapes[target["member"]["shape"]]
            if item["type"] == "structure":
                out[path] = {"type": "array"}
                if depth < 6:
                    _flatten(shapes, target["member"]["shape"], f"{path}.", out, depth + 1)
            else:
                spec: dict[str, Any] = {"type": "array", "items": _PRIMITIVES.get(item["type"], "any")}
                if "enum" in item:
                    spec["item_enum"] = sorted(item["enum"])
                out[path] = spec
        elif kind == "map":
            out[path] = {"type": "map"}
        else:
            spec = {"type": _PRIMITIVES[kind]}
            if "enum" in target:
                spec["enum"] = sorted(target["enum"])
            out[path] = spec


def _terraform_path(resource_type: str, api_path: str) -> str:
    renames = RENAMES.get(resource_type, {})
    parts = api_path.split(".")
    # The longest renamed prefix wins; the rest is snake_cased member by member.
    for cut in range(len(parts), 0, -1):
        head = ".".join(parts[:cut])
        if head in renames:
            return ".".join([renames[head], *(snake(p) for p in parts[cut:])])
    return ".".join(snake(p) for p in parts)


def _cfn_path(cfn_type: str, api_path: str) -> str:
    # CloudFormation wraps the connection input; the API root here is ConnectionInput itself.
    path = f"ConnectionInput.{api_path}" if cfn_type == "AWS::Glue::Connection" else api_path
    return path.replace("EncryptionConfiguration.S3Encryption.", "EncryptionConfiguration.S3Encryptions.")


def _cfn_enum(cfn_type: str | None, api_path: str) -> list[str] | None:
    if cfn_type is None:
        return None
    spec = cfn_fields(cfn_type).get(_cfn_path(cfn_type, api_path))
    return list(spec.enum) if spec is not None and spec.enum is not None else None


def _doc_enum(shapes: dict[str, Any], root: str, api_path: str) -> list[str] | None:
    """The values the API's documentation allows where DOC_NARROWINGS names a sentence for ``api_path``."""
    found = DOC_NARROWINGS.get((root, api_path))
    if found is None:
        return None
    shape, member, pattern = found
    text = re.sub(r"<[^>]+>", "", str(shapes[shape]["members"][member].get("documentation", "")))
    match = re.search(pattern, text)
    if match is None:
        raise SystemExit(f"botocore {shape}.{member} no longer says which values {root}.{api_path} allows: "
                         "review DOC_NARROWINGS")
    return sorted(re.findall(r"[A-Z][A-Z_]+", match.group(1)))


def _cloudformation_gaps(cfn_type: str, api: dict[str, dict[str, Any]], root: str) -> dict[str, Any]:
    """API enums of CloudFormation string properties whose schema lists no values (S3EncryptionMode)."""
    out: dict[str, Any] = {}
    fields = cfn_fields(cfn_type)
    for api_path, spec in api.items():
        path = _cfn_path(cfn_type, api_path)
        cfn = fields.get(path)
        if "enum" in spec and cfn is not None and cfn.type == "string" and cfn.enum is None:
            out[path] = {"type": "string", "enum": spec["enum"], "api": f"{root}.{api_path}"}
    return dict(sorted(out.items()))


def build(model: dict[str, Any], botocore_version: str, cfn_lint_version: str) -> dict[str, Any]:
    shapes = model["shapes"]
    terraform: dict[str, dict[str, Any]] = {}
    cloudformation: dict[str, dict[str, Any]] = {}
    for resource_type, (root, cfn_type, _) in ROOTS.items():
        api: dict[str, dict[str, Any]] = {}
        _flatten(shapes, root, "", api)
        if cfn_type is not None:
            gaps = _cloudformation_gaps(cfn_type, api, root)
            if gaps:
                cloudformation[cfn_type] = gaps
        fields: dict[str, Any] = {}
        for api_path, spec in sorted(api.items()):
            narrowed = _cfn_enum(cfn_type, api_path)
            if "enum" in spec and narrowed is not None:
                spec = {**spec, "enum": sorted(set(spec["enum"]) & set(narrowed))}
            documented = _doc_enum(shapes, root, api_path)
            if "enum" in spec and documented is not None:
                spec = {**spec, "enum": sorted(set(spec["enum"]) & set(documented))}
                if cfn_type is not None:  # the template's schema lists the shape's values: the API's text applies
                    cloudformation.setdefault(cfn_type, {})[_cfn_path(cfn_type, api_path)] = {
                        "type": "string", "enum": spec["enum"], "api": f"{root}.{api_path}"}
            fields[_terraform_path(resource_type, api_path)] = {**spec, "api": f"{root}.{api_path}"}
        terraform[resource_type] = dict(sorted(fields.items()))
    return {
        "generated_by": "scripts/generate_glue_schema_data.py",
        "sources": {
            "botocore": f"botocore {botocore_version}: botocore/data/glue/2017-03-31/service-2.json "
                        "(https://github.com/boto/botocore/tree/develop/botocore/data/glue/2017-03-31)",
            "cfn-lint": f"cfn-lint {cfn_lint_version}: cfnlint/data/schemas/providers/us-east-1.json and "
                        "resources/*.json (https://github.com/aws-cloudformation/cfn-lint)",
        },
        "botocore_version": botocore_version,
        "cfn_lint_version": cfn_lint_version,
        "terraform": terraform,
        # CloudFormation properties typed as free strings whose API field has an enum, or whose API text narrows
        # the schema's enum (DOC_NARROWINGS): the API's values.
        "cloudformation_api_enums": cloudformation,
    }


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=1, sort_keys=False) + "\n"


def current() -> str:
    import botocore.loaders

    model = botocore.loaders.Loader().load_service_model("glue", "service-2")
    return render(build(model, metadata.version("botocore"), metadata.version("cfn-lint")))


_VERSION_KEYS = ("sources", "botocore_version", "cfn_lint_version")


def facts_of(text: str) -> dict[str, Any]:
    """The generated facts without the versions they came from: a new botocore or cfn-lint release that
    changes no Glue fact is not drift."""
    data: dict[str, Any] = json.loads(text)
    return {k: v for k, v in data.items() if k not in _VERSION_KEYS}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the file is out of date")
    args = parser.parse_args()
    text = current()
    if args.check:
        if facts_of(OUTPUT.read_text(encoding="utf-8")) != facts_of(text):
            print(f"{OUTPUT.relative_to(ROOT)} is out of date: run scripts/generate_glue_schema_data.py",
                  file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
