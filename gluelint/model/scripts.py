"""What a job's script does with its run: read from the script file itself, never by running it.

The model knows no input format: ``gluelint.parse.scripts`` reads Python scripts into these facts, and the
job → script link records how the script was found, or why it was not.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from gluelint.model.values import Span


class ScriptLanguage(StrEnum):
    PYTHON = "python"
    SCALA = "scala"
    OTHER = "other"


class ArgumentRead(BaseModel):
    """One name a ``getResolvedOptions`` call asks for (without the leading ``--``)."""

    model_config = ConfigDict(frozen=True)

    name: str
    span: Span
    # False when the call sits under an ``if``/``try``/loop: the script may never ask for it.
    unconditional: bool = True


class SourceRead(BaseModel):
    """A read of a data source whose bookmark state is keyed by ``transformation_ctx``."""

    model_config = ConfigDict(frozen=True)

    call: str
    span: Span
    has_context: bool


class ScriptFacts(BaseModel):
    """What one script file asks for and calls."""

    model_config = ConfigDict(frozen=True)

    path: str
    language: ScriptLanguage
    # Set when the file could not be read as Python (syntax error, encoding): nothing else is known then.
    unreadable: str | None = None
    arguments: list[ArgumentRead] = Field(default_factory=list)
    # Why the names read are not all known (a computed option list, argv read another way), or None.
    arguments_unknown: str | None = None
    # Whether any getResolvedOptions call was seen.
    reads_arguments: bool = False
    imports: list[str] = Field(default_factory=list)
    import_spans: dict[str, Span] = Field(default_factory=dict)
    creates_job: bool = False
    calls_job_init: bool = False
    calls_job_commit: bool = False
    sources: list[SourceRead] = Field(default_factory=list)

    def imports_any(self, modules: list[str]) -> str | None:
        """The first import that is one of ``modules`` or inside one (``pyspark.sql`` for ``pyspark``)."""
        for name in self.imports:
            if any(name == m or name.startswith(m + ".") for m in modules):
                return name
        return None


class ScriptStatus(StrEnum):
    FOUND = "found"  # a local file in the scanned tree, read
    NOT_FOUND = "not_found"  # the location is known, but no scanned file is uploaded there
    UNKNOWN = "unknown"  # the location itself is only known at apply time


class ScriptLink(BaseModel):
    """The outcome of following one job's script location to a file."""

    model_config = ConfigDict(frozen=True)

    status: ScriptStatus
    # How the file was found ("aws_s3_object.etl source", "CDK asset manifest", "script_paths in config").
    via: str | None = None
    reason: str | None = None
    facts: ScriptFacts | None = None
    # The file's path as the run displays it, and its absolute path (the result cache re-checks it).
    display: str | None = None
    absolute: str | None = None


class S3Upload(BaseModel):
    """An ``aws_s3_object`` (or ``aws_s3_bucket_object``) that uploads a local file: where it lands and what."""

    model_config = ConfigDict(frozen=True)

    address: str
    scope: str
    # Bucket and key as written: the known text, or the expression text when only apply time knows it.
    bucket: str | None = None
    bucket_expression: str | None = None
    key: str | None = None
    key_expression: str | None = None
    # The local file it uploads, absolute, when known.
    source: str | None = None
    span: Span
