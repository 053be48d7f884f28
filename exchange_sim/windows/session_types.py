"""The .NET types of the Windows around Exchange, bound to one session's lab server and registered in its
TypeTable: `[X509Certificate2]` and `[X509Store]` (for `New-Object` / `::new`), their enums, `[Net.Dns]`
and `[IO.Directory]`. Classes are made per session so each constructor knows its lab without globals."""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Mapping
from typing import Any

from exchange_sim.lab import Lab, LabPathError
from exchange_sim.powershell.values.dotnet.security import SecureString
from exchange_sim.powershell.values.exceptions import DirectoryNotFoundException, IOException
from exchange_sim.powershell.values.types import TypeTable
from exchange_sim.windows.identity import register_identity_types
from exchange_sim.windows.machine import LabMachine
from exchange_sim.windows.x509 import X509Certificate2, X509ContentType, X509KeyStorageFlags, open_certificate
from exchange_sim.windows.x509_extensions import EXTENSION_TYPES, X509KeyUsageFlags
from exchange_sim.windows.x509_store import OpenFlags, StoreLocation, StoreName, X509Store

_X509 = "System.Security.Cryptography.X509Certificates"


def _certificate_bytes(machine: LabMachine, source: Any) -> bytes:
    """A constructor's first argument: raw bytes, or a path read from the lab's file system."""
    if isinstance(source, (bytes, bytearray)):
        return bytes(source)
    if isinstance(source, list) and all(isinstance(item, int) for item in source):
        return bytes(source)
    return machine.read_file_bytes(str(source))


def certificate_class(machine: LabMachine) -> type[X509Certificate2]:
    class SessionX509Certificate2(X509Certificate2):
        """`New-Object X509Certificate2` with `()`, `(path|bytes)`, `(path|bytes, password[, flags])`."""

        def __init__(self, source: Any = None, password: Any = None, _flags: Any = None) -> None:
            if source is None:
                self._empty = True
                return
            self._load(source, password)

        def _load(self, source: Any, password: Any) -> None:
            secret = None if password is None else password.reveal() if isinstance(password, SecureString) \
                else str(password)
            opened = open_certificate(_certificate_bytes(machine, source), secret)
            super().__init__(
                opened.certificate, opened.friendly_name, opened.has_private_key, None, opened.private_key
            )
            self._empty = False

        def ps_methods(self) -> Mapping[str, Callable[..., Any]]:
            methods = dict(super().ps_methods()) if not self._empty else {}
            methods["Import"] = lambda source, password=None, _flags=None: self._load(source, password)
            return methods

        def ps_properties(self) -> Mapping[str, Any]:
            if self._empty:
                return {"Thumbprint": None, "Subject": "", "HasPrivateKey": False}
            return super().ps_properties()

    return SessionX509Certificate2


def store_class(lab: Lab, server_name: str) -> type[X509Store]:
    class SessionX509Store(X509Store):
        """`New-Object X509Store(name, location)`; .NET's default is CurrentUser\\My."""

        def __init__(self, name: Any = "My", location: Any = "CurrentUser") -> None:
            super().__init__(lab, server_name, name, location)

    return SessionX509Store


def dns_class(machine: LabMachine) -> type:
    class Dns:
        """[System.Net.Dns]: the lab's servers answer."""

        @staticmethod
        def ps_static_methods() -> Mapping[str, Callable[..., Any]]:
            return {
                "GetHostName": machine.host_name,
                "GetHostEntry": lambda name: machine.host_entry(str(name)),
                "GetHostByName": lambda name: machine.host_entry(str(name)),
            }

    return Dns


def directory_class(machine: LabMachine) -> type:
    filesystem = machine.filesystem

    def exists(path: Any) -> bool:
        try:
            return path is not None and filesystem.is_dir(str(path))
        except LabPathError:
            return False

    def create_directory(path: Any) -> str:
        try:
            filesystem.mkdir(str(path))
        except LabPathError as failure:
            raise IOException(failure.message) from None
        return str(filesystem.full_path(str(path)))

    def get_files(path: Any, pattern: Any = "*") -> list[str]:
        full = str(filesystem.full_path(str(path)))
        if not exists(full):
            raise DirectoryNotFoundException(f"Could not find a part of the path '{full}'.")
        names = filesystem.list_dir(full)
        separator = "" if full.endswith("\\") else "\\"
        return [
            f"{full}{separator}{name}"
            for name in names
            if not filesystem.is_dir(f"{full}{separator}{name}")
            and fnmatch.fnmatch(name.lower(), str(pattern).lower())
        ]

    class Directory:
        """[System.IO.Directory] over the lab's file system."""

        @staticmethod
        def ps_static_methods() -> Mapping[str, Callable[..., Any]]:
            return {"Exists": exists, "CreateDirectory": create_directory, "GetFiles": get_files}

    return Directory


def register_types(types: TypeTable, lab: Lab, server_name: str, machine: LabMachine) -> None:
    types.register(certificate_class(machine), f"{_X509}.X509Certificate2")
    types.register(store_class(lab, server_name), f"{_X509}.X509Store")
    for enum_class in (StoreName, StoreLocation, OpenFlags, X509ContentType, X509KeyStorageFlags, X509KeyUsageFlags):
        types.register_enum(enum_class)
    for extension_class in EXTENSION_TYPES:  # `New-Object X509KeyUsageExtension $extension, $true`
        types.register(extension_class, extension_class.ps_type_names[0])
    # `[Net.Dns]` and `[IO.Directory]` resolve too: the table tries a "System." prefix.
    types.register(dns_class(machine), "System.Net.Dns")
    types.register(directory_class(machine), "System.IO.Directory")
    register_identity_types(types, machine)
