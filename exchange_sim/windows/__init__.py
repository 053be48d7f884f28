"""The Windows around Exchange, registered into a PowerShell session for one lab server.

Public API:
    register(registry, lab, server_name, mounts=None)   types, views and extensions for a session
    LabMachine(lab, server, filesystem)   $env: values (`environment()`), [Environment] facts, DNS
        answers and the DotNetHost file hooks (`read_file_bytes`, `write_file_bytes`, `file_exists`)
    CertificateDrive(lab, server)         Cert:\\ paths: get_item / children / exists / remove
    X509Certificate2, open_certificate    certificates of the lab, or opened from DER/PEM/PFX bytes
    X509Store                             the .NET store class over the lab's stores
    get_item / child_items                FileInfo / DirectoryInfo items of the lab file system

Extensions set by `register` (read them from `ctx.extensions` / `registry.extensions`):
    "windows.machine" (LabMachine), "windows.filesystem" (the session's LabFileSystem: keep one per
    session, it holds the current location), "windows.cert_drive" (CertificateDrive),
    "windows.services" (ServiceManager: the server's services, their state and restarts' effects),
    "windows.iis" (Iis: sites, bindings, app pools, iisreset), "windows.system_modules" (module names
    Import-Module accepts without loading anything), "windows.outbox" (LabMailer: Send-MailMessage).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from typing import Any

from exchange_sim.lab import Lab, LabPathError
from exchange_sim.windows.cert_drive import CertificateDrive
from exchange_sim.windows.cert_provider import CertificateProvider
from exchange_sim.windows.certutil import CERTUTIL, CertificateUtility, register_certutil
from exchange_sim.windows.file_items import child_items, get_item
from exchange_sim.windows.exchange_shell import seed_shell_script
from exchange_sim.windows.filesystem_provider import register_drives, seed_standard_folders
from exchange_sim.windows.machine import LabMachine
from exchange_sim.windows.grid_view import GRID, GridViewLog, register_grid_view
from exchange_sim.windows.iis import Iis
from exchange_sim.windows.iis_commands import IIS, register_iis_commands
from exchange_sim.windows.iis_drive import IisDrive
from exchange_sim.windows.machine_commands import register_commands
from exchange_sim.windows.pki_commands import CERT_PROVIDER, register_pki_commands
from exchange_sim.windows.net_command import register_net
from exchange_sim.windows.mail import OUTBOX, LabMailer, register_mail_commands
from exchange_sim.windows.service_commands import SERVICES, register_service_commands
from exchange_sim.windows.services import ServiceManager
from exchange_sim.windows.processes import PROCESSES, ProcessLauncher, register_processes
from exchange_sim.windows.session_types import register_types
from exchange_sim.windows.transcript import register_transcript_commands
from exchange_sim.windows.views import register_views
from exchange_sim.windows.x509 import X509Certificate2, open_certificate
from exchange_sim.windows.x509_store import X509Store


def register(registry: Any, lab: Lab, server_name: str, mounts: Mapping[str, str] | None = None,
             user: str | None = None, seed_folders: bool = True) -> None:
    """Plug the lab server's Windows into an EngineRegistry (types, views, commands, `env:` variables, extensions).

    `user` (`DOMAIN\\name`) is who the session runs as: a remote session's lab user, whose profile folder it
    starts in; None is the local administrator. `seed_folders=False` skips creating the standard folders, for a
    caller that already did for this server and user (the remoting service, once per process)."""
    filesystem = lab.filesystem(server_name, mounts)
    machine = LabMachine(lab, server_name, filesystem, user)
    if seed_folders:
        seed_standard_folders(filesystem, machine.environment())
        seed_shell_script(filesystem, machine.server.version)
    if machine.profile.lower() != filesystem.location.lower():
        # A signed-in user's session starts in their profile (a walk of the lab file system: only when it differs).
        with contextlib.suppress(LabPathError):
            filesystem.set_location(machine.profile)
    register_drives(registry, filesystem, mounts or {}, machine.profile)
    registry.extensions[CERT_PROVIDER] = certificates = CertificateProvider(lab, server_name)
    registry.add_drive("Cert", certificates)
    register_pki_commands(registry.commands)
    registry.extensions["dotnet.machine"] = machine  # [IO.File], [Environment] through the DotNetHost hooks
    register_types(registry.types, lab, server_name, machine)
    register_views(registry.views)
    register_commands(registry.commands, machine.server.version, machine.server.exchange_build)
    register_service_commands(registry.commands)
    register_iis_commands(registry.commands, registry.extensions)
    register_mail_commands(registry.commands)
    register_transcript_commands(registry.commands)
    register_certutil(registry.commands)
    register_net(registry.commands)
    register_grid_view(registry.commands)
    register_processes(registry.commands)
    for name, value in machine.environment().items():
        registry.variables[f"env:{name}"] = value
    registry.extensions["windows.machine"] = machine
    registry.extensions["windows.filesystem"] = filesystem
    registry.extensions["windows.cert_drive"] = CertificateDrive(lab, server_name)
    registry.extensions[SERVICES] = ServiceManager(lab, machine.server)
    iis = registry.extensions[IIS] = Iis(lab, machine.server)
    registry.add_drive("IIS", IisDrive(iis))
    registry.extensions[OUTBOX] = LabMailer(lab, machine.server)
    registry.extensions[CERTUTIL] = CertificateUtility(lab, machine.server)
    registry.extensions[GRID] = GridViewLog(lab, machine.server)
    registry.extensions[PROCESSES] = ProcessLauncher(lab, machine.server)


__all__ = [
    "CertificateDrive",
    "LabMachine",
    "X509Certificate2",
    "X509Store",
    "child_items",
    "get_item",
    "open_certificate",
    "register",
]
