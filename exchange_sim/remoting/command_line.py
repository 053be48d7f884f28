"""What a WinRS command line asks for: powershell.exe with a script, or some other program for cmd.exe.

Follows powershell.exe 5.1's own parameter rules (reference/remoting.md §8.1): parameter names match by
unambiguous prefix, any case, with `-` or `/`; `-EncodedCommand` carries base64 of UTF-16LE.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Sequence

_POWERSHELL_PROGRAMS = {"powershell", "powershell.exe", "pwsh", "pwsh.exe"}

# powershell.exe 5.1 tries its parameters in this order and takes the first whose name starts with what was
# typed, provided at least the minimal prefix was typed (so `-e`/`-enc` is EncodedCommand, `-ex` ExecutionPolicy,
# `-c` Command); `-ec`, `-ep` and `-ea` are extra aliases.
_PARAMETERS: tuple[tuple[str, str, bool], ...] = (  # (name, minimal prefix, takes a value)
    ("help", "h", False),
    ("windowstyle", "w", True),
    ("nologo", "nol", False),
    ("noexit", "noe", False),
    ("sta", "s", False),
    ("mta", "mta", False),
    ("noprofile", "nop", False),
    ("noninteractive", "noni", False),
    ("inputformat", "i", True),
    ("outputformat", "o", True),
    ("executionpolicy", "ex", True),
    ("encodedcommand", "e", True),
    ("encodedarguments", "encodeda", True),
    ("command", "c", True),
    ("file", "f", True),
    ("version", "v", True),
    ("configurationname", "config", True),
)
_ALIASES = {"ec": "encodedcommand", "ep": "executionpolicy", "ea": "encodedarguments", "?": "help"}
_VALUED = {name for name, _, valued in _PARAMETERS if valued}


@dataclass(frozen=True)
class PowerShellLaunch:
    """powershell.exe asked to run `script` (from -EncodedCommand or -Command) or the lab file `file_path`."""

    script: str
    source: str  # "EncodedCommand", "Command", "File", or "" when there was nothing to run
    file_path: str | None = None
    file_arguments: tuple[str, ...] = ()


@dataclass(frozen=True)
class NativeLaunch:
    program: str
    arguments: tuple[str, ...]
    line: str


@dataclass(frozen=True)
class LaunchError:
    """powershell.exe refusing its own command line; the text goes to stderr and the exit code is returned."""

    message: str
    exit_code: int = 1


def split_arguments(line: str) -> list[str]:
    """Split a Windows command line as CommandLineToArgvW does (quotes group; `\\"` is a literal quote)."""
    arguments: list[str] = []
    current: list[str] = []
    in_quotes = False
    has_token = False
    index = 0
    while index < len(line):
        ch = line[index]
        if ch == "\\":
            run = 0
            while index < len(line) and line[index] == "\\":
                run += 1
                index += 1
            if index < len(line) and line[index] == '"':
                current.append("\\" * (run // 2))
                if run % 2:
                    current.append('"')
                    index += 1
            else:
                current.append("\\" * run)
            has_token = True
            continue
        if ch == '"':
            in_quotes = not in_quotes
            has_token = True
        elif ch in " \t" and not in_quotes:
            if has_token:
                arguments.append("".join(current))
                current, has_token = [], False
        else:
            current.append(ch)
            has_token = True
        index += 1
    if has_token:
        arguments.append("".join(current))
    return arguments


def parse_launch(command: str, arguments: Sequence[str] = ()) -> PowerShellLaunch | NativeLaunch | LaunchError:
    """pywinrm sends the program in `Command` and the rest in `Arguments`; others put all in `Command`."""
    line = " ".join([command.strip(), *[a for a in arguments if a]]).strip()
    words = split_arguments(line)
    if not words:
        return NativeLaunch("", (), line)
    program = words[0].rsplit("\\", 1)[-1].lower()
    if program not in _POWERSHELL_PROGRAMS:
        return NativeLaunch(words[0], tuple(words[1:]), line)
    return _parse_powershell(words[1:], line)


def _parse_powershell(words: list[str], line: str) -> PowerShellLaunch | LaunchError:
    index = 0
    while index < len(words):
        word = words[index]
        if not word.startswith(("-", "/")) or word in ("-", "/"):
            # Bare text after the switches is the command, as if -Command had been given.
            return PowerShellLaunch(" ".join(words[index:]), "Command")
        name = _resolve(word[1:].lower())
        if name is None:
            return LaunchError(
                f"-{word[1:]} : The term '-{word[1:]}' is not recognized as a parameter of powershell.exe.\r\n"
                "Specify a valid parameter, for example -Command or -EncodedCommand, and try again."
            )
        if name == "encodedcommand":
            if index + 1 >= len(words):
                return LaunchError("Cannot process the command because -EncodedCommand requires an argument.")
            return _decode(words[index + 1])
        if name == "command":
            rest = words[index + 1:]
            if rest == ["-"]:
                return PowerShellLaunch("", "")
            return PowerShellLaunch(" ".join(rest), "Command")
        if name == "file":
            if index + 1 >= len(words):
                return LaunchError("Cannot process the command because -File requires an argument.")
            return PowerShellLaunch("", "File", words[index + 1], tuple(words[index + 2:]))
        if name in _VALUED:
            index += 2
            continue
        index += 1
    return PowerShellLaunch("", "")


def _resolve(typed: str) -> str | None:
    if typed in _ALIASES:
        return _ALIASES[typed]
    for name, minimal, _ in _PARAMETERS:
        if typed and name.startswith(typed) and typed.startswith(minimal):
            return name
    return None


def _decode(text: str) -> PowerShellLaunch | LaunchError:
    try:
        raw = base64.b64decode(text, validate=True)
        script = raw.decode("utf-16-le")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return LaunchError(
            "Cannot process the command because the value specified with -EncodedCommand is not properly "
            "encoded. The value must be Base64 encoded."
        )
    return PowerShellLaunch(script.lstrip("\ufeff"), "EncodedCommand")


def codec_of(codepage: int) -> str:
    """Python codec for a Windows console code page (WINRS_CODEPAGE; pywinrm sends 437, Ansible 65001)."""
    if codepage == 65001:
        return "utf-8"
    try:
        codec = f"cp{codepage}"
        "".encode(codec)
        return codec
    except LookupError:
        return "cp437"
