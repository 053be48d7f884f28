"""The read-only virtual-directory getters runbooks use for their URLs: Get-OwaVirtualDirectory,
Get-EcpVirtualDirectory, Get-WebServicesVirtualDirectory, Get-ActiveSyncVirtualDirectory,
Get-OabVirtualDirectory, Get-MapiVirtualDirectory, Get-AutodiscoverVirtualDirectory and
Get-OutlookAnywhere. Without -Server they list every server's directory, as Exchange does."""
from __future__ import annotations

from exchange_sim.exchange.organization import objects
from exchange_sim.exchange.organization.tasks import DOMAIN_CONTROLLER, MODULE, OrganizationTask
from exchange_sim.powershell.commands import CmdletContext, CommandDeclaration, ParameterDeclaration, ParameterSetEntry


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


DECLARATIONS = (
    _declaration("OwaVirtualDirectory", "Owa", "2007"),
    _declaration("EcpVirtualDirectory", "Ecp", "2010"),
    _declaration("WebServicesVirtualDirectory", "WebServices", "2007"),
    _declaration("ActiveSyncVirtualDirectory", "ActiveSync", "2007"),
    _declaration("OabVirtualDirectory", "Oab", "2007"),
    _declaration("MapiVirtualDirectory", "Mapi", "2013"),
    _declaration("AutodiscoverVirtualDirectory", "Autodiscover", "2007"),
    _declaration("OutlookAnywhere", "OutlookAnywhere", "2007"),
)
