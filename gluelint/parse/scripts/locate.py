"""From a job's script location to the script file in the scanned tree, or why it cannot be found.

Where a script comes from, in the order tried:

1. Terraform: the ``aws_s3_object`` / ``aws_s3_bucket_object`` that uploads a local ``source`` to the
   location — named by reference (``${aws_s3_object.etl.key}``) or matched by bucket and key;
2. CloudFormation: a local relative ``ScriptLocation`` (what ``aws cloudformation package`` and ``sam
   package`` upload), relative to the template; a CDK asset, through the ``*.assets.json`` manifest beside
   the synthesized template;
3. ``script_paths`` in the configuration: S3 prefixes mapped to folders of the repository.

A location known only at apply time, or one that no scanned file is uploaded to, is never guessed: the link
says so, and the script-aware checks are undecided for that job.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from gluelint.model.resources import Job
from gluelint.model.scripts import S3Upload, ScriptFacts, ScriptLanguage, ScriptLink, ScriptStatus
from gluelint.model.values import Value
from gluelint.parse.options import ParseOptions
from gluelint.parse.scripts.python_script import read_python_script, script_facts_data

_UPLOAD_REF = re.compile(r"\b(?:aws_s3_object|aws_s3_bucket_object)\.([A-Za-z_][\w-]*)(\[[^\]]*\])?\.(?:key|id)\b")
_S3_TEMPLATE = re.compile(r"^s3://(?P<bucket>\$\{[^}]*\}|[^/$]+)/(?P<key>.+)$")
_BUCKET_REF = re.compile(r"^\$\{\s*(aws_s3_bucket\.[A-Za-z_][\w-]*(?:\[[^\]]*\])?)\.(?:id|bucket)\s*\}$")
_CDK_ASSET = re.compile(r"/([0-9a-f]{64})(\.[A-Za-z0-9]+)\b")


@dataclass
class ScriptFinder:
    """Finds the scripts of one run's jobs; each file is read once."""

    options: ParseOptions
    uploads: list[S3Upload]
    # S3 prefix → absolute folder (from ``script_paths`` in the configuration).
    prefixes: dict[str, Path]

    def __post_init__(self) -> None:
        self._read: dict[Path, ScriptFacts] = {}
        self._manifests: dict[Path, dict[str, Path]] = {}

    def link(self, job: Job) -> ScriptLink:
        value = job.script_location
        if value is None:
            return ScriptLink(status=ScriptStatus.UNKNOWN, reason="the job has no script location")
        if value.is_branching:
            return ScriptLink(status=ScriptStatus.UNKNOWN, reason="the script location depends on a condition")
        text = value.as_str()
        if text is not None:
            return self._known(job, text)
        return self._expression(job, value)

    # -- a location whose text is known ----------------------------------------------------------------
    def _known(self, job: Job, text: str) -> ScriptLink:
        if not text.strip():
            return ScriptLink(status=ScriptStatus.NOT_FOUND, reason="the script location is empty")
        if "://" not in text:
            if job.source_format.is_cloudformation:
                base = self._absolute(job.span.file).parent
                return self._file(base / text, f"local ScriptLocation {text!r} (packaged on deploy)")
            return ScriptLink(status=ScriptStatus.NOT_FOUND, reason=f"{text!r} is not an S3 location")
        match = _S3_TEMPLATE.match(text)
        if match is not None:
            for upload in self.uploads:  # a literal bucket and key name one object, whichever module uploads it
                if upload.key == match.group("key") and upload.bucket == match.group("bucket"):
                    return self._upload(upload)
        return self._prefixed(text) or ScriptLink(
            status=ScriptStatus.NOT_FOUND,
            reason=f"no scanned file is uploaded to {text} (map its prefix in `script_paths` to find it)")

    def _prefixed(self, text: str) -> ScriptLink | None:
        for prefix in sorted(self.prefixes, key=len, reverse=True):
            if text.startswith(prefix):
                return self._file(self.prefixes[prefix] / text[len(prefix):].lstrip("/"),
                                  f"`script_paths` maps {prefix}")
        return None

    # -- a location known only as an expression ------------------------------------------------------
    def _expression(self, job: Job, value: Value) -> ScriptLink:
        expression = (value.expression or "").strip()
        unquoted = expression[1:-1] if len(expression) >= 2 and expression[0] == expression[-1] == '"' else expression
        by_reference = _UPLOAD_REF.search(expression)
        if by_reference is not None and not job.source_format.is_cloudformation:
            address = by_reference.group(0).rsplit(".", 1)[0]
            for upload in self._uploads_of(job):
                if upload.address.endswith(address) and _same_scope(upload, job):
                    return self._upload(upload)
        match = _S3_TEMPLATE.match(unquoted)
        if match is not None and "${" not in match.group("key"):
            bucket = _bucket_identity(match.group("bucket"))
            for upload in self._uploads_of(job):
                if upload.key == match.group("key") and bucket is not None and bucket in (
                        upload.bucket, _bucket_identity("${" + (upload.bucket_expression or "") + "}")):
                    return self._upload(upload)
        if job.source_format.is_cloudformation:
            asset = _CDK_ASSET.search(expression)
            if asset is not None:
                found = self._cdk_asset(job, asset.group(1) + asset.group(2))
                if found is not None:
                    return found
        return ScriptLink(status=ScriptStatus.UNKNOWN,
                          reason=f"the script location {expression or '(expression)'} is known only at apply time")

    def _cdk_asset(self, job: Job, object_key: str) -> ScriptLink | None:
        folder = self._absolute(job.span.file).parent
        if folder not in self._manifests:
            self._manifests[folder] = _asset_manifests(folder)
        source = self._manifests[folder].get(object_key)
        return self._file(source, f"CDK asset {object_key}") if source is not None else None

    # -- files -----------------------------------------------------------------------------------------
    def _uploads_of(self, job: Job) -> list[S3Upload]:
        return [u for u in self.uploads if _same_scope(u, job)]

    def _upload(self, upload: S3Upload) -> ScriptLink:
        if upload.source is None:
            return ScriptLink(status=ScriptStatus.UNKNOWN,
                              reason=f"the local source of {upload.address} is known only at apply time")
        return self._file(Path(upload.source), f"{upload.address} source")

    def _file(self, path: Path, via: str) -> ScriptLink:
        try:
            resolved = path.resolve()
            exists = resolved.is_file()
        except (OSError, RuntimeError, ValueError):
            exists = False
            resolved = path
        display = self.options.display_path(resolved)
        if not exists:
            return ScriptLink(status=ScriptStatus.NOT_FOUND, via=via, display=display, absolute=str(resolved),
                              reason=f"{display} ({via}) is not in the scanned tree")
        if resolved not in self._read:
            self._read[resolved] = _read(resolved, display)
        return ScriptLink(status=ScriptStatus.FOUND, via=via, facts=self._read[resolved], display=display,
                          absolute=str(resolved))

    def _absolute(self, display: str) -> Path:
        path = Path(display)
        return path if path.is_absolute() else self.options.root / path


