"""The settings Services follows (§3): Get/Set-PopSettings and Get/Set-ImapSettings
(X509CertificateName), Get/Set-TransportService and Get/Set-TransportServer
(InternalTransportCertificateThumbprint), and Get/Set-HybridConfiguration (TlsCertificateName)."""
from __future__ import annotations

from typing import Any

from exchange_sim.exchange.organization import objects
from exchange_sim.exchange.organization.certificate_names import (InvalidCertificateName, parse_certificate_name,
                                                                  transformation_error)
from exchange_sim.exchange.organization.tasks import (ALL_VERSIONS, DOMAIN_CONTROLLER, MODULE, OrganizationTask,
                                                      identity_parameter)
from exchange_sim.powershell.commands import CmdletContext, CommandDeclaration, ParameterDeclaration
from exchange_sim.targets.organization import ConfigurationFailure

_SERVICE_NAMES = {"POP3": "Microsoft Exchange POP3", "IMAP4": "Microsoft Exchange IMAP4"}


class GetProtocolSettings(OrganizationTask):
    protocol = "POP3"

    def process(self, ctx: CmdletContext) -> None:
        server = self.text(ctx, "Server")
        target = self.target(ctx)
        for settings in self.fetch(ctx, lambda: target.protocol_settings(self.protocol, server, self.audit(ctx)),
                                   server):
            ctx.write_object(objects.protocol_settings(settings))


class SetProtocolSettings(OrganizationTask):
    protocol = "POP3"

    def process(self, ctx: CmdletContext) -> None:
        server = self.text(ctx, "Server")
        target = self.target(ctx)
        if "X509CertificateName" not in ctx.bound or not ctx.should_process(
                f"{self.protocol} settings of {server or target.server_name}", ctx.command.name):
            return
        try:
            target.set_protocol_certificate_name(self.protocol, server, self.text(ctx, "X509CertificateName"),
                                                 self.audit(ctx))
        except ConfigurationFailure as failure:
            self.fail(ctx, failure, server)
            return
        # Exchange's reminder: the running service keeps the certificate it loaded until restarted.
        ctx.write_warning(f"Changes to {self.protocol} settings will only take effect after all "
                          f"{_SERVICE_NAMES[self.protocol]} services are restarted on server "
                          f"{server or target.server_name}.")


class GetTransport(OrganizationTask):
    service = True

    def process(self, ctx: CmdletContext) -> None:
        identity = self.text(ctx, "Identity")
        target = self.target(ctx)
        if not self.service and target.server.at_least("2016"):
            ctx.write_warning("The Get-TransportServer cmdlet will be removed in a future version of Exchange. "
                              "Use the Get-TransportService cmdlet instead.")
        for settings in self.fetch(ctx, lambda: target.transport_settings(identity, ctx.command.name,
                                                                          self.audit(ctx)), identity):
            ctx.write_object(objects.transport_settings(settings, self.service))


class SetTransport(OrganizationTask):
    def process(self, ctx: CmdletContext) -> None:
        identity = str(ctx.bound.get("Identity") or "")
        if "InternalTransportCertificateThumbprint" not in ctx.bound or not ctx.should_process(identity, ctx.command.name):
            return
        try:
            self.target(ctx).set_internal_transport_certificate(
                identity, self.text(ctx, "InternalTransportCertificateThumbprint"), ctx.command.name, self.audit(ctx))
        except ConfigurationFailure as failure:
            self.fail(ctx, failure, identity)


class GetHybridConfiguration(OrganizationTask):
    task_class = "GetHybridConfiguration"

    def process(self, ctx: CmdletContext) -> None:
        config = self.target(ctx).hybrid_configuration("Get-HybridConfiguration", self.audit(ctx))
        if config is not None:  # an organisation that never ran the wizard returns nothing
            ctx.write_object(objects.hybrid_configuration(config))


