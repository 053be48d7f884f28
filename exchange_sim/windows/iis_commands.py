"""WebAdministration's cmdlets runbooks use (Get-Website, Get-WebBinding, the app-pool cmdlets) and
`iisreset.exe`, over the lab server's IIS."""

from __future__ import annotations

from typing import Any

from exchange_sim.powershell.builtins.declaring import param, switch
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration, CommandTable
from exchange_sim.powershell.values.errors import ErrorRecord
from exchange_sim.powershell.values.exceptions import ErrorCategory, FileNotFoundException, ItemNotFoundException
from exchange_sim.powershell.values.patterns import wildcard_match
from exchange_sim.windows.iis import RESET_SERVICES, AppPoolState, Iis

IIS = "windows.iis"
MODULE = "WebAdministration"
_NAMESPACE = "Microsoft.IIs.PowerShell.Provider."
_SERVICE_NAMES = {"W3SVC": "World Wide Web Publishing Service", "WAS": "Windows Process Activation Service",
                  "IISADMIN": "IIS Admin Service"}


def iis_of(ctx: CmdletContext) -> Iis:
    iis = ctx.extensions[IIS]
    assert isinstance(iis, Iis)  # windows.register always puts it there
    return iis


def _names(ctx: CmdletContext) -> list[str]:
    value = ctx.bound.get("Name")
    if value is None:
        return []
    return [str(item) for item in (value if isinstance(value, (list, tuple)) else [value])]


