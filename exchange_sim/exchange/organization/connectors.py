"""Get/Set-SendConnector and Get/Set-ReceiveConnector: the TLS certificate a connector names
(`TlsCertificateName`, which Remove-ExchangeCertificate's refusal reads), its FQDN and RequireTLS."""
from __future__ import annotations

from typing import Any

from exchange_sim.exchange.organization import objects
from exchange_sim.exchange.organization.certificate_names import (InvalidCertificateName, parse_certificate_name,
                                                                  transformation_error)
from exchange_sim.exchange.organization.tasks import DOMAIN_CONTROLLER, MODULE, OrganizationTask, identity_parameter
from exchange_sim.powershell.commands import CmdletContext, CommandDeclaration, ParameterDeclaration
from exchange_sim.targets.organization import ConfigurationFailure

# Exchange 2007's Set-ReceiveConnector has no -AdvertiseClientSettings.
RECEIVE_ADVERTISING_VERSIONS = ("2010", "2013", "2016", "2019", "SE")

# Set-*Connector parameter -> field of the lab's connector record.
_SETTABLE = {"TlsCertificateName": "tls_certificate_name", "Fqdn": "fqdn", "RequireTLS": "require_tls",
             "AdvertiseClientSettings": "advertise_client_settings"}


def connector_changes(ctx: CmdletContext) -> dict[str, Any]:
    """The fields a Set-*Connector call changes; raises InvalidCertificateName for a bad TLS name."""
    changes: dict[str, Any] = {}
    for parameter, field in _SETTABLE.items():
        if parameter not in ctx.bound:
            continue
        value = ctx.bound[parameter]
        if parameter == "TlsCertificateName":
            value = parse_certificate_name(value)
        elif parameter in ("RequireTLS", "AdvertiseClientSettings"):
            value = bool(value)
        else:
            value = None if value is None else str(value)
        changes[field] = value
    return changes


class GetSendConnector(OrganizationTask):
    task_class = "GetSendConnector"

    def process(self, ctx: CmdletContext) -> None:
        identity = self.text(ctx, "Identity")
        target = self.target(ctx)
        connectors = self.fetch(ctx, lambda: target.send_connectors(identity, self.audit(ctx)), identity)
        # Source servers: every transport server of the lab (the fixtures don't scope connectors).
        sources = [server.name for server in target.lab.servers()]
        for connector in connectors:
            ctx.write_object(objects.send_connector(connector, sources))


class GetReceiveConnector(OrganizationTask):
    task_class = "GetReceiveConnector"

    def process(self, ctx: CmdletContext) -> None:
        identity = self.text(ctx, "Identity")
        server = self.text(ctx, "Server")
        target = self.target(ctx)
        # Without -Identity or -Server Exchange lists the local server's connectors.
        scope = server or (None if identity else target.server_name)
        for connector in self.fetch(ctx, lambda: target.receive_connectors(identity, scope, self.audit(ctx)),
                                    identity or server):
            ctx.write_object(objects.receive_connector(connector))


class SetConnector(OrganizationTask):
    send = True

    def process(self, ctx: CmdletContext) -> None:
        identity = str(ctx.bound.get("Identity") or "")
        try:
            changes = connector_changes(ctx)
        except InvalidCertificateName as problem:
            ctx.throw_terminating_error(transformation_error("TlsCertificateName", ctx.bound["TlsCertificateName"], problem))
            return
        if not ctx.should_process(identity, ctx.command.name):
            return
        target = self.target(ctx)
        try:
            if self.send:
                target.set_send_connector(identity, changes, self.audit(ctx))
            else:
                target.set_receive_connector(identity, changes, self.audit(ctx))
        except ConfigurationFailure as failure:
            self.fail(ctx, failure, identity)


class SetSendConnector(SetConnector):
    task_class = "SetSendConnector"


class SetReceiveConnector(SetConnector):
    task_class = "SetReceiveConnector"
    send = False


def _settable(receive: bool = False) -> tuple[ParameterDeclaration, ...]:
    shared = (
        ParameterDeclaration("TlsCertificateName", "object", allow_null=True),
        ParameterDeclaration("Fqdn", "string", allow_null=True),
        ParameterDeclaration("RequireTLS", "bool"),
    )
    # Only Receive connectors can be advertised to POP/IMAP users (Exchange 2010 and later).
    return (*shared, ParameterDeclaration("AdvertiseClientSettings", "bool",
                                          versions=RECEIVE_ADVERTISING_VERSIONS)) if receive else shared


def _declaration(name: str, implementation: type[OrganizationTask], parameters: tuple[ParameterDeclaration, ...],
                 synopsis: str, setter: bool) -> CommandDeclaration:
    declaration = CommandDeclaration(
        name=name, parameters=parameters, implementation=implementation, supports_should_process=setter,
        output_types=() if setter else (f"{objects.DIRECTORY}.Management.{'SmtpSendConnectorConfig' if 'Send' in name else 'ReceiveConnector'}",),
        synopsis=synopsis, module=MODULE,
        implementing_type=f"Microsoft.Exchange.Management.SystemConfigurationTasks.{implementation.task_class}",
    )
    implementation.declaration = declaration
    return declaration


DECLARATIONS = (
    _declaration("Get-SendConnector", GetSendConnector, (identity_parameter(), DOMAIN_CONTROLLER),
                 "Gets the organisation's Send connectors.", setter=False),
    _declaration("Set-SendConnector", SetSendConnector,
                 (identity_parameter(mandatory=True), *_settable(), DOMAIN_CONTROLLER),
                 "Changes a Send connector (TlsCertificateName, Fqdn, RequireTLS).", setter=True),
    _declaration("Get-ReceiveConnector", GetReceiveConnector,
                 (identity_parameter(), ParameterDeclaration("Server", "string"), DOMAIN_CONTROLLER),
                 "Gets the Receive connectors of a server.", setter=False),
    _declaration("Set-ReceiveConnector", SetReceiveConnector,
                 (identity_parameter(mandatory=True), *_settable(receive=True), DOMAIN_CONTROLLER),
                 "Changes a Receive connector (TlsCertificateName, Fqdn, RequireTLS, AdvertiseClientSettings).",
                 setter=True),
)
