"""Server lists and the organisation's domains: Get-ExchangeServer, Get-MailboxServer,
Get-ClientAccessServer / Get-ClientAccessService and Get-AcceptedDomain."""
from __future__ import annotations

from exchange_sim.exchange.organization import objects
from exchange_sim.exchange.organization.tasks import (DOMAIN_CONTROLLER, MODULE, OrganizationTask,
                                                      identity_parameter)
from exchange_sim.powershell.commands import CmdletContext, CommandDeclaration, ParameterDeclaration
from exchange_sim.targets.organization import ConfigurationFailure

NEWER = ("2010", "2013", "2016", "2019", "SE")


class GetExchangeServer(OrganizationTask):
    task_class = "GetExchangeServer"

    def process(self, ctx: CmdletContext) -> None:
        identity = self.text(ctx, "Identity")
        try:
            servers = self.target(ctx).exchange_servers(identity, "Get-ExchangeServer", self.audit(ctx))
        except ConfigurationFailure as failure:
            self.not_found(ctx, failure, identity)
            return
        for server in servers:
            ctx.write_object(objects.exchange_server(server))


class GetMailboxServer(OrganizationTask):
    task_class = "GetMailboxServer"

    def process(self, ctx: CmdletContext) -> None:
        identity = self.text(ctx, "Identity")
        try:
            servers = self.target(ctx).exchange_servers(identity, "Get-MailboxServer", self.audit(ctx))
        except ConfigurationFailure as failure:
            self.not_found(ctx, failure, identity)
            return
        for server in servers:
            if server.has_role("Mailbox"):
                ctx.write_object(objects.mailbox_server(server))


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
        try:
            servers = target.exchange_servers(identity, name, self.audit(ctx))
        except ConfigurationFailure as failure:
            self.not_found(ctx, failure, identity)
            return
        for server in servers:
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
        try:
            domains = target.accepted_domains(identity, self.audit(ctx))
            everything = target.lab.accepted_domains
        except ConfigurationFailure as failure:
            self.not_found(ctx, failure, identity)
            return
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
