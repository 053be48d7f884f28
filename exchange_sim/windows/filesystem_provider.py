"""The FileSystem provider of a lab server: one drive (`C:`, or a mounted letter) over the session's
LabFileSystem, so every path a cmdlet names stays inside the lab or a mount."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from exchange_sim.lab import LabFileSystem, LabPathError
from exchange_sim.lab.filesystem import DEFAULT_LOCATION
from exchange_sim.powershell.values.exceptions import (
    ArgumentException,
    DirectoryNotFoundException,
    DotNetException,
    DriveNotFoundException,
    IOException,
    ItemNotFoundException,
    UnauthorizedAccessException,
)
from exchange_sim.windows import item_changes
from exchange_sim.windows.file_items import FileSystemItem, child_items, get_item

Result = TypeVar("Result")


class FileSystemDrive:
    """A FileSystem drive (`DriveProvider` of powershell/providers.py)."""

    provider_name = "FileSystem"
    qualified_name = "Microsoft.PowerShell.Core\\FileSystem"

    def __init__(self, filesystem: LabFileSystem, letter: str, home: str = DEFAULT_LOCATION) -> None:
        self._filesystem = filesystem
        self.drive_name = letter.upper()
        self.root = f"{self.drive_name}:\\"
        self.home: str | None = home if self.drive_name == "C" else None

    # -- paths ----------------------------------------------------------------------------
    def normalize(self, path: str) -> str:
        return str(_lab(lambda: self._filesystem.full_path(path)))

    def split_root(self, path: str) -> tuple[str, str]:
        text = path.replace("/", "\\")
        if text.startswith("\\\\"):
            pieces = text[2:].split("\\", 2)
            root = "\\\\" + "\\".join(pieces[:2]) + "\\"
            return root, pieces[2] if len(pieces) > 2 else ""
        return text[:2] + "\\", text[2:].lstrip("\\")

    def join(self, parent: str, child: str) -> str:
        if not child:
            return parent
        return parent.rstrip("\\/") + "\\" + child.lstrip("\\/")

    def parent(self, path: str) -> str | None:
        full = _lab(lambda: self._filesystem.full_path(path))
        return str(full.parent()) if full.parts else None

    # -- items ----------------------------------------------------------------------------
    def exists(self, path: str) -> bool:
        try:
            return self._filesystem.exists(path)
        except LabPathError:
            return False

    def is_container(self, path: str) -> bool:
        try:
            return self._filesystem.is_dir(path)
        except LabPathError:
            return False

    def item(self, path: str) -> FileSystemItem:
        return get_item(self._filesystem, path)

    def children(self, path: str) -> list[tuple[str, Any, bool]]:
        # One level: the session walks -Recurse itself, so every provider recurses alike.
        return [(entry.full_name, entry, entry.is_directory) for entry in child_items(self._filesystem, path)]

    # -- changes --------------------------------------------------------------------------
    def new_item(self, path: str, item_type: str, value: Any, force: bool) -> FileSystemItem:
        kind = (item_type or "File").lower()
        if kind not in ("file", "directory"):
            raise ArgumentException(
                f"The type is not a known type for the file system. Only \"file\" and \"directory\" can be created."
            )
        text = None if value is None else str(value)
        return item_changes.new_item(self._filesystem, path, "Directory" if kind == "directory" else "File", text,
                                     force)

    def remove_item(self, path: str, recurse: bool, options: dict[str, Any]) -> None:
        _lab(lambda: self._filesystem.remove(path, recurse=True))

    def copy_item(self, source: str, destination: str, recurse: bool) -> FileSystemItem:
        return _lab(lambda: item_changes.copy_item(self._filesystem, source, destination, recurse))

    def move_item(self, source: str, destination: str) -> FileSystemItem:
        return _lab(lambda: item_changes.move_item(self._filesystem, source, destination))

    def rename_item(self, path: str, new_name: str) -> FileSystemItem:
        return _lab(lambda: item_changes.rename_item(self._filesystem, path, new_name))

    # -- content --------------------------------------------------------------------------
    def read_bytes(self, path: str) -> bytes:
        return _lab(lambda: self._filesystem.read_bytes(path))

    def write_bytes(self, path: str, data: bytes, append: bool) -> None:
        def write() -> None:
            before = self._filesystem.read_bytes(path) if append and self._filesystem.exists(path) else b""
            self._filesystem.write_bytes(path, before + bytes(data))

        _lab(write)


def register_drives(registry: Any, filesystem: LabFileSystem, mounts: Mapping[str, Any],
                    home: str = DEFAULT_LOCATION) -> None:
    """C: always, `home` (the user profile) its home; a mount on another letter (`--mount D:\\certs=...`) makes
    that drive exist too. [IO.File] and [Environment] reach the server through the values layer's DotNetHost
    hooks (`dotnet.machine`)."""
    letters = ["C"] + sorted({prefix[0].upper() for prefix in mounts if prefix[1:2] == ":"} - {"C"})
    for letter in letters:
        registry.add_drive(letter, FileSystemDrive(filesystem, letter, home))


def seed_standard_folders(filesystem: LabFileSystem, environment: Mapping[str, str]) -> None:
    """The folders every Windows server has and scripts write into without creating them first
    (`$env:TEMP`, `C:\\Windows\\Temp`, `$env:ExchangeInstallPath`...). Never inside an operator's mount."""
    profile = environment.get("USERPROFILE", DEFAULT_LOCATION)
    windows = environment.get("windir", "C:\\Windows")
    folders = [environment.get(name) for name in ("TEMP", "ProgramData", "ProgramFiles", "PUBLIC",
                                                  "ExchangeInstallPath")]
    lab_drive = filesystem.resolve("C:\\")
    for folder in [*folders, windows + "\\Temp", profile + "\\Desktop", profile + "\\Documents"]:
        if folder and lab_drive in filesystem.resolve(folder).parents:
            filesystem.mkdir(folder)


def _lab(action: Callable[[], Result]) -> Result:
    """Run a LabFileSystem call; what the lab refuses becomes the .NET or PowerShell error Windows gives."""
    try:
        return action()
    except LabPathError as failure:
        raise _translated(failure.message) from None


def _translated(message: str) -> DotNetException:
    if message.startswith("Cannot find drive"):
        return DriveNotFoundException(message)
    if message.startswith("Cannot find path"):
        return ItemNotFoundException(message)
    if message.startswith("Could not find a part of the path"):
        return DirectoryNotFoundException(message)
    if message.startswith("Access to the path"):
        return UnauthorizedAccessException(message)
    if message.startswith("Illegal characters"):
        return ArgumentException(message)
    return IOException(message)