class GetWebsite(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        patterns = _names(ctx) or ["*"]
        for site in iis_of(ctx).sites():
            if any(wildcard_match(pattern, site.name) for pattern in patterns):
                ctx.write_object(site)


class GetWebBinding(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        patterns = _names(ctx) or ["*"]
        protocol = ctx.bound.get("Protocol")
        port = ctx.bound.get("Port")
        for site in iis_of(ctx).sites():
            if not any(wildcard_match(pattern, site.name) for pattern in patterns):
                continue
            for binding in site.bindings:
                if protocol is not None and binding.protocol.lower() != str(protocol).lower():
                    continue
                if port is not None and binding.binding_information.split(":")[1] != str(port):
                    continue
                ctx.write_object(binding)


class _AppPoolCommand(Cmdlet):
    changes = True  # -WhatIf and -Confirm apply
    def process(self, ctx: CmdletContext) -> None:
        iis = iis_of(ctx)
        for name in _names(ctx):
            pool = iis.pool(name)
            if pool is None:
                message = f"Cannot find path 'IIS:\\AppPools\\{name}' because it does not exist."
                command = ctx.command.name
                ctx.write_error(ErrorRecord(ItemNotFoundException(message), "PathNotFound",
                                            ErrorCategory.ObjectNotFound, target_object=f"IIS:\\AppPools\\{name}")
                                .with_command(command, _NAMESPACE + command.replace("-", "") + "Command"))
                continue
            if self.changes and not ctx.should_process(pool, ctx.command.name):
                continue
            self.act(ctx, iis, pool)

    def act(self, ctx: CmdletContext, iis: Iis, pool: str) -> None:
        raise NotImplementedError


class GetWebAppPoolState(_AppPoolCommand):
    changes = False
    def act(self, ctx: CmdletContext, iis: Iis, pool: str) -> None:
        ctx.write_object(AppPoolState(iis.pool_state(pool)))


class StartWebAppPool(_AppPoolCommand):
    def act(self, ctx: CmdletContext, iis: Iis, pool: str) -> None:
        with iis.audited(ctx.command.name, {"Name": pool}):
            iis.set_pool(pool, started=True)


class StopWebAppPool(_AppPoolCommand):
    def act(self, ctx: CmdletContext, iis: Iis, pool: str) -> None:
        with iis.audited(ctx.command.name, {"Name": pool}):
            iis.set_pool(pool, started=False)


class RestartWebAppPool(_AppPoolCommand):
    def act(self, ctx: CmdletContext, iis: Iis, pool: str) -> None:
        with iis.audited(ctx.command.name, {"Name": pool}):
            iis.set_pool(pool, started=True, restarted=True)


_USAGE = (
    "IISRESET.EXE (c) Microsoft Corp. 1998-2005",
    "",
    "Usage:",
    "iisreset [computername]",
    "",
    "    /RESTART            Stop and then restart all Internet services.",
    "    /START              Start all Internet services.",
    "    /STOP               Stop all Internet services.",
    "    /REBOOT             Reboot the computer.",
    "    /REBOOTONERROR      Reboot the computer if an error occurs when starting,",
    "                        stopping, or restarting Internet services.",
    "    /NOFORCE            Do not forcefully terminate Internet services if",
    "                        attempting to stop them gracefully fails.",
    "    /TIMEOUT:val        Specify the timeout value ( in seconds ) to wait for",
    "                        a successful stop of Internet services. On expiration",
    "                        of this timeout the computer can be rebooted if",
    "                        the /REBOOTONERROR parameter is specified.",
    "                        The default value is 20s for restart, 60s for stop,",
    "                        and 0s for reboot.",
    "    /STATUS             Display the status of all Internet services.",
    "    /ENABLE             Enable restarting of Internet Services",
    "                        on the local system.",
    "    /DISABLE            Disable restarting of Internet Services",
    "                        on the local system.",
)


class IisReset(Cmdlet):
    """iisreset.exe: its console text line by line, the lab's IIS services stopped and started."""

    def process(self, ctx: CmdletContext) -> None:
        iis = iis_of(ctx)
        options = [str(argument).lower() for argument in ctx.bound.get("ArgumentList") or ()]
        known = {"/restart", "/start", "/stop", "/status", "/noforce", "/rebootonerror"}
        host_names = {iis.server.name.lower(), iis.server.fqdn.lower(), "localhost", "."}
        unknown = [o for o in options if o not in known and not o.startswith("/timeout:") and o not in host_names]
        if unknown or ("/start" in options and "/stop" in options):
            for line in _USAGE:
                ctx.write_object(line)
            ctx.set_variable("LASTEXITCODE", 1)
            return
        ctx.write_object("")
        if "/status" in options:
            for name in RESET_SERVICES[::-1]:
                ctx.write_object(f"Status for {_SERVICE_NAMES[name]} ( {name} ) : {iis.service_status(name)}")
            ctx.set_variable("LASTEXITCODE", 0)
            return
        stop = "/start" not in options
        start = "/stop" not in options
        with iis.audited("iisreset.exe", {"ArgumentList": options}):
            iis.reset(stop, start)
        if stop:
            ctx.write_object("Attempting stop...")
            ctx.write_object("Internet services successfully stopped")
        if start:
            ctx.write_object("Attempting start...")
            ctx.write_object("Internet services successfully restarted" if stop
                             else "Internet services successfully started")
        ctx.set_variable("LASTEXITCODE", 0)


class ImportModule(Cmdlet):
    """Import-Module of a module a Windows server ships: already loaded here, so nothing to do."""

    def process(self, ctx: CmdletContext) -> None:
        known = {name.lower() for name in ctx.extensions.get(SYSTEM_MODULES, ())}
        names = _names(ctx)
        for name in names:
            if name.lower() not in known:
                message = (f"The specified module '{name}' was not loaded because no valid module file was found "
                           "in any module directory.")
                ctx.write_error(ErrorRecord(FileNotFoundException(message), "Modules_ModuleNotFound",
                                            ErrorCategory.ResourceUnavailable, target_object=name)
                                .with_command("Import-Module", "Microsoft.PowerShell.Commands.ImportModuleCommand"))


# Modules a lab server has, which Import-Module accepts without loading anything.
SYSTEM_MODULES = "windows.system_modules"
KNOWN_MODULES = ("WebAdministration", "PKI", "ServerManager", "Microsoft.PowerShell.Management",
                 "Microsoft.PowerShell.Utility", "Microsoft.PowerShell.Security", "CimCmdlets", "IISAdministration")


def _declare(name: str, implementation: type[Cmdlet], parameters: tuple, synopsis: str, module: str = MODULE,
             **extra: Any) -> CommandDeclaration:
    declaration = CommandDeclaration(
        name=name, parameters=parameters, implementation=implementation, synopsis=synopsis, module=module,
        implementing_type=_NAMESPACE + name.replace("-", "") + "Command", **extra)
    implementation.declaration = declaration
    return declaration


def _pool_parameters() -> tuple:
    return (param("Name", "string[]", position=0, pipeline=True, by_name=True, mandatory=True),)


DECLARATIONS = (
    _declare("Get-Website", GetWebsite, (param("Name", "string", position=0, pipeline=True, by_name=True),),
             "Gets configuration information for an IIS Web site."),
    _declare("Get-WebBinding", GetWebBinding,
             (param("Name", "string", position=0, by_name=True), param("Protocol", "string", position=1),
              param("Port", "int", position=2), param("IPAddress", "string"), param("HostHeader", "string")),
             "Gets bindings on the specified IIS site."),
    _declare("Get-WebAppPoolState", GetWebAppPoolState, _pool_parameters(),
             "Gets the run-time state of an IIS application pool."),
    _declare("Start-WebAppPool", StartWebAppPool, (*_pool_parameters(), switch("PassThru")),
             "Starts an IIS application pool.", supports_should_process=True),
    _declare("Stop-WebAppPool", StopWebAppPool, (*_pool_parameters(), switch("PassThru")),
             "Stops an IIS application pool.", supports_should_process=True),
    _declare("Restart-WebAppPool", RestartWebAppPool, (*_pool_parameters(), switch("PassThru")),
             "Restarts an IIS application pool.", supports_should_process=True),
    _declare("iisreset.exe", IisReset, (param("ArgumentList", "string[]"),), "Stops and starts Internet services.",
             module="", aliases=("iisreset",), native=True),
)

IMPORT_MODULE = CommandDeclaration(
    name="Import-Module",
    parameters=(param("Name", "string[]", position=0, mandatory=True, pipeline=True, by_name=True),
                switch("Force"), switch("Global"), switch("PassThru"), switch("DisableNameChecking"),
                param("Prefix", "string"), param("Function", "string[]"), param("Cmdlet", "string[]")),
    implementation=ImportModule,
    synopsis="Adds modules to the current session.",
    aliases=("ipmo",),
    module="Microsoft.PowerShell.Core",
    implementing_type="Microsoft.PowerShell.Commands.ImportModuleCommand",
)
ImportModule.declaration = IMPORT_MODULE


def register_iis_commands(commands: CommandTable, extensions: dict[str, Any]) -> None:
    commands.register_all(DECLARATIONS)
    extensions[SYSTEM_MODULES] = (*extensions.get(SYSTEM_MODULES, ()), *KNOWN_MODULES)
    # The engine's own Import-Module (modules from the lab's files) wins when there is one; it can
    # read SYSTEM_MODULES to accept these names.
    if commands.resolve("Import-Module") is None:
        commands.register(IMPORT_MODULE)
