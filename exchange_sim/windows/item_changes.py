"""New-Item, Copy-Item, Move-Item and Rename-Item over the lab's file system, with PowerShell's texts.
Every path goes through the LabFileSystem, so nothing leaves the lab or a mount."""

from __future__ import annotations

import shutil
from collections.abc import Callable

from exchange_sim.lab import LabFileSystem, LabPathError
from exchange_sim.lab.filesystem import WindowsPath
from exchange_sim.powershell.values.exceptions import ArgumentException, IOException, ItemNotFoundException
from exchange_sim.windows.file_items import FileSystemItem, get_item


def new_item(
    filesystem: LabFileSystem, path: str, item_type: str = "File", value: str | None = None, force: bool = False
) -> FileSystemItem:
    """New-Item -ItemType File|Directory [-Value] [-Force]."""
    kind = item_type.lower()
    full = str(_full(filesystem, path))
    if kind == "directory":
        if filesystem.exists(full) and not force:
            raise IOException(f"An item with the specified name {full} already exists.")
        _lab(lambda: filesystem.mkdir(full))
        return get_item(filesystem, full)
    if kind != "file":
        raise ArgumentException(f"The type '{item_type}' is not supported by the lab; use File or Directory.")
    if filesystem.exists(full) and not force:
        raise IOException(f"The file '{full}' already exists.")
    parent = str(_full(filesystem, full).parent())
    if force:
        _lab(lambda: filesystem.mkdir(parent))
    elif not filesystem.is_dir(parent):
        raise ItemNotFoundException(f"Could not find a part of the path '{full}'.")
    _lab(lambda: filesystem.write_bytes(full, (value or "").encode("utf-8")))
    return get_item(filesystem, full)


def copy_item(filesystem: LabFileSystem, source: str, destination: str, recurse: bool = False) -> FileSystemItem:
    """Copy-Item: a file onto a file path or into a folder; a folder (its contents only with -Recurse)."""
    item = get_item(filesystem, source)
    target = _target(filesystem, item, destination)
    source_host = filesystem.resolve(item.full_name)
    target_host = filesystem.resolve(target)
    if item.is_directory:
        if recurse:
            # symlinks=True: a planted link is copied as a link (which the lab refuses), never followed out.
            shutil.copytree(source_host, target_host, dirs_exist_ok=True, symlinks=True)
        else:
            target_host.mkdir(exist_ok=True)
    else:
        if not target_host.parent.is_dir():
            raise ItemNotFoundException(f"Could not find a part of the path '{target}'.")
        shutil.copyfile(source_host, target_host)
    return get_item(filesystem, target)


def move_item(filesystem: LabFileSystem, source: str, destination: str) -> FileSystemItem:
    item = get_item(filesystem, source)
    target = _target(filesystem, item, destination)
    if filesystem.exists(target):
        raise IOException("Cannot create a file when that file already exists.")
    target_host = filesystem.resolve(target)
    if not target_host.parent.is_dir():
        raise ItemNotFoundException(f"Could not find a part of the path '{target}'.")
    shutil.move(str(filesystem.resolve(item.full_name)), str(target_host))
    return get_item(filesystem, target)


def rename_item(filesystem: LabFileSystem, path: str, new_name: str) -> FileSystemItem:
    if not filesystem.exists(path):
        raise ItemNotFoundException(
            f"Cannot rename because item at '{_full(filesystem, path)}' does not exist."
        )
    if "\\" in new_name or "/" in new_name:
        raise ArgumentException("Cannot rename the specified target, because it represents a path or device name.")
    item = get_item(filesystem, path)
    current = _full(filesystem, item.full_name)
    target = str(WindowsPath(current.root, current.parts[:-1] + (new_name,)))
    if filesystem.exists(target):
        raise IOException("Cannot create a file when that file already exists.")
    filesystem.resolve(item.full_name).rename(filesystem.resolve(target))
    return get_item(filesystem, target)


def _target(filesystem: LabFileSystem, item: FileSystemItem, destination: str) -> str:
    """Into an existing folder the item keeps its name; otherwise the destination is the new path."""
    full = str(_full(filesystem, destination))
    if filesystem.is_dir(full) and not (item.is_directory and full.lower() == item.full_name.lower()):
        inside = _full(filesystem, full)
        return str(WindowsPath(inside.root, inside.parts + (item.name,)))
    return full


def _full(filesystem: LabFileSystem, path: str) -> WindowsPath:
    try:
        return filesystem.full_path(path)
    except LabPathError as failure:
        raise ItemNotFoundException(failure.message) from None


def _lab(action: Callable[[], None]) -> None:
    try:
        action()
    except LabPathError as failure:
        raise IOException(failure.message) from None
