"""Windows paths of a lab server, resolved to folders inside the lab (or an operator's mount).

`C:\\certs\\x.req` on EXCH01 is `DIR/fs/EXCH01/C/certs/x.req`; `\\\\HOST\\share\\x.pfx` is
`DIR/fs/unc/host/share/x.pfx`. Nothing a script says can leave the lab or a mount.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from exchange_sim.lab.errors import LabPathError

DEFAULT_LOCATION = "C:\\Users\\Administrator"
_SYSTEM_DRIVE = "C"
_DEVICE_NAMES = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"COM{digit}" for digit in range(1, 10)]
    + [f"LPT{digit}" for digit in range(1, 10)]
)
_INVALID_CHARACTERS = frozenset('<>:"|?*') | frozenset(chr(code) for code in range(32))


def server_root(lab_dir: Path, server: str) -> Path:
    return lab_dir / "fs" / server.upper()


def unc_root(lab_dir: Path) -> Path:
    return lab_dir / "fs" / "unc"


@dataclass(frozen=True)
class WindowsPath:
    """A full, normalised Windows path: a root (`C:\\` or `\\\\host\\share\\`) and its parts."""

    root: str
    parts: tuple[str, ...]

    def __str__(self) -> str:
        return self.root + "\\".join(self.parts)

    @property
    def drive(self) -> str | None:
        return self.root[0].upper() if len(self.root) >= 2 and self.root[1] == ":" else None

    def parent(self) -> WindowsPath:
        return WindowsPath(self.root, self.parts[:-1])

    def starts_with(self, prefix: WindowsPath) -> bool:
        return self.root.lower() == prefix.root.lower() and [
            part.lower() for part in self.parts[: len(prefix.parts)]
        ] == [part.lower() for part in prefix.parts]


class LabFileSystem:
    def __init__(
        self,
        lab_dir: Path,
        server: str,
        mounts: Mapping[str, str | Path] | None = None,
        location: str = DEFAULT_LOCATION,
    ) -> None:
        self._lab_dir = Path(lab_dir)
        self.server = server
        self._root = server_root(self._lab_dir, server)
        self._location = WindowsPath("C:\\", tuple(part for part in DEFAULT_LOCATION[3:].split("\\")))
        parsed_mounts: list[tuple[WindowsPath, Path]] = []
        for prefix, host in (mounts or {}).items():
            parsed = self._parse(prefix, self._location)
            parsed_mounts.append((parsed, Path(host)))
        # Longest prefix first, so a mount of C:\certs\deep wins over a mount of C:\certs.
        self._mounts = sorted(parsed_mounts, key=lambda item: len(item[0].parts), reverse=True)
        # C:\ and the user profile exist on every server from the start.
        # Walked first so a planted link is refused before mkdir could follow it out of the lab.
        profile = self._walk(self._root / _SYSTEM_DRIVE, self._location.parts, self._location)
        profile.mkdir(parents=True, exist_ok=True)
        self._location = self.full_path(location)

    # -- locations ------------------------------------------------------------------------
    @property
    def location(self) -> str:
        return str(self._location)

    def set_location(self, win_path: str) -> None:
        target = self.full_path(win_path)
        if not self.resolve(str(target)).is_dir():
            raise LabPathError(f"Cannot find path '{target}' because it does not exist.", str(target))
        self._location = target

    def full_path(self, win_path: str) -> WindowsPath:
        """The normalised absolute Windows path, `..` clamped at the root as Windows does."""
        return self._parse(win_path, self._location)

    # -- resolution -----------------------------------------------------------------------
    def resolve(self, win_path: str) -> Path:
        full = self.full_path(win_path)
        base, inside = self._base_for(full)
        resolved = self._walk(base, inside, full)
        if full.root.startswith("\\\\"):
            # A share exists as soon as it is named (the lab has no share administration).
            base.mkdir(parents=True, exist_ok=True)
        return resolved

    def to_windows(self, path: Path | str) -> str:
        """The Windows spelling of a host path inside this server's view (for messages)."""
        host = Path(path)
        for prefix, mount in self._mounts:
            if host == mount or mount in host.parents:
                return str(WindowsPath(prefix.root, prefix.parts + host.relative_to(mount).parts))
        if host == self._root or self._root in host.parents:
            parts = host.relative_to(self._root).parts
            if parts:
                return str(WindowsPath(f"{parts[0]}:\\", parts[1:]))
        unc = unc_root(self._lab_dir)
        if unc in host.parents:
            parts = host.relative_to(unc).parts
            if len(parts) >= 2:
                return str(WindowsPath(f"\\\\{parts[0]}\\{parts[1]}\\", parts[2:]))
        return str(host)

    # -- file operations ------------------------------------------------------------------
    def exists(self, win_path: str) -> bool:
        return self.resolve(win_path).exists()

    def is_dir(self, win_path: str) -> bool:
        return self.resolve(win_path).is_dir()

    def read_bytes(self, win_path: str) -> bytes:
        full = self.full_path(win_path)
        host = self.resolve(win_path)
        if host.is_dir():
            raise LabPathError(f"Access to the path '{full}' is denied.", str(full))
        if not host.exists():
            if host.parent.is_dir():
                raise LabPathError(f"Could not find file '{full}'.", str(full))
            raise LabPathError(f"Could not find a part of the path '{full}'.", str(full))
        return host.read_bytes()

    def write_bytes(self, win_path: str, data: bytes) -> None:
        """Like File.WriteAllBytes: replaces the file; the folder must already exist."""
        full = self.full_path(win_path)
        host = self.resolve(win_path)
        if not host.parent.is_dir():
            raise LabPathError(f"Could not find a part of the path '{full}'.", str(full))
        if host.is_dir():
            raise LabPathError(f"Access to the path '{full}' is denied.", str(full))
        host.write_bytes(data)

    def mkdir(self, win_path: str) -> None:
        """Like New-Item -ItemType Directory: creates missing parent folders too."""
        full = self.full_path(win_path)
        host = self.resolve(win_path)
        if host.exists() and not host.is_dir():
            raise LabPathError(f"An item with the specified name {full} already exists.", str(full))
        host.mkdir(parents=True, exist_ok=True)

    def list_dir(self, win_path: str) -> list[str]:
        full = self.full_path(win_path)
        host = self.resolve(win_path)
        if not host.is_dir():
            raise LabPathError(f"Cannot find path '{full}' because it does not exist.", str(full))
        return sorted((child.name for child in host.iterdir()), key=str.lower)

    def remove(self, win_path: str, recurse: bool = False) -> None:
        full = self.full_path(win_path)
        host = self.resolve(win_path)
        if not host.exists():
            raise LabPathError(f"Cannot find path '{full}' because it does not exist.", str(full))
        if host.is_dir():
            if any(host.iterdir()) and not recurse:
                raise LabPathError(
                    f"The item at {full} has children and the Recurse parameter was not specified.",
                    str(full),
                )
            shutil.rmtree(host)
            return
        host.unlink()

    # -- internals ------------------------------------------------------------------------
    def _parse(self, win_path: str, location: WindowsPath) -> WindowsPath:
        if not isinstance(win_path, str) or not win_path.strip():
            raise LabPathError("Cannot bind argument to parameter 'Path' because it is an empty string.")
        text = win_path.strip().replace("/", "\\")
        if text.startswith("\\\\"):
            pieces = [piece for piece in text[2:].split("\\")]
            if pieces and pieces[0] in ("?", "."):
                # \\?\ and \\.\ are Win32 device namespaces, not shares; a script has no use for them.
                raise LabPathError(f"The path '{win_path}' uses a device namespace, which the lab does not offer.", win_path)
            if (
                len(pieces) < 2
                or any(piece.strip(". ") == "" for piece in pieces[:2])
                or any(char in _INVALID_CHARACTERS for piece in pieces[:2] for char in piece)
            ):
                raise LabPathError(f"The network path '{win_path}' was not found.", win_path)
            root = f"\\\\{pieces[0]}\\{pieces[1]}\\"
            return WindowsPath(root, self._normalise(pieces[2:], (), win_path))
        if len(text) >= 2 and text[1] == ":":
            drive = text[0].upper()
            if not drive.isalpha():
                raise LabPathError(f"Cannot find drive. A drive with the name '{text[0]}' does not exist.", win_path)
            rest = text[2:]
            if rest.startswith("\\"):
                start: tuple[str, ...] = ()
            elif location.drive == drive:
                start = location.parts  # `C:foo` is relative to the drive's current folder
            else:
                start = ()
            return WindowsPath(f"{drive}:\\", self._normalise(rest.split("\\"), start, win_path))
        if text.startswith("\\"):
            return WindowsPath(location.root, self._normalise(text.split("\\"), (), win_path))
        return WindowsPath(location.root, self._normalise(text.split("\\"), location.parts, win_path))

    def _normalise(self, pieces: list[str], start: tuple[str, ...], original: str) -> tuple[str, ...]:
        parts = list(start)
        for piece in pieces:
            if piece in ("", "."):
                continue
            if piece == "..":
                # Windows clamps `..` at the root: C:\..\..\etc is C:\etc.
                if parts:
                    parts.pop()
                continue
            if any(char in _INVALID_CHARACTERS for char in piece):
                raise LabPathError("Illegal characters in path.", original)
            # Windows drops trailing dots and spaces from a file name ("x.req." is "x.req").
            name = piece.rstrip(". ")
            if not name:
                continue
            if name.split(".", 1)[0].rstrip(" ").upper() in _DEVICE_NAMES:
                raise LabPathError(
                    f"The path '{original}' names the device '{name}', which cannot be used as a "
                    "file in the lab.",
                    original,
                )
            parts.append(name)
        return tuple(parts)

    def _base_for(self, full: WindowsPath) -> tuple[Path, tuple[str, ...]]:
        for prefix, host in self._mounts:
            if full.starts_with(prefix):
                return host, full.parts[len(prefix.parts) :]
        if full.root.startswith("\\\\"):
            host_name, share = full.root[2:-1].split("\\", 1)
            return unc_root(self._lab_dir) / host_name.lower() / share.lower(), full.parts
        drive = full.drive
        if drive != _SYSTEM_DRIVE and any(prefix.drive == drive for prefix, _host in self._mounts):
            raise LabPathError(
                f"Cannot find path '{full}' because it is outside the folders mounted on drive {drive}.",
                str(full),
            )
        if drive != _SYSTEM_DRIVE:
            raise LabPathError(
                f"Cannot find drive. A drive with the name '{drive}' does not exist.", str(full)
            )
        return self._root / _SYSTEM_DRIVE, full.parts

    def _walk(self, base: Path, parts: tuple[str, ...], full: WindowsPath) -> Path:
        # Inside the lab, the folders from the lab root down to the drive or share are checked
        # too: replacing `fs/EXCH01` with a link must not open a way out either.
        if self._lab_dir in base.parents:
            step = self._lab_dir
            for name in base.relative_to(self._lab_dir).parts:
                step = step / name
                if step.is_symlink():
                    raise self._symlink_error(full)
        elif base.is_symlink():
            raise self._symlink_error(full)
        current = base
        for part in parts:
            current = current / _existing_spelling(current, part)
            if current.is_symlink():
                raise self._symlink_error(full)
        return current

    @staticmethod
    def _symlink_error(full: WindowsPath) -> LabPathError:
        return LabPathError(
            f"The path '{full}' passes through a symbolic link, which the lab does not follow.",
            str(full),
        )


def _existing_spelling(folder: Path, name: str) -> str:
    # Windows names are case-insensitive: reuse an existing entry's spelling when there is one.
    if (folder / name).exists() or (folder / name).is_symlink() or not folder.is_dir():
        return name
    lowered = name.lower()
    for child in folder.iterdir():
        if child.name.lower() == lowered:
            return child.name
    return name
