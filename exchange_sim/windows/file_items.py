"""FileInfo / DirectoryInfo items of the lab's file system, as `Get-Item` and `Get-ChildItem` give them
(Name, FullName, Length, LastWriteTime, Extension, Mode, PSPath ...), and the listing rules of
`Get-ChildItem` (`-Recurse`, `-Filter`, `-File`, `-Directory`)."""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, ClassVar

from exchange_sim.lab import LabFileSystem, LabPathError
from exchange_sim.powershell.values.exceptions import ItemNotFoundException

PROVIDER_PREFIX = "Microsoft.PowerShell.Core\\FileSystem::"


@dataclass(frozen=True)
class FileSystemItem:
    """One file or folder; `parent` is the full Windows path of its folder (None for a drive root)."""

    ps_type_names: ClassVar[tuple[str, ...]] = ()

    full_name: str
    parent: str | None
    is_directory: bool
    length: int
    last_write_time: datetime

    @property
    def name(self) -> str:
        return self.full_name.rstrip("\\").rsplit("\\", 1)[-1] if self.parent is not None else self.full_name

    @property
    def extension(self) -> str:
        # Path.GetExtension: from the last dot, empty when there is none or it ends the name.
        name = self.name
        dot = name.rfind(".")
        return "" if dot < 0 or dot == len(name) - 1 else name[dot:]

    @property
    def mode(self) -> str:
        # 5.1 shows d for folders and a (archive) for files written since the last backup.
        return "d-----" if self.is_directory else "-a----"

    def ps_properties(self) -> Mapping[str, Any]:
        properties: dict[str, Any] = {
            "PSPath": f"{PROVIDER_PREFIX}{self.full_name}",
            "PSParentPath": f"{PROVIDER_PREFIX}{self.parent}" if self.parent is not None else "",
            "PSChildName": self.name,
            "PSDrive": self.full_name[0] if self.full_name[1:2] == ":" else None,
            "PSProvider": "Microsoft.PowerShell.Core\\FileSystem",
            "PSIsContainer": self.is_directory,
            "Mode": self.mode,
            "Name": self.name,
        }
        if not self.is_directory:
            properties["Length"] = self.length
            properties["DirectoryName"] = self.parent
        properties.update(
            {
                "FullName": self.full_name,
                "Extension": self.extension,
                "Exists": True,
                "LastWriteTime": self.last_write_time,
                "Attributes": "Directory" if self.is_directory else "Archive",
            }
        )
        return properties

    def __str__(self) -> str:
        # FileInfo.ToString() is the path it was made with; Get-ChildItem items read as their name.
        return self.name


class FileInfo(FileSystemItem):
    ps_type_names = ("System.IO.FileInfo", "System.IO.FileSystemInfo", "System.MarshalByRefObject", "System.Object")


class DirectoryInfo(FileSystemItem):
    ps_type_names = (
        "System.IO.DirectoryInfo",
        "System.IO.FileSystemInfo",
        "System.MarshalByRefObject",
        "System.Object",
    )


def get_item(filesystem: LabFileSystem, path: str) -> FileSystemItem:
    """`Get-Item path`: the item, or PowerShell's PathNotFound."""
    try:
        full = filesystem.full_path(path)
        host = filesystem.resolve(str(full))
    except LabPathError as failure:
        raise ItemNotFoundException(failure.message) from None
    if not host.exists():
        raise ItemNotFoundException(f"Cannot find path '{full}' because it does not exist.")
    stat = host.stat()
    modified = datetime.fromtimestamp(stat.st_mtime, timezone.utc).replace(tzinfo=None)
    parent = str(full.parent()) if full.parts else None
    if host.is_dir():
        return DirectoryInfo(str(full), parent, True, 0, modified)
    return FileInfo(str(full), parent, False, stat.st_size, modified)


def child_items(
    filesystem: LabFileSystem,
    path: str,
    recurse: bool = False,
    name_filter: str | None = None,
    files_only: bool = False,
    directories_only: bool = False,
) -> list[FileSystemItem]:
    """`Get-ChildItem path`: folders' contents (folders first at each level, as 5.1 lists them); a file
    path lists the file itself."""
    item = get_item(filesystem, path)
    if not item.is_directory:
        return [item]
    found: list[FileSystemItem] = []
    _collect(filesystem, item.full_name, recurse, found)
    return [
        entry
        for entry in found
        if (name_filter is None or fnmatch.fnmatch(entry.name.lower(), name_filter.lower()))
        and not (files_only and entry.is_directory)
        and not (directories_only and not entry.is_directory)
    ]


def _collect(filesystem: LabFileSystem, folder: str, recurse: bool, found: list[FileSystemItem]) -> None:
    separator = "" if folder.endswith("\\") else "\\"
    children = [get_item(filesystem, f"{folder}{separator}{name}") for name in filesystem.list_dir(folder)]
    ordered = [child for child in children if child.is_directory] + [c for c in children if not c.is_directory]
    for child in ordered:
        found.append(child)
    if recurse:
        for child in ordered:
            if child.is_directory:
                _collect(filesystem, child.full_name, recurse, found)