def _read(path: Path, display: str) -> ScriptFacts:
    runtimes = script_facts_data()["runtimes"]
    suffix = path.suffix.lower()
    if suffix in runtimes["python_suffixes"]:
        return read_python_script(path, display)
    language = ScriptLanguage.SCALA if suffix in runtimes["scala_suffixes"] else ScriptLanguage.OTHER
    return ScriptFacts(path=display, language=language, arguments_unknown=f"{language} scripts are not read")


def _same_scope(upload: S3Upload, job: Job) -> bool:
    return upload.scope == job.scope


def _bucket_identity(text: str) -> str | None:
    """A bucket as written, comparable across resources: a literal name, or ``aws_s3_bucket.x`` for its
    ``.id`` / ``.bucket`` (both are the bucket's name); any other expression compares as written."""
    if not text.startswith("${"):
        return text
    ref = _BUCKET_REF.match(text)
    if ref is not None:
        return ref.group(1)
    inner = text[2:-1].strip()
    return f"${{{inner}}}" if inner else None


def _asset_manifests(folder: Path) -> dict[str, Path]:
    """Object key → local file of every file asset in the CDK asset manifests (``*.assets.json``) of a
    cloud assembly folder (``cdk.out``)."""
    found: dict[str, Path] = {}
    try:
        manifests = sorted(folder.glob("*.assets.json"))
    except OSError:
        return found
    for manifest in manifests:
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        files = data.get("files") if isinstance(data, dict) else None
        for asset in (files or {}).values() if isinstance(files, dict) else ():
            source = asset.get("source", {}) if isinstance(asset, dict) else {}
            destinations = asset.get("destinations", {}) if isinstance(asset, dict) else {}
            path = source.get("path") if isinstance(source, dict) else None
            if not isinstance(path, str) or source.get("packaging", "file") != "file":
                continue
            for destination in destinations.values() if isinstance(destinations, dict) else ():
                key = destination.get("objectKey") if isinstance(destination, dict) else None
                if isinstance(key, str):
                    found.setdefault(key, folder / path)
    return found
