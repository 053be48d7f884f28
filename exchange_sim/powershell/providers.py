"""PowerShell's drives and providers for one session: which provider a path belongs to, the current
location and its stack, and wildcard expansion.

The providers themselves live in the layers that own their data (the FileSystem and Certificate
providers in `windows/`); they register a `DriveProvider` per drive with `EngineRegistry.add_drive`.
A provider works on *provider paths* (`C:\\certs\\x.pfx`, `\\\\host\\share\\x`, `LocalMachine\\My\\AB…`);
this module turns what a script types (`Cert:\\LocalMachine`, `..\\x`, `~`, `FileSystem::C:\\x`) into them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from exchange_sim.powershell.values.exceptions import (
    DriveNotFoundException,
    ItemNotFoundException,
    ProviderNotFoundException,
)
from exchange_sim.powershell.values.patterns import has_wildcards, wildcard_match

_DRIVE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*):(.*)$", re.DOTALL)
_QUALIFIED = re.compile(r"^(?:[A-Za-z0-9_.]+\\)?([A-Za-z0-9_.]+)::(.*)$", re.DOTALL)


class DriveProvider(Protocol):
    """What one drive's provider offers; every path argument is a full provider path."""

    drive_name: str  # "C", "Cert"
    provider_name: str  # "FileSystem"
    qualified_name: str  # "Microsoft.PowerShell.Core\\FileSystem"
    root: str  # the drive root as a provider path: "C:\\", ""
    home: str | None  # where `~` leads, None when the provider has no home

    def normalize(self, path: str) -> str: ...  # `..` clamped, separators tidied
    def split_root(self, path: str) -> tuple[str, str]: ...  # (root, the rest), nothing normalised
    def join(self, parent: str, child: str) -> str: ...
    def parent(self, path: str) -> str | None: ...
    def exists(self, path: str) -> bool: ...
    def is_container(self, path: str) -> bool: ...
    def item(self, path: str) -> Any: ...  # ItemNotFoundException when it is not there
    def children(self, path: str) -> list[tuple[str, Any, bool]]: ...  # (path, item, is container)


@dataclass(frozen=True)
class Located:
    """A path the session understood: its provider, its provider path and the drive it was reached by."""

    provider: Any
    path: str
    drive: str | None

    @property
    def display(self) -> str:
        """The PowerShell path as cmdlets print it (`C:\\x`, `Cert:\\LocalMachine\\My`, `FileSystem::\\\\h\\s`)."""
        root = self.provider.root
        if self.drive is not None and self.path.lower().startswith(root.lower()):
            rest = self.path[len(root):].lstrip("\\")
            return f"{self.drive}:\\{rest}"
        return f"{self.provider.qualified_name}::{self.path}"

    @property
    def ps_path(self) -> str:
        return f"{self.provider.qualified_name}::{self.path}"


@dataclass(frozen=True)
class PathInfo:
    """System.Management.Automation.PathInfo, as Get-Location and Resolve-Path return it."""

    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Management.Automation.PathInfo", "System.Object")

    located: Located

    def ps_properties(self) -> Mapping[str, Any]:
        return {
            "Drive": self.located.drive,
            "Provider": self.located.provider.qualified_name,
            "ProviderPath": self.located.path,
            "Path": self.located.display,
        }

    def __str__(self) -> str:
        return self.located.display


