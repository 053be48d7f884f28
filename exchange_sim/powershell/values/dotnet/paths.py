"""System.IO.Path (Windows path rules, pure) and System.IO.File (through the session's file hooks: the values
layer never touches the disk itself)."""

from __future__ import annotations

import secrets
from typing import Any, Callable, Mapping

from exchange_sim.powershell.values import errors
from exchange_sim.powershell.values.objects import Char

INVALID_FILE_NAME_CHARS = ['"', "<", ">", "|", *[chr(i) for i in range(32)], ":", "*", "?", "\\", "/"]
INVALID_PATH_CHARS = ['"', "<", ">", "|", *[chr(i) for i in range(32)]]


def _text(value: Any, parameter: str) -> str:
    if value is None:
        raise errors.ArgumentNullException(f"Value cannot be null.\r\nParameter name: {parameter}")
    return str(value)


def is_rooted(path: str) -> bool:
    return path.startswith(("\\", "/")) or (len(path) >= 2 and path[1] == ":")


def combine(*parts: Any) -> str:
    result = ""
    for part in parts:
        text = _text(part, "path2" if result else "path1")
        if any(ch in text for ch in INVALID_PATH_CHARS):
            raise errors.ArgumentException("Illegal characters in path.")
        if text == "":
            continue
        if is_rooted(text) or result == "":
            result = text
        elif result.endswith(("\\", "/", ":")):
            result += text
        else:
            result += "\\" + text
    return result


def _split_name(path: str) -> tuple[str, str]:
    cut = max(path.rfind("\\"), path.rfind("/"), path.rfind(":") if len(path) > 1 and path[1] == ":" else -1)
    return path[: cut + 1], path[cut + 1:]


def file_name(path: Any) -> str | None:
    return None if path is None else _split_name(str(path))[1]


def extension(path: Any) -> str | None:
    if path is None:
        return None
    name = _split_name(str(path))[1]
    dot = name.rfind(".")
    return name[dot:] if dot >= 0 and dot != len(name) - 1 else ""


def name_without_extension(path: Any) -> str | None:
    if path is None:
        return None
    name = _split_name(str(path))[1]
    dot = name.rfind(".")
    return name[:dot] if dot >= 0 else name


def directory_name(path: Any) -> str | None:
    if path is None:
        return None
    text = str(path)
    if text == "":
        raise errors.ArgumentException("The path is not of a legal form.")
    head, _ = _split_name(text)
    if head in ("", "\\", "/") or (len(head) <= 3 and len(head) >= 2 and head[1] == ":" and len(text) <= 3):
        return None if head in ("\\", "/") or len(text) <= 3 and ":" in text else ""
    stripped = head.rstrip("\\/")
    if len(stripped) == 2 and stripped[1] == ":":
        return stripped + "\\"
    return stripped


def change_extension(path: Any, new: Any) -> str | None:
    if path is None:
        return None
    text = str(path)
    head, name = _split_name(text)
    dot = name.rfind(".")
    base = head + (name[:dot] if dot >= 0 else name)
    if new is None:
        return base
    suffix = str(new)
    return base + (suffix if suffix.startswith(".") or suffix == "" else "." + suffix)


def path_statics(host: Any) -> tuple[Mapping[str, Any], Mapping[str, Callable[..., Any]]]:
    temp = getattr(host, "temp_path", None)
    properties = {"DirectorySeparatorChar": Char("\\"), "AltDirectorySeparatorChar": Char("/"),
                  "PathSeparator": Char(";"), "VolumeSeparatorChar": Char(":")}
    methods = {
        "Combine": combine, "Join": combine,
        "GetFileName": file_name, "GetExtension": extension, "GetFileNameWithoutExtension": name_without_extension,
        "GetDirectoryName": directory_name, "ChangeExtension": change_extension,
        "HasExtension": lambda p: bool(extension(p)),
        "IsPathRooted": lambda p: p is not None and is_rooted(str(p)),
        "GetPathRoot": lambda p: str(p)[:3] if len(str(p)) >= 2 and str(p)[1] == ":" else "",
        "GetTempPath": lambda: temp() if temp is not None else "C:\\Users\\Administrator\\AppData\\Local\\Temp\\",
        "GetRandomFileName": lambda: f"{secrets.token_hex(4)[:8]}.{secrets.token_hex(2)[:3]}",
        "GetInvalidFileNameChars": lambda: [Char(c) for c in INVALID_FILE_NAME_CHARS],
        "GetInvalidPathChars": lambda: [Char(c) for c in INVALID_PATH_CHARS],
        "GetFullPath": lambda p: _full_path(host, _text(p, "path")),
    }
    return properties, methods


def _full_path(host: Any, path: str) -> str:
    if is_rooted(path):
        return path
    current = getattr(host, "current_directory", None)
    base = current() if current is not None else "C:\\"
    return combine(base, path)


def _hook(host: Any, name: str) -> Callable[..., Any]:
    hook = getattr(host, name, None)
    if hook is None:
        raise errors.NotSupportedException(f"This session has no file system for [System.IO.File]::{name}.")
    return hook


def file_statics(host: Any) -> Mapping[str, Callable[..., Any]]:
    """[IO.File] members; each needs the session's `read_file_bytes`/`write_file_bytes`/`file_exists` hook."""

    def read_text(path: Any, *encoding: Any) -> str:
        raw = bytes(_hook(host, "read_file_bytes")(_text(path, "path")))
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        elif raw.startswith(b"\xff\xfe"):
            return raw[2:].decode("utf-16-le")
        return raw.decode("utf-8", errors="replace")

    def write_text(path: Any, text: Any, *encoding: Any) -> None:
        _hook(host, "write_file_bytes")(_text(path, "path"), ("" if text is None else str(text)).encode("utf-8"))

    def write_lines(path: Any, lines: Any, *encoding: Any) -> None:
        items = lines if isinstance(lines, (list, tuple)) else [lines]
        write_text(path, "".join(f"{line}\r\n" for line in items))

    def append_text(path: Any, text: Any, *encoding: Any) -> None:
        exists = getattr(host, "file_exists", None)
        before = read_text(path) if exists is not None and exists(str(path)) else ""
        write_text(path, before + ("" if text is None else str(text)))

    return {
        "ReadAllBytes": lambda p: bytearray(_hook(host, "read_file_bytes")(_text(p, "path"))),
        "WriteAllBytes": lambda p, data: _hook(host, "write_file_bytes")(_text(p, "path"),
                                                                         bytes(int(b) & 0xFF for b in data)),
        "ReadAllText": read_text,
        "ReadAllLines": lambda p, *e: read_text(p).replace("\r\n", "\n").split("\n")[:-1]
        if read_text(p).endswith("\n") else read_text(p).replace("\r\n", "\n").split("\n"),
        "WriteAllText": write_text,
        "WriteAllLines": write_lines,
        "AppendAllText": append_text,
        "Exists": lambda p: p is not None and bool(_hook(host, "file_exists")(str(p))),
    }
