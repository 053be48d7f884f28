"""New-ExchangeCertificate (§5.1): declaration and output shaping; the making lives in the target."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from exchange_sim.exchange import prompts
from exchange_sim.exchange.errors import failure_record
from exchange_sim.exchange.get_certificate import MODULE
from exchange_sim.exchange.targeting import audit_of, files_of, target_of
from exchange_sim.powershell.commands import (Cmdlet, CmdletContext, CommandDeclaration, ParameterDeclaration,
                                              ParameterSetEntry)
from exchange_sim.targets.certificate import BinaryFileDataObject
from exchange_sim.targets import failures
from exchange_sim.targets.certificate_files import check_request_file, write_request
from exchange_sim.targets.failures import CertificateFailure
from exchange_sim.targets.new import NewCertificateRequest, NewCertificateResult, RenewedCertificate
from exchange_sim.targets.services import AllowedServices

NEWER = ("2010", "2013", "2016", "2019", "SE")


def _renewing(instance: Any) -> RenewedCertificate | None:
    """A piped certificate (`Get-ExchangeCertificate T | New-ExchangeCertificate`) as §5.2 step 1 uses it."""
    if instance is None or not hasattr(instance, "ps_properties"):
        return None
    properties = instance.ps_properties()
    domains = properties.get("CertificateDomains") or properties.get("DnsNameList") or []
    return RenewedCertificate(str(properties.get("Subject") or ""), tuple(str(d) for d in domains),
                              int(properties.get("PublicKeySize") or 2048), str(properties.get("FriendlyName") or ""))


def _wanted(bound: Mapping[str, Any]) -> NewCertificateRequest:
    domains = bound.get("DomainName")
    return NewCertificateRequest(
        subject_name=str(bound["SubjectName"]) if bound.get("SubjectName") is not None else None,
        domain_names=None if domains is None else tuple(str(name) for name in domains),
        generate_request=bool(bound.get("GenerateRequest", False)),
        key_size=int(bound["KeySize"]) if bound.get("KeySize") is not None else None,
        exportable=bool(bound.get("PrivateKeyExportable", False)),
        friendly_name=str(bound["FriendlyName"]) if bound.get("FriendlyName") is not None else None,
        include_accepted_domains=bool(bound.get("IncludeAcceptedDomains", False)),
        include_autodiscover=bool(bound.get("IncludeAutoDiscover", False)),
        include_server_fqdn=bool(bound.get("IncludeServerFQDN", False)),
        include_server_netbios=bool(bound.get("IncludeServerNetBIOSName", False)),
        subject_key_identifier=str(bound["SubjectKeyIdentifier"]) if bound.get("SubjectKeyIdentifier") else None,
        services=AllowedServices(int(bound["Services"])) if bound.get("Services") is not None else AllowedServices.SMTP,
        force=bool(bound.get("Force", False)),
        renewing=_renewing(bound.get("Instance")),
    )


class NewExchangeCertificate(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        bound = ctx.bound
        wanted = _wanted(bound)
        binary = bool(bound.get("BinaryEncoded"))
        file_name = bound.get("Path") or bound.get("RequestFile")
        try:
            target = target_of(ctx)
            server = target.server_name
            # The task's own checks, before the service host is asked for anything (§5.6).
            if binary and not wanted.generate_request:
                raise failures.binary_encoded_without_request(server)
            if file_name and not wanted.generate_request:
                raise failures.request_file_without_request(server)
            files = files_of(ctx, target) if file_name else None
            destination = (check_request_file(files, str(file_name), server, bool(bound.get("Path")),
                                              bool(bound.get("Path")) and wanted.force)
                           if file_name else None)
            result, made = target.new(wanted, audit_of(bound))
            for warning in result.warnings:
                ctx.write_warning(warning)
            if wanted.generate_request:
                request = BinaryFileDataObject(result.request_der or b"") if binary else result.request_text
                if destination is not None:
                    data = (result.request_der or b"") if binary else (result.request_text or "").encode("ascii")
                    write_request(files, destination, data, server)
                ctx.write_object(request)
                return
            made = self._confirm(ctx, target, result, made)
        except CertificateFailure as failure:
            # Exchange task errors end the processing of the current input (ThrowTerminatingError).
            ctx.throw_terminating_error(failure_record(failure, "NewExchangeCertificate"))
            return
        ctx.write_object(made)

    @staticmethod
    def _confirm(ctx: CmdletContext, target: Any, result: NewCertificateResult, made: Any) -> Any:
        """§5.3: SMTP replacing another default certificate and IIS Require SSL wait for a Yes."""
        agreed = AllowedServices(0)
        if result.replaced_internal_transport is not None and ctx.should_continue(
                prompts.replace_default_smtp(result.replaced_internal_transport, result.thumbprint), prompts.CAPTION):
            agreed |= AllowedServices.SMTP
        if result.iis_needs_require_ssl and ctx.should_continue(
                prompts.require_ssl_on_root("New-ExchangeCertificate"), prompts.CAPTION):
            agreed |= AllowedServices.IIS
        return target.confirm_new(result.thumbprint, agreed) if agreed else made


NEW_EXCHANGE_CERTIFICATE = CommandDeclaration(
    name="New-ExchangeCertificate",
    parameters=(
        ParameterDeclaration("GenerateRequest", "switch", (ParameterSetEntry("Request"),)),
        ParameterDeclaration("BinaryEncoded", "switch", (ParameterSetEntry("Request"),)),
        ParameterDeclaration("RequestFile", "string", (ParameterSetEntry("Request"),), versions=("2013", "2016", "2019")),
        ParameterDeclaration("Path", "string", (ParameterSetEntry("Request"),), versions=("2007",)),
        ParameterDeclaration("Services", "Microsoft.Exchange.Management.SystemConfigurationTasks.AllowedServices",
                             (ParameterSetEntry("Certificate"),)),
        ParameterDeclaration("Force", "switch"),
        ParameterDeclaration("SubjectName", "string"),
        ParameterDeclaration("DomainName", "string[]"),
        ParameterDeclaration("FriendlyName", "string"),
        ParameterDeclaration("KeySize", "int"),
        ParameterDeclaration("PrivateKeyExportable", "bool"),
        ParameterDeclaration("IncludeAcceptedDomains", "switch"),
        ParameterDeclaration("IncludeAutoDiscover", "switch"),
        ParameterDeclaration("IncludeServerFQDN", "switch", versions=NEWER),
        ParameterDeclaration("IncludeServerNetBIOSName", "switch", versions=NEWER),
        ParameterDeclaration("SubjectKeyIdentifier", "string", versions=NEWER),
        ParameterDeclaration("Instance", "object", (ParameterSetEntry(value_from_pipeline=True),)),
        ParameterDeclaration("Server", "string", versions=NEWER),
        ParameterDeclaration("DomainController", "string"),
    ),
    implementation=NewExchangeCertificate,
    default_parameter_set="Certificate",
    supports_should_process=True,
    synopsis="Creates a self-signed certificate, or a certificate request for a certification authority.",
    module=MODULE,
    implementing_type="Microsoft.Exchange.Management.SystemConfigurationTasks.NewExchangeCertificate",
)

NewExchangeCertificate.declaration = NEW_EXCHANGE_CERTIFICATE
