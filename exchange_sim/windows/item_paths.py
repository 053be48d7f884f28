"""What Join-Path, Split-Path and Test-Path decide about a path, across the lab's FileSystem drives and
`Cert:\\` (the cmdlets call these once the engine's provider API lands)."""

from __future__ import annotations

import re

from exchange_sim.lab import LabFileSystem, LabPathError
from exchange_sim.powershell.values.exceptions import DriveNotFoundException, ItemNotFoundException
from exchange_sim.windows.cert_drive import CertificateDrive

_DRIVE = re.compile(r"^([A-Za-z][A-Za-z0-9_]*):(.*)$", re.DOTALL)
_INVALID_PATH_CHARACTERS = frozenset('"<>|') | frozenset(chr(code) for code in range(32))
_FILE_SYSTEM_DRIVES = frozenset("C")


def drive_name(path: str) -> str | None:
    """The PowerShell drive a path names (`C`, `Cert`), None for a relative or UNC path."""
    text = path.strip()
    if text.lower().startswith("microsoft.powershell.security\\certificate::"):
        return "Cert"
    match = _DRIVE.match(text)
    return match.group(1) if match else None


def check_drive(path: str) -> None:
    """PowerShell's DriveNotFound for a drive the session does not have."""
    name = drive_name(path)
    if name is None or name.lower() == "cert" or name.upper() in _FILE_SYSTEM_DRIVES:
        return
    raise DriveNotFoundException(f"Cannot find drive. A drive with the name '{name}' does not exist.")


def join_path(parent: str, child: str) -> str:
    """Join-Path: one backslash between the parts, whatever each side ends or starts with."""
    check_drive(parent)
    if not child:
        return parent
    return parent.rstrip("\\/") + "\\" + child.lstrip("\\/")


def split_parent(path: str) -> str:
    """Split-Path (-Parent): everything before the last separator; a drive root's parent is empty."""
    text = path.rstrip("\\/")
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*:", text):
        return ""
    cut = max(text.rfind("\\"), text.rfind("/"))
    if cut < 0:
        return ""
    parent = text[:cut]
    # C:\file -> C:\ (the root keeps its separator)
    return parent + "\\" if parent.endswith(":") else parent


def split_leaf(path: str) -> str:
    text = path.rstrip("\\/")
    cut = max(text.rfind("\\"), text.rfind("/"))
    return text[cut + 1 :] if cut >= 0 else text.split(":", 1)[-1] if ":" in text else text


def is_valid_path(path: str) -> bool:
    """Test-Path -IsValid: syntax only (a wildcard is valid; a bad character or unknown drive is not)."""
    if not path or any(character in _INVALID_PATH_CHARACTERS for character in path):
        return False
    try:
        check_drive(path)
    except DriveNotFoundException:
        return False
    return True


def test_path(
    filesystem: LabFileSystem,
    cert_drive: CertificateDrive,
    path: str,
    path_type: str = "Any",
) -> bool:
    """Test-Path [-PathType Any|Container|Leaf]: never an error, only $true or $false."""
    kind = path_type.lower()
    if (drive_name(path) or "").lower() == "cert":
        try:
            item = cert_drive.get_item(path)
        except ItemNotFoundException:
            return False
        is_container = not hasattr(item, "thumbprint")
    else:
        try:
            check_drive(path)
            if not filesystem.exists(path):
                return False
            is_container = filesystem.is_dir(path)
        except (DriveNotFoundException, LabPathError):
            return False
    if kind == "leaf":
        return not is_container
    if kind == "container":
        return is_container
    return True
