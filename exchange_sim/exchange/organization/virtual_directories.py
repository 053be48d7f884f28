"""The virtual-directory getters runbooks use for their URLs: Get-OwaVirtualDirectory,
Get-EcpVirtualDirectory, Get-WebServicesVirtualDirectory, Get-ActiveSyncVirtualDirectory,
Get-OabVirtualDirectory, Get-MapiVirtualDirectory, Get-AutodiscoverVirtualDirectory and
Get-OutlookAnywhere (without -Server, every server's directory, as Exchange lists them); their Set-
forms for the URLs only (-InternalUrl/-ExternalUrl; Set-OutlookAnywhere is outlook_anywhere.py), and Set-ClientAccessService/-Server -AutoDiscoverServiceInternalUri."""
from __future__ import annotations

from exchange_sim.exchange.organization import objects
from exchange_sim.exchange.organization.outlook_anywhere import SET_OUTLOOK_ANYWHERE
from exchange_sim.exchange.organization.tasks import DOMAIN_CONTROLLER, MODULE, OrganizationTask, identity_parameter
from exchange_sim.powershell.commands import CmdletContext, CommandDeclaration, ParameterDeclaration, ParameterSetEntry
from exchange_sim.targets.organization import ConfigurationFailure


class GetVirtualDirectory(OrganizationTask):
    kind = ""

    def process(self, ctx: CmdletContext) -> None:
        identity = self.text(ctx, "Identity")
        server = self.text(ctx, "Server")
        given = ctx.bound.get("Identity")
        if "Server" in getattr(given, "type_name", ""):
            # `Get-ExchangeServer | Get-OwaVirtualDirectory`: a server object names the server.
            identity, server = None, str(given)
        target = self.target(ctx)
        found = self.fetch(ctx, lambda: target.virtual_directories(self.kind, identity, server, ctx.command.name,
                                                                   self.audit(ctx)), identity or server)
        # -ADPropertiesOnly skips reading IIS metabase values; the URLs come from the directory either way.
        for lab_server, directory in found:
            ctx.write_object(objects.virtual_directory(lab_server, directory))


class SetVirtualDirectory(OrganizationTask):
    kind = ""

    def process(self, ctx: CmdletContext) -> None:
        identity = str(ctx.bound.get("Identity") or "")
        changes = {field: self.text(ctx, parameter) for parameter, field in _URL_PARAMETERS.items()
                   if parameter in ctx.bound}
        if not changes or not ctx.should_process(identity, ctx.command.name):
            return
        try:
            self.target(ctx).set_virtual_directory(self.kind, identity, changes, ctx.command.name, self.audit(ctx))
        except ConfigurationFailure as failure:
            self.fail(ctx, failure, identity)


class SetClientAccessService(OrganizationTask):
    def process(self, ctx: CmdletContext) -> None:
        identity = str(ctx.bound.get("Identity") or "")
        if "AutoDiscoverServiceInternalUri" not in ctx.bound or not ctx.should_process(identity, ctx.command.name):
            return
        try:
            self.target(ctx).set_autodiscover_uri(identity, self.text(ctx, "AutoDiscoverServiceInternalUri"),
                                                  ctx.command.name, self.audit(ctx))
        except ConfigurationFailure as failure:
            self.fail(ctx, failure, identity)


# Set- parameter -> stored field (Outlook Anywhere's host names: outlook_anywhere.py).
_URL_PARAMETERS = {"InternalUrl": "internal_url", "ExternalUrl": "external_url"}


def _setter(noun: str, kind: str, versions: tuple[str, ...]) -> CommandDeclaration:
    task_class = f"Set{noun}"
    implementation = type(task_class, (SetVirtualDirectory,), {"kind": kind, "task_class": task_class})
    declaration = CommandDeclaration(
        name=f"Set-{noun}",
        parameters=(identity_parameter(mandatory=True),
                    *(ParameterDeclaration(name, "string", allow_null=True)
                      for name in _URL_PARAMETERS), DOMAIN_CONTROLLER),
        implementation=implementation, supports_should_process=True, module=MODULE,
        synopsis=f"Changes the URLs of a {kind} virtual directory.",
        implementing_type=f"Microsoft.Exchange.Management.SystemConfigurationTasks.{task_class}",
        versions=versions,
    )
    implementation.declaration = declaration
    return declaration


