"""The drift oracle: compare the Glue facts in rules/ and pricing/ with botocore's Glue API model.

Each comparison names the fact and both values, so a failing CI run says what AWS changed. The model is passed
in (a dict, as botocore loads it), so a test can alter it and prove the comparison fails.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from gluelint.knowledge.commands import commands
from gluelint.knowledge.limits import limits
from gluelint.knowledge.schemas import terraform_fields
from gluelint.knowledge.security import security
from gluelint.knowledge.triggers import trigger_facts
from gluelint.knowledge.versions import versions
from gluelint.knowledge.workers import workers

Model = dict[str, Any]


def load_model() -> Model:
    import botocore.loaders

    model: Model = botocore.loaders.Loader().load_service_model("glue", "service-2")
    return model


def _enum(model: Model, shape: str) -> set[str]:
    return set(model["shapes"][shape]["enum"])


def _doc(model: Model, shape: str, member: str) -> str:
    text = str(model["shapes"][shape]["members"][member].get("documentation", ""))
    return re.sub(r"<[^>]+>", "", text)


def _differ(fact: str, botocore_value: object, gluelint_value: object, where: str) -> str | None:
    if botocore_value == gluelint_value:
        return None
    return f"{fact}: botocore says {botocore_value!r}, {where} says {gluelint_value!r}"


def _worker_types(model: Model) -> Iterator[str | None]:
    yield _differ("worker types", sorted(_enum(model, "WorkerType")), sorted(workers()), "pricing/workers.toml")


def _execution_classes(model: Model) -> Iterator[str | None]:
    spec = terraform_fields("aws_glue_job")["execution_class"]
    yield _differ("execution classes", sorted(_enum(model, "ExecutionClass")), sorted(spec.enum or ()),
                  "rules/glue/api_fields.json")


def _commands(model: Model) -> Iterator[str | None]:
    doc = _doc(model, "JobCommand", "Name")
    documented = sorted(set(re.findall(r"(?:must be|it must be)\s+(\w+)", doc)))
    yield _differ("job command names", documented, sorted(commands().command), "rules/glue/commands.toml")


def _encryption_modes(model: Model) -> Iterator[str | None]:
    shapes = {"s3": "S3EncryptionMode", "cloudwatch": "CloudWatchEncryptionMode",
              "job_bookmarks": "JobBookmarksEncryptionMode"}
    for part, shape in shapes.items():
        yield _differ(f"{part} encryption modes", sorted(_enum(model, shape)),
                      sorted(security().part_by_id(part).modes), "rules/glue/security.toml")
    yield _differ("Data Catalog encryption modes", sorted(_enum(model, "CatalogEncryptionMode")),
                  sorted(security().catalog.modes), "rules/glue/security.toml")


def _connection_types(model: Model) -> Iterator[str | None]:
    spec = terraform_fields("aws_glue_connection")["connection_type"]
    yield _differ("connection types", sorted(_enum(model, "ConnectionType")), sorted(spec.enum or ()),
                  "rules/glue/api_fields.json")


def _trigger_types(model: Model) -> Iterator[str | None]:
    spec = terraform_fields("aws_glue_trigger")["type"]
    yield _differ("trigger types", sorted(_enum(model, "TriggerType")), sorted(spec.enum or ()),
                  "rules/glue/api_fields.json")


def _timeout_limits(model: Model) -> Iterator[str | None]:
    doc = _doc(model, "CreateJobRequest", "Timeout")
    ceiling = re.search(r"less than 7 days or (\d+) minutes", doc)
    yield _differ("job timeout ceiling (minutes, exclusive)", int(ceiling.group(1)) if ceiling else None,
                  limits().timeout.max_minutes_exclusive, "rules/glue/limits.toml")
    yield _differ("job timeout minimum", model["shapes"]["Timeout"].get("min"), limits().timeout.min_minutes,
                  "rules/glue/limits.toml")
    defaults = re.search(r"defaulted to ([\d,]+) minutes for Glue version ([\d.]+) and earlier, or ([\d,]+) "
                         r"minutes for Glue version ([\d.]+) and later", doc)
    if defaults is None:
        yield "job default timeout: botocore's CreateJobRequest.Timeout text no longer states the defaults"
        return
    old, old_last, new, new_first = defaults.groups()
    for release in versions().version:
        documented = int(old.replace(",", "")) if release.key <= _key(old_last) else (
            int(new.replace(",", "")) if release.key >= _key(new_first) else None)
        yield _differ(f"default timeout of Glue {release.id} (minutes)", documented,
                      release.default_timeout_minutes, "rules/glue/versions.toml")


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split("."))


def _capacity_limits(model: Model) -> Iterator[str | None]:
    doc = _doc(model, "CreateJobRequest", "MaxCapacity")
    shell = re.search(r"allocate either ([\d.]+) or ([\d.]+) DPU\. The default is ([\d.]+) DPU", doc)
    spark = re.search(r"allocate from (\d+) to (\d+) DPUs\. The default is (\d+) DPUs", doc)
    cap = limits().capacity
    yield _differ("Python shell max_capacity values", [float(shell.group(1)), float(shell.group(2))] if shell
                  else None, list(cap.pythonshell_values), "rules/glue/limits.toml")
    yield _differ("Python shell default max_capacity", float(shell.group(3)) if shell else None,
                  cap.pythonshell_default, "rules/glue/limits.toml")
    yield _differ("Spark max_capacity range", (int(spark.group(1)), int(spark.group(2))) if spark else None,
                  (cap.spark_min, cap.spark_max), "rules/glue/limits.toml")


def _version_facts(model: Model) -> Iterator[str | None]:
    doc = _doc(model, "CreateJobRequest", "GlueVersion")
    default = re.search(r"default to Glue (\d+(?:\.\d+)*)", doc)
    yield _differ("default Glue version", default.group(1) if default else None, versions().default_version,
                  "rules/glue/versions.toml")
    ray = re.search(r"Ray jobs should set GlueVersion to ([\d.]+) or greater", doc)
    yield _differ("Ray minimum Glue version", ray.group(1) if ray else None,
                  commands().command["glueray"].min_version, "rules/glue/commands.toml")
    flex_doc = _doc(model, "CreateJobRequest", "ExecutionClass")
    flex = re.search(r"Glue version ([\d.]+) and above and command type (\w+)", flex_doc)
    flexible = sorted(name for name, c in commands().command.items() if c.flex)
    yield _differ("Flex minimum Glue version and command", (flex.group(1), [flex.group(2)]) if flex else None,
                  (commands().command["glueetl"].flex_min_version, flexible), "rules/glue/commands.toml")


def _trigger_facts(model: Model) -> Iterator[str | None]:
    start_doc = _doc(model, "CreateTriggerRequest", "StartOnCreation")
    start = re.search(r"True is not supported for (\w+) triggers", start_doc)
    yield _differ("trigger types StartOnCreation true is rejected for", [start.group(1)] if start else None,
                  trigger_facts().start_on_creation_rejected_types, "rules/glue/triggers.toml")
    logical = _doc(model, "Predicate", "Logical")
    required = 2 if "If multiple conditions are listed, then this field is required" in logical else None
    yield _differ("conditions from which Predicate.Logical is required", required,
                  trigger_facts().logical_required_from_conditions, "rules/glue/triggers.toml")


def _dev_endpoint_facts(model: Model) -> Iterator[str | None]:
    doc = _doc(model, "CreateDevEndpointRequest", "GlueVersion")
    default = re.search(r"created without specifying a Glue version default to Glue (\d+(?:\.\d+)*)", doc)
    yield _differ("dev endpoint default Glue version", default.group(1) if default else None,
                  versions().dev_endpoints.default_version, "rules/glue/versions.toml")


CHECKS: tuple[Callable[[Model], Iterator[str | None]], ...] = (
    _worker_types, _execution_classes, _commands, _encryption_modes, _connection_types, _trigger_types,
    _timeout_limits, _capacity_limits, _version_facts, _trigger_facts, _dev_endpoint_facts,
)


def differences(model: Model) -> list[str]:
    """Every fact where gluelint's data and botocore's model disagree, worded for a CI log."""
    return [d for check in CHECKS for d in check(model) if d is not None]
