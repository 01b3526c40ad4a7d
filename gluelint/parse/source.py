"""Reading an input file as text (every parser: Terraform, variable files, templates, plans, DAG files): size limit,
binary and encoding checks, each a located error."""

from __future__ import annotations

from pathlib import Path

from gluelint.model.resources import ParseError
from gluelint.model.values import Span


class SourceError(Exception):
    """Input that cannot be read as it stands, at a 1-based line and column: every parser raises this one
    (``parse.tree.TreeError`` is its syntax-error kind) and reports it as a located GL001."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def record(self, file: str) -> ParseError:
        return ParseError(span=Span(file=file, line=self.line, column=self.column, end_line=self.line,
                                    end_column=self.column), message=self.message)


def read_text(path: Path, max_bytes: int) -> str:
    """The file's text (UTF-8, a leading BOM dropped). Raises SourceError."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SourceError(f"file is {size} bytes, above the limit of {max_bytes} bytes; not parsed")
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # grew since stat
        raise SourceError(f"file is above the limit of {max_bytes} bytes; not parsed")
    return decode(data)


def decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) >= 2 and (data[0] == 0) != (data[1] == 0)):
        raise SourceError("file is UTF-16 encoded; gluelint reads UTF-8 text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _byte_position(data, nul)
        raise SourceError("binary file (NUL byte), not text", line, column)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(data, exc.start)
        raise SourceError(f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x})", line, column) from None


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, len(data[start:offset].decode("utf-8", errors="replace")) + 1