class SetHybridConfiguration(OrganizationTask):
    task_class = "SetHybridConfiguration"

    def process(self, ctx: CmdletContext) -> None:
        changes: dict[str, Any] = {}
        if "TlsCertificateName" in ctx.bound:
            try:
                changes["tls_certificate_name"] = parse_certificate_name(ctx.bound["TlsCertificateName"])
            except InvalidCertificateName as problem:
                ctx.throw_terminating_error(transformation_error("TlsCertificateName", ctx.bound["TlsCertificateName"],
                                                                 problem))
                return
        if "OnPremisesSmartHost" in ctx.bound:
            changes["on_premises_smart_host"] = self.text(ctx, "OnPremisesSmartHost")
        if "Domains" in ctx.bound:
            changes["domains"] = tuple(str(item) for item in (ctx.bound["Domains"] or ()))
        if not ctx.should_process("Hybrid Configuration", "Set-HybridConfiguration"):
            return
        try:
            self.target(ctx).set_hybrid_configuration(changes, self.audit(ctx))
        except ConfigurationFailure as failure:
            self.fail(ctx, failure, "Hybrid Configuration")


def _declare(name: str, base: type[OrganizationTask], attributes: dict[str, Any],
             parameters: tuple[ParameterDeclaration, ...], synopsis: str, versions: tuple[str, ...] | None = None,
             setter: bool = False) -> CommandDeclaration:
    task_class = name.replace("-", "")
    implementation = type(task_class, (base,), {"task_class": task_class, **attributes})
    declaration = CommandDeclaration(
        name=name, parameters=(*parameters, DOMAIN_CONTROLLER), implementation=implementation,
        supports_should_process=setter, synopsis=synopsis, module=MODULE,
        implementing_type=f"Microsoft.Exchange.Management.SystemConfigurationTasks.{task_class}",
        versions=versions,
    )
    implementation.declaration = declaration
    return declaration


_SERVER = ParameterDeclaration("Server", "string")
_X509 = ParameterDeclaration("X509CertificateName", "string", allow_null=True, allow_empty_string=True)
_THUMBPRINT = ParameterDeclaration("InternalTransportCertificateThumbprint", "string", allow_null=True)
_HYBRID = (ParameterDeclaration("TlsCertificateName", "object", allow_null=True),
           ParameterDeclaration("OnPremisesSmartHost", "string"),
           ParameterDeclaration("Domains", "string[]"),
           ParameterDeclaration("Features", "string[]"))
_NEWER = ALL_VERSIONS[2:]

DECLARATIONS = (
    _declare("Get-PopSettings", GetProtocolSettings, {"protocol": "POP3"}, (_SERVER,),
             "Gets the POP3 settings of a server (X509CertificateName decides which certificate POP3 presents)."),
    _declare("Set-PopSettings", SetProtocolSettings, {"protocol": "POP3"}, (_SERVER, _X509),
             "Changes the POP3 settings of a server.", setter=True),
    _declare("Get-ImapSettings", GetProtocolSettings, {"protocol": "IMAP4"}, (_SERVER,),
             "Gets the IMAP4 settings of a server (X509CertificateName decides which certificate IMAP4 presents)."),
    _declare("Set-ImapSettings", SetProtocolSettings, {"protocol": "IMAP4"}, (_SERVER, _X509),
             "Changes the IMAP4 settings of a server.", setter=True),
    _declare("Get-TransportService", GetTransport, {"service": True}, (identity_parameter(),),
             "Gets the transport settings of Mailbox servers.", versions=_NEWER),
    _declare("Set-TransportService", SetTransport, {}, (identity_parameter(mandatory=True), _THUMBPRINT),
             "Changes the transport settings of a server (InternalTransportCertificateThumbprint).",
             versions=_NEWER, setter=True),
    _declare("Get-TransportServer", GetTransport, {"service": False}, (identity_parameter(),),
             "Gets the transport settings of transport servers."),
    _declare("Set-TransportServer", SetTransport, {}, (identity_parameter(mandatory=True), _THUMBPRINT),
             "Changes the transport settings of a server (InternalTransportCertificateThumbprint).", setter=True),
    _declare("Get-HybridConfiguration", GetHybridConfiguration, {}, (), "Gets the hybrid configuration.",
             versions=ALL_VERSIONS[1:]),
    _declare("Set-HybridConfiguration", SetHybridConfiguration, {}, _HYBRID,
             "Changes the hybrid configuration (TlsCertificateName, OnPremisesSmartHost, Domains).",
             versions=ALL_VERSIONS[1:], setter=True),
)