def _client_access_setter(name: str, versions: tuple[str, ...]) -> CommandDeclaration:
    task_class = name.replace("-", "")
    implementation = type(task_class, (SetClientAccessService,), {"task_class": task_class})
    declaration = CommandDeclaration(
        name=name,
        parameters=(identity_parameter(mandatory=True),
                    ParameterDeclaration("AutoDiscoverServiceInternalUri", "string", allow_null=True), DOMAIN_CONTROLLER),
        implementation=implementation, supports_should_process=True, module=MODULE,
        synopsis="Changes the Autodiscover service URI the server publishes (its SCP).",
        implementing_type=f"Microsoft.Exchange.Management.SystemConfigurationTasks.{task_class}",
        versions=versions,
    )
    implementation.declaration = declaration
    return declaration


def _declaration(noun: str, kind: str, since: str) -> CommandDeclaration:
    task_class = f"Get{noun}"
    implementation = type(task_class, (GetVirtualDirectory,), {"kind": kind, "task_class": task_class})
    type_name = f"{objects.SYSTEM_CONFIGURATION}.{objects.VIRTUAL_DIRECTORY_TYPES[kind]}"
    versions = ("2007", "2010", "2013", "2016", "2019", "SE")
    declaration = CommandDeclaration(
        name=f"Get-{noun}",
        parameters=(
            ParameterDeclaration("Identity", "object", (ParameterSetEntry("Identity", position=0,
                                                                          value_from_pipeline=True),)),
            ParameterDeclaration("Server", "string", (ParameterSetEntry("Server", value_from_pipeline=True),)),
            ParameterDeclaration("ADPropertiesOnly", "switch", versions=versions[1:]),
            ParameterDeclaration("ShowMailboxVirtualDirectories", "switch", versions=versions[2:]),
            DOMAIN_CONTROLLER,
        ),
        implementation=implementation,
        default_parameter_set="Identity",
        output_types=(type_name,),
        synopsis=f"Gets the {kind} virtual directories of the organisation's servers and their URLs.",
        module=MODULE,
        implementing_type=f"Microsoft.Exchange.Management.SystemConfigurationTasks.{task_class}",
        versions=versions[versions.index(since):],
    )
    implementation.declaration = declaration
    return declaration


GETTERS = (
    _declaration("OwaVirtualDirectory", "Owa", "2007"),
    _declaration("EcpVirtualDirectory", "Ecp", "2010"),
    _declaration("WebServicesVirtualDirectory", "WebServices", "2007"),
    _declaration("ActiveSyncVirtualDirectory", "ActiveSync", "2007"),
    _declaration("OabVirtualDirectory", "Oab", "2007"),
    _declaration("MapiVirtualDirectory", "Mapi", "2013"),
    _declaration("AutodiscoverVirtualDirectory", "Autodiscover", "2007"),
    _declaration("OutlookAnywhere", "OutlookAnywhere", "2007"),
)
DECLARATIONS = (
    *GETTERS,
    *(_setter(getter.name.removeprefix("Get-"), getter.implementation.kind, getter.versions or ())  # type: ignore[attr-defined]
      for getter in GETTERS if getter.name not in ("Get-AutodiscoverVirtualDirectory", "Get-OutlookAnywhere")),
    SET_OUTLOOK_ANYWHERE,
    _client_access_setter("Set-ClientAccessServer", ("2007", "2010", "2013", "2016", "2019", "SE")),
    _client_access_setter("Set-ClientAccessService", ("2016", "2019", "SE")),
)
