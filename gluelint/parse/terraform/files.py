"""``file(path)`` and ``templatefile(path, vars)``: local files a module reads at plan time (state machine
definitions, schedule inputs).

Terraform resolves a relative path against the working directory, which is the root module's folder in
the usual run; ``path.module`` is the folder of the file being evaluated. A file that cannot be read, or is
too large, leaves the value unknown and says why.
"""

from __future__ import annotations

import os
from pathlib import Path

from gluelint.model.values import Entry, ObjectValue, Span, Value
from gluelint.parse.terraform.expressions import Env, Evaluates, is_known
from gluelint.parse.terraform.hcl_reader import HclSource, Node

MAX_READ_BYTES = 1024 * 1024


def _folder(ev: Evaluates, src: HclSource) -> str:
    folder = getattr(ev.resolver, "module_folder", None)
    return str(folder()) if callable(folder) else os.path.dirname(os.path.abspath(src.file))


def path_env(folder: str, env: Env, span: Span) -> Env:
    """``env`` with ``path.module`` bound, for the path argument of file()/templatefile() only."""
    path = Value.of(ObjectValue(entries=[Entry(key="module", value=Value.of(folder, span)),
                                         Entry(key="root", value=Value.of(folder, span))]), span)
    return {**env, "path": path}


def read_file_call(ev: Evaluates, name: str, arg_nodes: list[Node], src: HclSource, env: Env, span: Span,
                   text: str) -> Value:
    if not arg_nodes or (name == "templatefile" and len(arg_nodes) != 2):
        return Value.unknown(text, f"{name}() with unexpected arguments", span)
    folder = _folder(ev, src)
    where = ev.hcl(arg_nodes[0], src, path_env(folder, env, span))
    location = where.as_str() if is_known(where) else None
    if location is None:
        return Value.unknown(text, f"{name}() of a path known only at apply time", span)
    target = Path(location)
    if not target.is_absolute():
        target = Path(folder) / target
    try:
        if target.stat().st_size > MAX_READ_BYTES:
            return Value.unknown(text, f"{name}(): {location} is larger than {MAX_READ_BYTES} bytes", span)
        content = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return Value.unknown(text, f"{name}(): {location} cannot be read ({type(exc).__name__})", span)
    if name == "file":
        return Value.of(content, span, expression=text)
    variables = ev.hcl(arg_nodes[1], src, env)
    obj = variables.as_object() if is_known(variables) else None
    if obj is None or not obj.complete:
        return Value.unknown(text, "templatefile() variables are not known", span)
    inner = {e.key: e.value for e in obj.effective().values()}
    value = ev.template_text(content, span, inner)
    return value.model_copy(update={"expression": text})
