"""Bytes to text: BOMs, strict UTF-8, then legacy encodings detected by charset-normalizer.

Any problem is raised as :class:`InputError` with a machine-readable ``kind``; the engine turns it
into a per-file error in the report and goes on with the other files.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass

import charset_normalizer


class InputError(Exception):
    """A file that cannot be checked: empty, binary, too large, unreadable, undecodable..."""

    def __init__(self, kind: str, message: str, stage: str = "read") -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.stage = stage


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    confidence: float
    bom: bool


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control characters other than TAB, LF, VT, FF, CR: their share decides "binary".
_CONTROL = frozenset(range(0, 9)) | {14, 15} | frozenset(range(16, 32)) | {127}
_CONTROL_TABLE = bytes(1 if b in _CONTROL else 0 for b in range(256))
_CONTROL_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_CONTROL)) + "]")


def read_bytes(path: str, max_bytes: int) -> bytes:
    """Read a file, refusing (without reading it all) one larger than ``max_bytes``."""
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer that never comes.
        with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise InputError("unreadable", "not a regular file (a pipe, socket or device)")
            size = st.st_size
            if size > max_bytes:
                raise InputError("too-large", f"file is {size:,} bytes, over the limit of {max_bytes:,} (max_file_bytes)")
            data = fh.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise InputError("vanished", f"file disappeared before it could be read: {exc.strerror}") from exc
    except PermissionError as exc:
        raise InputError("unreadable", f"permission denied: {exc.strerror}") from exc
    except IsADirectoryError as exc:
        raise InputError("unreadable", "is a directory") from exc
    except OSError as exc:
        raise InputError("unreadable", f"cannot read file: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise InputError("too-large", f"file grew over the limit of {max_bytes:,} bytes while being read")
    return data


def decode(data: bytes, max_control_fraction: float = 0.01) -> Decoded:
    """Decode ``data``; raise :class:`InputError` for empty, binary or undecodable input."""
    if not data:
        raise InputError("empty", "file is empty", "decode")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(name)
            except UnicodeDecodeError as exc:
                raise InputError("undecodable", f"has a {name} byte-order mark but is not valid {name}: {exc.reason}", "decode") from exc
            return _checked(Decoded(text, name, 1.0, True), max_control_fraction)
    # translate() maps each byte to 1 (control) or 0, so the sum counts them at C speed.
    controls = sum(data.translate(_CONTROL_TABLE))
    if controls / len(data) > max_control_fraction:
        raise InputError(
            "binary",
            f"looks binary: {controls} of {len(data)} bytes are NUL or control bytes",
            "decode",
        )
    try:
        text = data.decode("utf-8")
        return _checked(Decoded(text, "utf-8" if not data.isascii() else "ascii", 1.0, False), max_control_fraction)
    except UnicodeDecodeError:
        pass
    best = _best_legacy(data)
    if best is None:
        raise InputError("undecodable", "not valid UTF-8 and no legacy encoding fits the bytes", "decode")
    confidence = round(max(0.0, 1.0 - float(best.chaos)), 3)
    return _checked(Decoded(str(best), best.encoding, confidence, False), max_control_fraction)


# When charset-normalizer finds several encodings equally plausible (common for short Western text),
# prefer the ones most legacy news text was actually written in.
_PREFERRED = ("cp1252", "latin_1", "iso8859_15", "mac_roman", "cp1250", "iso8859_2")


def _best_legacy(data: bytes) -> charset_normalizer.CharsetMatch | None:
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return None
    top = min(matches, key=lambda m: (m.chaos, -m.coherence))
    tied = {m.encoding: m for m in matches if m.chaos <= top.chaos + 0.005 and m.coherence >= top.coherence - 0.05}
    for name in _PREFERRED:
        if name in tied:
            return tied[name]
    return top


def _checked(decoded: Decoded, max_control_fraction: float) -> Decoded:
    text = decoded.text
    if not text.strip():
        raise InputError("whitespace-only", "file holds only white space", "decode")
    controls = len(_CONTROL_RE.findall(text))
    if controls / len(text) > max_control_fraction:
        raise InputError("binary", f"decoded text is {controls} of {len(text)} control characters", "decode")
    return decoded
