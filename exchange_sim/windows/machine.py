"""The Windows machine a session runs on: `$env:` values, `[Environment]` facts, DNS answers from the
lab's servers and file access for `[System.IO.File]`.

`LabMachine` offers the optional hooks the values layer's `DotNetHost` looks up (`machine_name`,
`user_name`, `user_domain`, `current_directory`, `temp_path`, `environment_variable`,
`read_file_bytes`, `write_file_bytes`, `file_exists`), so a session host can delegate them here.
"""

from __future__ import annotations

from dataclasses import dataclass

from exchange_sim.lab import Lab, LabFileSystem, LabPathError, Server
from exchange_sim.powershell.values.dotnet.network import IPAddress
from exchange_sim.powershell.values.exceptions import (
    DirectoryNotFoundException,
    DotNetException,
    FileNotFoundException,
    IOException,
    UnauthorizedAccessException,
)

USER_NAME = "Administrator"  # who runs a local session (`exchange-sim run`, `shell`)


def exchange_install_path(version: str) -> str:
    """`$env:ExchangeInstallPath` as Setup writes it (2007 had no version folder)."""
    if version == "2007":
        return "C:\\Program Files\\Microsoft\\Exchange Server\\"
    if version == "2010":
        return "C:\\Program Files\\Microsoft\\Exchange Server\\V14\\"
    return "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\"


@dataclass(frozen=True)
class HostEntry:
    """System.Net.IPHostEntry as `[Net.Dns]::GetHostEntry` returns it."""

    ps_type_names = ("System.Net.IPHostEntry", "System.Object")

    host_name: str
    aliases: tuple[str, ...]
    addresses: tuple[str, ...]

    def ps_properties(self) -> dict[str, object]:
        return {
            "HostName": self.host_name,
            "Aliases": list(self.aliases),
            "AddressList": [IPAddress(address) for address in self.addresses],
        }

    def __str__(self) -> str:
        return "System.Net.IPHostEntry"


class LabMachine:
    """One lab server seen from inside: keeps the session's file system (and so its location)."""

    def __init__(self, lab: Lab, server_name: str, filesystem: LabFileSystem, user: str | None = None) -> None:
        """`user`: who the session runs as, `DOMAIN\\name` or `name` (a remote session's signed-in lab user);
        None is the local administrator of `exchange-sim run`."""
        server = lab.server(server_name)
        if server is None:
            raise LabPathError(f"The lab has no server named '{server_name}'.", server_name)
        self._lab = lab
        self.server: Server = server
        self.filesystem = filesystem
        domain, _, name = (user or USER_NAME).rpartition("\\")
        self._user_name = name
        self._user_domain = (domain or server.domain.split(".")[0]).upper()

    @property
    def profile(self) -> str:
        """The user's profile folder (`$env:USERPROFILE`)."""
        return f"C:\\Users\\{self._user_name}"

    # -- environment ------------------------------------------------------------------------
    def environment(self) -> dict[str, str]:
        """The `Env:` drive's variables, in the order `Get-ChildItem Env:` would not care about."""
        domain = self.server.domain
        profile = self.profile
        values = {
            "ALLUSERSPROFILE": "C:\\ProgramData",
            "APPDATA": f"{profile}\\AppData\\Roaming",
            "COMPUTERNAME": self.server.name.upper(),
            "ComSpec": "C:\\Windows\\system32\\cmd.exe",
            "HOMEDRIVE": "C:",
            "HOMEPATH": profile[2:],
            "LOCALAPPDATA": f"{profile}\\AppData\\Local",
            "NUMBER_OF_PROCESSORS": "4",
            "OS": "Windows_NT",
            "PROCESSOR_ARCHITECTURE": "AMD64",
            "ProgramData": "C:\\ProgramData",
            "ProgramFiles": "C:\\Program Files",
            "ProgramFiles(x86)": "C:\\Program Files (x86)",
            "PUBLIC": "C:\\Users\\Public",
            "SystemDrive": "C:",
            "SystemRoot": "C:\\Windows",
            "TEMP": f"{profile}\\AppData\\Local\\Temp",
            "TMP": f"{profile}\\AppData\\Local\\Temp",
            "USERDNSDOMAIN": domain.upper(),
            "USERDOMAIN": self._user_domain,
            "USERNAME": self._user_name,
            "USERPROFILE": profile,
            "windir": "C:\\Windows",
        }
        values["ExchangeInstallPath"] = exchange_install_path(self.server.version)
        return values

    def environment_variable(self, name: str) -> str | None:
        lowered = name.lower()
        return next((value for key, value in self.environment().items() if key.lower() == lowered), None)

    def machine_name(self) -> str:
        return self.server.name.upper()

    def user_name(self) -> str:
        return self._user_name

    def user_domain(self) -> str:
        return self._user_domain

    def current_directory(self) -> str:
        return self.filesystem.location

    def temp_path(self) -> str:
        # [IO.Path]::GetTempPath() ends with a separator.
        return self.environment()["TEMP"] + "\\"

    # -- DNS --------------------------------------------------------------------------------
    def host_name(self) -> str:
        return self.server.name.upper()

    def host_entry(self, name: str) -> HostEntry:
        """`[Net.Dns]::GetHostEntry(name)`: the lab's servers answer by NetBIOS name or FQDN."""
        servers = self._lab.servers()
        wanted = name.strip().lower()
        for index, server in enumerate(servers):
            if wanted in (server.name.lower(), server.fqdn.lower(), server.netbios.lower()):
                return HostEntry(server.fqdn, (), (f"10.0.0.{11 + index}",))
        if wanted in ("localhost", "127.0.0.1"):
            return HostEntry(self.server.fqdn, (), ("127.0.0.1",))
        raise _SocketException("No such host is known")

    # -- files ------------------------------------------------------------------------------
    def read_file_bytes(self, path: str) -> bytes:
        try:
            return self.filesystem.read_bytes(path)
        except LabPathError as failure:
            raise _io_failure(failure) from None

    def write_file_bytes(self, path: str, data: bytes) -> None:
        try:
            self.filesystem.write_bytes(path, bytes(data))
        except LabPathError as failure:
            raise _io_failure(failure) from None

    def file_exists(self, path: str) -> bool:
        try:
            return self.filesystem.exists(path) and not self.filesystem.is_dir(path)
        except LabPathError:
            # File.Exists never throws: a path it cannot use is simply not there.
            return False


class _SocketException(DotNetException):
    net_type = "System.Net.Sockets.SocketException"


def _io_failure(failure: LabPathError) -> DotNetException:
    """The .NET exception File.* would throw for what the lab refused."""
    message = failure.message
    if message.startswith("Could not find file"):
        return FileNotFoundException(message)
    if message.startswith("Could not find a part of the path"):
        return DirectoryNotFoundException(message)
    if message.startswith("Access to the path"):
        return UnauthorizedAccessException(message)
    return IOException(message)
