"""Server lists and the organisation's domains: Get-ExchangeServer, Get-MailboxServer,
Get-ClientAccessServer / Get-ClientAccessService and Get-AcceptedDomain."""
from __future__ import annotations

from typing import Any

from exchange_sim.exchange.organization import objects
from exchange_sim.exchange.organization.tasks import (DOMAIN_CONTROLLER, MODULE, OrganizationTask,
                                                      identity_parameter)
from exchange_sim.powershell.commands import CmdletContext, CommandDeclaration, ParameterDeclaration
from exchange_sim.targets.organization import Server

NEWER = ("2010", "2013", "2016", "2019", "SE")


class GetExchangeServer(OrganizationTask):
    task_class = "GetExchangeServer"

    def process(self, ctx: CmdletContext) -> None:
        identity = self.text(ctx, "Identity")
        target = self.target(ctx)
        for server in self.fetch(ctx, lambda: target.exchange_servers(identity, ctx.command.name, self.audit(ctx)),
                                 identity):
            if self.wanted(server):
                ctx.write_object(self.build(server))

    def wanted(self, server: Server) -> bool:
        return True

    def build(self, server: Server) -> Any:
        return objects.exchange_server(server)


class GetMailboxServer(GetExchangeServer):
    task_class = "GetMailboxServer"

    def wanted(self, server: Server) -> bool:
        return server.has_role("Mailbox")

    def build(self, server: Server) -> Any:
        return objects.mailbox_server(server)


class GetClientAccessServer(OrganizationTask):
    task_class = "GetClientAccessServer"
    service = False

    def process(self, ctx: CmdletContext) -> None:
        identity = self.text(ctx, "Identity")
        target = self.target(ctx)
        name = ctx.command.name
        if not self.service and target.server.at_least("2016"):
            ctx.write_warning("The Get-ClientAccessServer cmdlet will be removed in a future version of Exchange. "
                              "Use the Get-ClientAccessService cmdlet instead.")
        for server in self.fetch(ctx, lambda: target.exchange_servers(identity, name, self.audit(ctx)), identity):
            # 2016 folded Client Access into the Mailbox role.
            if server.has_role("ClientAccess") or (server.has_role("Mailbox") and server.at_least("2016")):
                ctx.write_object(objects.client_access_server(server, target.autodiscover_uri(server), self.service))


class GetClientAccessService(GetClientAccessServer):
    task_class = "GetClientAccessService"
    service = True


class GetAcceptedDomain(OrganizationTask):
    task_class = "GetAcceptedDomain"

    def process(self, ctx: CmdletContext) -> None:
        identity = self.text(ctx, "Identity")
        target = self.target(ctx)
        domains = self.fetch(ctx, lambda: target.accepted_domains(identity, self.audit(ctx)), identity)
        everything = target.lab.accepted_domains
        default = everything[0].name if everything else None
        for domain in domains:
            ctx.write_object(objects.accepted_domain(domain, domain.name == default))


def _getter(name: str, implementation: type[OrganizationTask], output: str, synopsis: str,
            versions: tuple[str, ...] | None = None, extra: tuple[ParameterDeclaration, ...] = ()) -> CommandDeclaration:
    declaration = CommandDeclaration(
        name=name,
        parameters=(identity_parameter(), DOMAIN_CONTROLLER, *extra),
        implementation=implementation,
        output_types=(output,),
        synopsis=synopsis,
        module=MODULE,
        implementing_type=f"Microsoft.Exchange.Management.SystemConfigurationTasks.{implementation.task_class}",
        versions=versions,
    )
    return declaration


STATUS = ParameterDeclaration("Status", "switch")
GET_EXCHANGE_SERVER = _getter("Get-ExchangeServer", GetExchangeServer, f"{objects.MANAGEMENT}.ExchangeServer",
                              "Gets the Exchange servers of the organisation.", extra=(STATUS,))
GET_MAILBOX_SERVER = _getter("Get-MailboxServer", GetMailboxServer, f"{objects.MANAGEMENT}.MailboxServer",
                             "Gets the Mailbox servers of the organisation.", extra=(STATUS,))
GET_CLIENT_ACCESS_SERVER = _getter("Get-ClientAccessServer", GetClientAccessServer,
                                   f"{objects.MANAGEMENT}.ClientAccessServer",
                                   "Gets the Client Access settings of the servers.", extra=(STATUS,))
GET_CLIENT_ACCESS_SERVICE = _getter("Get-ClientAccessService", GetClientAccessService,
                                    f"{objects.MANAGEMENT}.ClientAccessService",
                                    "Gets the Client Access services of the servers.",
                                    versions=("2016", "2019", "SE"), extra=(STATUS,))
GET_ACCEPTED_DOMAIN = _getter("Get-AcceptedDomain", GetAcceptedDomain,
                              f"{objects.SYSTEM_CONFIGURATION}.AcceptedDomain",
                              "Gets the accepted domains of the organisation.")

DECLARATIONS = (GET_EXCHANGE_SERVER, GET_MAILBOX_SERVER, GET_CLIENT_ACCESS_SERVER, GET_CLIENT_ACCESS_SERVICE,
                GET_ACCEPTED_DOMAIN)
for _declaration in DECLARATIONS:
    _declaration.implementation.declaration = _declaration
