"""What a job's definition and the user's config declare for costing: literal tags, its ``[tool.gluelint.jobs]``
settings, auto scaling and a streaming job's own timeout."""

from __future__ import annotations

from gluelint.config import Config
from gluelint.knowledge.commands import commands
from gluelint.model.job import EffectiveJob
from gluelint.model.outcomes import max_number, single_str
from gluelint.model.resources import Job, Resource

EXPECTED_TAG = "gluelint:expected-minutes"
WORKLOAD_TAG = "gluelint:workload"
CONTINUOUS_TAG = "gluelint:continuous"


def auto_scaling(job: Job) -> bool | None:
    """Whether every run has auto scaling on (its effective auto-scaling argument, rules/glue/commands.toml);
    None when unknown."""
    hits = EffectiveJob(job).argument(commands().auto_scaling.argument).hits
    texts = {single_str(hit.value) for hit in hits}
    if not texts:
        return False
    if None in texts:
        return None
    return all((text or "").strip().lower() == "true" for text in texts)


def tags_of(resource: Resource) -> dict[str, str]:
    """The literal tags (a tag whose key or value is unknown is left out)."""
    found = resource.tag_map()
    if found is None:
        return {}
    out = {}
    for entry in found.entries:
        text = entry.value.as_str() if entry.value is not None else None
        if isinstance(entry.key, str) and text is not None:
            out[entry.key] = text
    return out


def job_settings_key(job: Resource, config: Config) -> str | None:
    for key in (job.literal_name(), job.address):
        if key is not None and key in config.jobs:
            return key
    return None


def tag(job: Resource, key: str) -> str | None:
    tags = job.tag_map()
    value = tags.get(key) if tags is not None else None
    return value.as_str() if value is not None else None


def streaming_timeout(job: Job) -> float | None:
    """A streaming job's own timeout; absent or 0 (Terraform's "unlimited" for streaming jobs) is none."""
    minutes, _ = max_number(job.timeout)
    return minutes if minutes else None
