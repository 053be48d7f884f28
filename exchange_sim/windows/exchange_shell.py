"""The Exchange Management Shell's start-up script in each lab server's file system, as Setup installs it:
`bin\\RemoteExchange.ps1` (2010 and later: defines Connect-ExchangeServer, which opens implicit remoting
to the server's /PowerShell/ endpoint) or `bin\\Exchange.ps1` (2007: loads the Admin snap-in). Being
real files, `Get-Content`, `Test-Path` and dot-sourcing see them as on a server."""

from __future__ import annotations

from importlib import resources

from exchange_sim.lab.filesystem import LabFileSystem
from exchange_sim.windows.machine import exchange_install_path


def shell_script_name(version: str) -> str:
    return "Exchange.ps1" if version == "2007" else "RemoteExchange.ps1"


def seed_shell_script(filesystem: LabFileSystem, version: str) -> None:
    """Put the version's start-up script under `$env:ExchangeInstallPath\\bin` unless it is there (an
    operator may have edited it, as an administrator can on a server)."""
    name = shell_script_name(version)
    path = f"{exchange_install_path(version)}bin\\{name}"
    if filesystem.exists(path):
        return
    filesystem.mkdir(f"{exchange_install_path(version)}bin")
    text = resources.files("exchange_sim.windows").joinpath("shell_scripts", name).read_text(encoding="utf-8")
    # Windows PowerShell 5.1 reads a BOM-marked UTF-8 file, as Setup's scripts are saved.
    filesystem.write_bytes(path, b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