class SessionProviders:
    """The drives of one runspace and where it stands; cmdlets reach it as `ctx.providers`."""

    def __init__(self, drives: Mapping[str, Any]) -> None:
        # The registry keys drives in lower case; the provider knows the spelling PowerShell shows.
        self._drives = {name.lower(): (getattr(provider, "drive_name", name), provider)
                        for name, provider in drives.items()}
        self._stack: list[Located] = []
        self._location: Located | None = None
        for name, provider in drives.items():
            # A session starts in the first drive with a home (the user profile on C:).
            if provider.home is not None:
                self._location = Located(provider, provider.home, self._drive_name(name))
                break
        if self._location is None and drives:
            name, provider = next(iter(drives.items()))
            self._location = Located(provider, provider.root, self._drive_name(name))

    # -- locations ------------------------------------------------------------------------
    @property
    def location(self) -> Located:
        if self._location is None:
            raise DriveNotFoundException("This session has no drives, so it has no current location.")
        return self._location

    def set_location(self, text: str) -> Located:
        target = self._single_target(text)
        if not target.provider.exists(target.path):
            raise _not_found(target.display)
        if not target.provider.is_container(target.path):
            raise ItemNotFoundException(f"Cannot find path '{target.display}' because it does not exist.")
        self._location = target
        return target

    def push_location(self, text: str | None) -> None:
        current = self.location
        if text is not None:
            self.set_location(text)
        self._stack.append(current)

    def pop_location(self) -> Located | None:
        if not self._stack:
            return None
        self._location = self._stack.pop()
        return self._location

    # -- paths ----------------------------------------------------------------------------
    def drive_names(self) -> list[str]:
        return [name for name, _provider in self._drives.values()]

    def drives(self) -> list[tuple[str, Any]]:
        """(drive name as PowerShell spells it, provider) of every drive (Get-PSDrive)."""
        return list(self._drives.values())

    def locate(self, text: str) -> Located:
        """The provider path `text` names (no wildcard expansion, no existence check)."""
        provider, path, drive = self._split(text)
        return Located(provider, provider.normalize(path), drive)

    def resolve(self, text: str, literal: bool = False) -> list[Located]:
        """What a -Path argument names: itself when literal or wildcard-free, else every existing match."""
        if literal or not has_wildcards(text):
            return [self.locate(text)]
        provider, path, drive = self._split(text)
        root, rest = provider.split_root(path)
        candidates = [root]
        for part in [piece for piece in rest.replace("/", "\\").split("\\") if piece not in ("", ".")]:
            if part == "..":
                candidates = [provider.parent(candidate) or candidate for candidate in candidates]
            elif has_wildcards(part):
                candidates = [
                    child
                    for candidate in candidates
                    if provider.exists(candidate) and provider.is_container(candidate)
                    for child, _item, _container in provider.children(candidate)
                    if wildcard_match(part, _leaf(child))
                ]
            else:
                candidates = [provider.join(candidate, part) for candidate in candidates]
        return [Located(provider, provider.normalize(found), drive) for found in candidates
                if provider.exists(found)]

    def is_valid(self, text: str) -> bool:
        """Test-Path -IsValid: the drive exists and the provider accepts the spelling."""
        try:
            provider, path, _drive = self._split(text)
            root, rest = provider.split_root(path)
            if has_wildcards(rest):
                return True
            provider.normalize(path)
        except Exception:  # noqa: BLE001 - -IsValid answers only yes or no, whatever the provider raised
            return False
        return True

    # -- content (what Get-Content and friends ask through builtins/runtime.py) -----------
    def read_bytes(self, text: str) -> bytes:
        target = self._single_item(text)
        return bytes(target.provider.read_bytes(target.path))

    def write_bytes(self, text: str, data: bytes, append: bool = False) -> None:
        target = self._single_target(text)
        target.provider.write_bytes(target.path, data, append)

    def file_exists(self, text: str) -> bool:
        try:
            target = self.locate(text)
            return target.provider.exists(target.path) and not target.provider.is_container(target.path)
        except Exception:  # noqa: BLE001 - a path the provider refuses is simply not there
            return False

    # -- internals ------------------------------------------------------------------------
    def _single_item(self, text: str) -> Located:
        matches = self.resolve(text)
        if not matches or not matches[0].provider.exists(matches[0].path):
            raise _not_found(matches[0].display if matches and not has_wildcards(text) else text)
        return matches[0]

    def _single_target(self, text: str) -> Located:
        if has_wildcards(text):
            matches = self.resolve(text)
            if not matches:
                raise _not_found(text)
            return matches[0]
        return self.locate(text)

    def _drive_name(self, name: str) -> str:
        return self._drives[name.lower()][0]

    def _provider_named(self, name: str) -> tuple[Any, str | None]:
        for drive, provider in self._drives.values():
            if provider.provider_name.lower() == name.lower() or provider.qualified_name.lower() == name.lower():
                return provider, drive
        raise ProviderNotFoundException(f"Cannot find a provider with the name '{name}'.")

    def _split(self, text: str) -> tuple[Any, str, str | None]:
        """(provider, raw full provider path, drive name) for what a script typed."""
        if not isinstance(text, str) or text == "":
            raise ItemNotFoundException("Cannot find path '' because it does not exist.")
        qualified = _QUALIFIED.match(text)
        if qualified:
            provider, drive = self._provider_named(qualified.group(1))
            rest = qualified.group(2)
            if not (rest.startswith("\\\\") or _DRIVE.match(rest)):
                rest = provider.join(provider.root, rest)
            # A provider-qualified path names no drive unless it starts with the drive's root.
            return provider, rest, drive if rest.lower().startswith(provider.root.lower()) else None
        drive_match = _DRIVE.match(text)
        if drive_match:
            name, rest = drive_match.group(1), drive_match.group(2)
            found = self._drives.get(name.lower())
            if found is None:
                raise DriveNotFoundException(f"Cannot find drive. A drive with the name '{name}' does not exist.")
            drive, provider = found
            if rest.startswith(("\\", "/")):
                return provider, provider.join(provider.root, rest.lstrip("\\/")), drive
            current = self._location
            base = current.path if current is not None and current.drive == drive else provider.root
            return provider, provider.join(base, rest) if rest else base, drive
        current = self.location
        if text.startswith(("\\\\", "//")):
            provider, drive = self._provider_named("FileSystem")
            return provider, text, None
        if text == "~" or text.startswith(("~\\", "~/")):
            home = current.provider.home
            if home is None:
                raise ItemNotFoundException(
                    f"Home location for this provider is not set. To set the home location, call "
                    f"\"(get-psprovider '{current.provider.provider_name}').Home = 'path'\"."
                )
            return current.provider, current.provider.join(home, text[2:]) if len(text) > 2 else home, \
                self._home_drive(current.provider)
        if text.startswith(("\\", "/")):
            root, _rest = current.provider.split_root(current.path)
            return current.provider, current.provider.join(root, text.lstrip("\\/")), current.drive
        return current.provider, current.provider.join(current.path, text), current.drive

    def _home_drive(self, provider: Any) -> str | None:
        for drive, candidate in self._drives.values():
            if candidate is provider:
                return drive
        return None


def clamped_parts(path: str) -> list[str]:
    """A provider path's names, `.` dropped and `..` clamped at the root as every provider does."""
    parts: list[str] = []
    for part in path.replace("/", "\\").split("\\"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return parts


def _leaf(path: str) -> str:
    return path.rstrip("\\").rsplit("\\", 1)[-1]


def _not_found(display: str) -> ItemNotFoundException:
    return ItemNotFoundException(f"Cannot find path '{display}' because it does not exist.",
                                 target_object=display)
