"""One Terraform parse run: Terraform HCL (``.tf``) and Terraform JSON (``.tf.json``) files → FileReports.

Files are grouped by folder (one module per folder). Every module folder that no scanned module call
instantiates is a root; roots are instantiated, and module calls with a local ``source`` instantiate their
folder with the inputs bound (``module.etl.aws_glue_job.this``). Resources of module folders that were not
among the input paths are reported in extra FileReports for those files.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from gluelint.model.resources import FileReport, ParseError, Resource, SourceFormat
from gluelint.model.scripts import S3Upload
from gluelint.model.values import Value
from gluelint.parse.options import ParseOptions
from gluelint.parse.terraform.bodies import expand
from gluelint.parse.terraform.expressions import Expr, is_known
from gluelint.parse.terraform.instances import MAX_MODULE_DEPTH, Instance, Scope, call_inputs
from gluelint.parse.terraform.module import Decl, FileState, ModuleDef, provider_alias
from gluelint.parse.terraform.module_source import local_module
from gluelint.parse.terraform.resources import build_resource, build_upload, external_module, join_gates, uploads_of
from gluelint.parse.terraform.tfvars import load_tfvars

__all__ = ["parse_terraform"]


def parse_terraform(paths: list[Path], options: ParseOptions) -> list[FileReport]:
    run = Run(options)
    return run.parse(paths)


class Run:
    def __init__(self, options: ParseOptions) -> None:
        self.options = options
        self.modules: dict[Path, ModuleDef] = {}
        self._tfvars: dict[Path, dict[str, Value]] = {}
        self.found: dict[int, list[Resource]] = {}
        self.uploads: dict[int, list[S3Upload]] = {}
        self.instantiated: set[Path] = set()
        # Variable files that could not be parsed, by display path: reported as files of their own.
        self.var_file_errors: dict[str, ParseError] = {}

    def parse(self, paths: list[Path]) -> list[FileReport]:
        wanted: dict[Path, Path] = {}
        for path in paths:
            wanted.setdefault(path.resolve(), path)
        by_folder: dict[Path, list[Path]] = {}
        for resolved in wanted:
            by_folder.setdefault(resolved.parent, []).append(resolved)
        scanned = [self.module(folder, files) for folder, files in by_folder.items()]
        called = self._called(scanned)
        for module in scanned:
            if module.folder not in called:
                self.instantiate(module, Instance("", None, None, (str(module.folder),), None))
        for module in scanned:  # only called from a cycle of module calls: still report it once
            if module.folder not in self.instantiated:
                self.instantiate(module, Instance("", None, None, (str(module.folder),), None))
        reports: list[FileReport] = []
        states: dict[Path, FileState] = {}
        for module in self.modules.values():
            for state in module.files:
                states[state.path] = state
        for resolved in wanted:
            found = states.get(resolved)
            if found is not None:
                reports.append(self.report(found))
        scanned_folders = {m.folder for m in scanned}
        for module in self.modules.values():
            for state in module.files:
                if state.path in wanted:
                    continue
                # A module folder's other files with Glue resources, and any file of the run's modules that
                # uploads local files (where job scripts come from), are reported too.
                if (module.folder not in scanned_folders and self.found.get(id(state))) or self.uploads.get(
                        id(state)):
                    reports.append(self.report(state))
        reports += [FileReport(path=path, source_format=SourceFormat.TERRAFORM_HCL, errors=[error])
                    for path, error in sorted(self.var_file_errors.items())]
        return reports

    def report(self, state: FileState) -> FileReport:
        return FileReport(path=state.display, source_format=state.fmt, resources=self.found.get(id(state), []),
                          errors=state.errors, suppressions=state.suppressions, region=state.region,
                          uploads=self.uploads.get(id(state), []))

    # -- modules ------------------------------------------------------------------------------------
    def module(self, folder: Path, files: list[Path] | None = None) -> ModuleDef:
        folder = folder.resolve()
        if folder in self.modules:
            return self.modules[folder]
        module = ModuleDef(folder, self.options)
        self.modules[folder] = module
        names = set(files or [])
        with contextlib.suppress(OSError):
            names.update(p.resolve() for p in folder.iterdir()
                         if p.is_file() and (p.name.endswith(".tf") or p.name.endswith(".tf.json")))
        for path in sorted(names):
            module.add_file(path)
        return module

    def local_source(self, module: ModuleDef, call: Decl) -> Path | None:
        source = call.body.attribute("source")
        if source is None:
            return None
        raw = source.node.value if isinstance(source.src, str) else None
        if raw is None and not isinstance(source.src, str):
            value = Scope(self, module, Instance("", None, None, (), None)).evaluator.eval(source)
            raw = value.scalar() if is_known(value) else None
        return local_module(module.folder, raw) if isinstance(raw, str) else None

    def _called(self, scanned: list[ModuleDef]) -> set[Path]:
        called: set[Path] = set()
        queue = list(scanned)
        seen = {m.folder for m in scanned}
        while queue:
            module = queue.pop()
            for call in module.calls:
                target = self.local_source(module, call)
                if target is None or target == module.folder:
                    continue
                called.add(target)
                if target not in seen:
                    seen.add(target)
                    queue.append(self.module(target))
        return called

    def tfvars(self, folder: Path) -> dict[str, Value]:
        if folder not in self._tfvars:
            self._tfvars[folder], errors = load_tfvars(folder, self.options)
            for error in errors:
                self.var_file_errors.setdefault(error.span.file, error)
        return self._tfvars[folder]

    # -- instances ----------------------------------------------------------------------------------
    def instantiate(self, module: ModuleDef, inst: Instance) -> None:
        self.instantiated.add(module.folder)
        scope = Scope(self, module, inst)
        region = self._region(scope) or inst.region
        for decl in module.resources:
            own = self._provider_region(scope, decl.body.attribute("provider"), region)
            for suffix, env, gate in expand(scope.evaluator, decl.body, {}):
                resource = build_resource(scope, decl, suffix, env, gate, own)
                if resource is not None:
                    self.found.setdefault(id(decl.body.file), []).append(resource)
        for decl in uploads_of(module):
            for suffix, env, _ in expand(scope.evaluator, decl.body, {}):
                self.uploads.setdefault(id(decl.body.file), []).append(build_upload(scope, decl, suffix, env))
        if len(inst.chain) >= MAX_MODULE_DEPTH:
            return
        for call in module.calls:
            target = self.local_source(module, call)
            if target is None:
                remote = external_module(scope, call)
                if remote is not None:
                    self.found.setdefault(id(call.body.file), []).append(remote)
                continue
            if str(target) in inst.chain:
                continue
            child = self.module(target)
            name = call.labels[0] if call.labels else "module"
            for suffix, env, gate in expand(scope.evaluator, call.body, {}):
                prefix = f"{inst.prefix}.module.{name}{suffix}" if inst.prefix else f"module.{name}{suffix}"
                inputs = call_inputs(scope, call, env)
                child_region = self._passed_region(scope, call, region)
                self.instantiate(child, Instance(prefix, inputs, child_region, (*inst.chain, str(target)),
                                                 join_gates(inst.condition, gate)))

    def _provider_region(self, scope: Scope, ref: Expr | None, default: Value | None) -> Value | None:
        """The region of ``provider = aws.alias`` (None when that provider pins none), else ``default``."""
        return default if ref is None else self._alias_region(scope, provider_alias(ref))

    def _passed_region(self, scope: Scope, call: Decl, default: Value | None) -> Value | None:
        """The region of the provider a module call passes as ``providers = { aws = aws.alias }``."""
        providers = call.body.attribute("providers")
        obj = scope.evaluator.eval(providers).as_object() if providers is not None else None
        entry = obj.entry("aws") if obj is not None else None
        if entry is None or entry.value.expression is None:
            return default
        m = re.fullmatch(r"\s*aws\.([A-Za-z_][\w-]*)\s*", entry.value.expression)
        return self._alias_region(scope, m.group(1) if m else None)

    def _alias_region(self, scope: Scope, alias: str | None) -> Value | None:
        decl = scope.module.aliases.get(alias or "")
        expr = decl.body.attribute("region") if decl is not None else None
        value = scope.evaluator.eval(expr) if expr is not None else None
        return value if value is not None and is_known(value) and isinstance(value.data, str) else None

    def _region(self, scope: Scope) -> Value | None:
        found: Value | None = None
        for decl in scope.module.providers:
            expr = decl.body.attribute("region")
            if expr is None:
                continue
            value = scope.evaluator.eval(expr)
            if is_known(value) and isinstance(value.data, str):
                if scope.inst.prefix == "" or decl.body.file.region is None:
                    decl.body.file.region = value.data
                found = found or value
        return found
