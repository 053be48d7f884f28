"""Get-Service, Start-Service, Stop-Service and Restart-Service over the lab server's services."""

from __future__ import annotations

from typing import Any

from exchange_sim.powershell.builtins.declaring import MANAGEMENT, implementing, param, switch
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration, CommandTable
from exchange_sim.powershell.values.errors import ErrorRecord
from exchange_sim.powershell.values.exceptions import ErrorCategory
from exchange_sim.powershell.values.patterns import has_wildcards, wildcard_match
from exchange_sim.windows.services import (
    ServiceCommandException,
    ServiceController,
    ServiceControllerStatus,
    ServiceFailure,
    ServiceManager,
)

SERVICES = "windows.services"


def manager_of(ctx: CmdletContext) -> ServiceManager:
    manager = ctx.extensions[SERVICES]
    assert isinstance(manager, ServiceManager)  # windows.register always puts it there
    return manager


def _not_found(kind: str, name: str) -> ErrorRecord:
    noun = "service name" if kind == "Name" else "display name"
    error_id = "NoServiceFoundForGivenName" if kind == "Name" else "NoServiceFoundForGivenDisplayName"
    return ErrorRecord(ServiceCommandException(f"Cannot find any service with {noun} '{name}'."), error_id,
                       ErrorCategory.ObjectNotFound, target_object=name)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def selected_services(ctx: CmdletContext) -> list[ServiceController]:
    """The services `-Name`, `-DisplayName` or `-InputObject` pick, after -Include/-Exclude, in order;
    a name without wildcards that matches nothing is reported as Windows PowerShell reports it."""
    manager = manager_of(ctx)
    command = ctx.command.name
    chosen: list[ServiceController] = []
    if "InputObject" in ctx.bound:
        for item in _as_list(ctx.bound["InputObject"]):
            if isinstance(item, ServiceController):
                chosen.append(manager.controller(item.name))
            else:
                chosen.extend(_matching(ctx, manager, "Name", [str(item)], command))
    elif "DisplayName" in ctx.bound:
        chosen = _matching(ctx, manager, "DisplayName", _as_list(ctx.bound["DisplayName"]), command)
    else:
        chosen = _matching(ctx, manager, "Name", _as_list(ctx.bound.get("Name")) or ["*"], command)
    include = [str(p) for p in _as_list(ctx.bound.get("Include"))]
    exclude = [str(p) for p in _as_list(ctx.bound.get("Exclude"))]
    return [c for c in chosen
            if (not include or any(wildcard_match(p, c.name) for p in include))
            and not any(wildcard_match(p, c.name) for p in exclude)]


def _matching(ctx: CmdletContext, manager: ServiceManager, kind: str, patterns: list[Any],
              command: str) -> list[ServiceController]:
    found: list[ServiceController] = []
    for pattern in (str(p) for p in patterns):
        hits = [c for c in manager.controllers()
                if wildcard_match(pattern, c.name if kind == "Name" else c.spec.display_name)]
        if not hits and not has_wildcards(pattern):
            ctx.write_error(_not_found(kind, pattern).with_command(command, implementing(command)))
        found.extend(hit for hit in hits if all(hit.name != seen.name for seen in found))
    return found


class GetService(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        manager = manager_of(ctx)
        for controller in selected_services(ctx):
            if ctx.bound.get("DependentServices"):
                ctx.write_object(manager.dependent_services(controller.name), enumerate_collection=True)
            elif ctx.bound.get("RequiredServices"):
                ctx.write_object(manager.required_services(controller.name), enumerate_collection=True)
            else:
                ctx.write_object(controller)


class _ServiceChange(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        manager = manager_of(ctx)
        command = ctx.command.name
        for controller in selected_services(ctx):
            if not ctx.should_process(controller.label, command):
                continue
            try:
                self.change(ctx, manager, controller)
            except ServiceFailure as failure:
                ctx.write_error(failure.record.with_command(command, implementing(command)))
                continue
            if ctx.bound.get("PassThru"):
                ctx.write_object(manager.controller(controller.name))

    def change(self, ctx: CmdletContext, manager: ServiceManager, controller: ServiceController) -> None:
        raise NotImplementedError


class StartService(_ServiceChange):
    def change(self, ctx: CmdletContext, manager: ServiceManager, controller: ServiceController) -> None:
        with manager.audited(ctx.command.name, {"Name": controller.name}):
            manager.start(controller.name)


class StopService(_ServiceChange):
    def change(self, ctx: CmdletContext, manager: ServiceManager, controller: ServiceController) -> None:
        force = bool(ctx.bound.get("Force"))
        with manager.audited(ctx.command.name, _audited_parameters(controller, force)):
            manager.stop(controller.name, force)


class RestartService(_ServiceChange):
    def change(self, ctx: CmdletContext, manager: ServiceManager, controller: ServiceController) -> None:
        force = bool(ctx.bound.get("Force"))
        with manager.audited(ctx.command.name, _audited_parameters(controller, force)):
            manager.restart(controller.name, force)


def _audited_parameters(controller: ServiceController, force: bool) -> dict[str, object]:
    return {"Name": controller.name, **({"Force": True} if force else {})}


_SETS = ("Default", "DisplayName", "InputObject")


def _selection(mandatory: bool) -> tuple:
    return (
        param("Name", "string[]", position=0, mandatory=mandatory, pipeline=True, by_name=True,
              sets=("Default",), aliases=("ServiceName",)),
        param("DisplayName", "string[]", mandatory=True, sets=("DisplayName",)),
        param("InputObject", "object[]", mandatory=mandatory, pipeline=True, sets=("InputObject",)),
        param("Include", "string[]"),
        param("Exclude", "string[]"),
    )


def _change(name: str, implementation: type[Cmdlet], synopsis: str, *extra: Any) -> CommandDeclaration:
    declaration = CommandDeclaration(
        name=name,
        parameters=(*_selection(True), switch("PassThru"), *extra),
        implementation=implementation,
        default_parameter_set="InputObject",
        supports_should_process=True,
        synopsis=synopsis,
        module=MANAGEMENT,
        implementing_type=implementing(name),
        output_types=("System.ServiceProcess.ServiceController",),
    )
    implementation.declaration = declaration
    return declaration


GET_SERVICE = CommandDeclaration(
    name="Get-Service",
    parameters=(
        *_selection(False),
        param("ComputerName", "string[]", aliases=("Cn",)),
        switch("DependentServices", aliases=("DS",)),
        switch("RequiredServices", aliases=("SDO", "ServicesDependedOn")),
    ),
    implementation=GetService,
    default_parameter_set="Default",
    synopsis="Gets the services on a local or remote computer.",
    aliases=("gsv",),
    module=MANAGEMENT,
    implementing_type=implementing("Get-Service"),
    output_types=("System.ServiceProcess.ServiceController",),
)
GetService.declaration = GET_SERVICE

DECLARATIONS = (
    GET_SERVICE,
    _change("Start-Service", StartService, "Starts one or more stopped services."),
    _change("Stop-Service", StopService, "Stops one or more running services.", switch("Force"), switch("NoWait")),
    _change("Restart-Service", RestartService, "Stops and then starts one or more services.", switch("Force")),
)


def register_service_commands(commands: CommandTable) -> None:
    commands.register_all(DECLARATIONS)
    for alias, name in (("sasv", "Start-Service"), ("spsv", "Stop-Service")):
        commands.add_alias(alias, name)


__all__ = ["DECLARATIONS", "SERVICES", "ServiceControllerStatus", "register_service_commands", "selected_services"]
