"""New-ExchangeCertificate (§5.1): declaration and output shaping; the making lives in the target."""
from __future__ import annotations

from exchange_sim.exchange.errors import failure_record
from exchange_sim.exchange.get_certificate import MODULE, TARGET_KEY
from exchange_sim.powershell.commands import (Cmdlet, CmdletContext, CommandDeclaration, ParameterDeclaration,
                                              ParameterSetEntry)
from exchange_sim.targets.certificate import BinaryFileDataObject
from exchange_sim.targets.failures import CertificateFailure
from exchange_sim.targets.new import NewCertificateRequest

NEWER = ("2010", "2013", "2016", "2019", "SE")


class NewExchangeCertificate(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        bound = ctx.bound
        wanted = NewCertificateRequest(
            subject_name=str(bound["SubjectName"]) if bound.get("SubjectName") is not None else None,
            domain_names=tuple(str(name) for name in (bound.get("DomainName") or [])),
            generate_request=bool(bound.get("GenerateRequest", False)),
            key_size=int(bound.get("KeySize", 2048)),
            exportable=bool(bound.get("PrivateKeyExportable", False)),
            friendly_name=str(bound.get("FriendlyName", "Microsoft Exchange")),
        )
        try:
            result, made = ctx.extensions[TARGET_KEY].new(wanted, {name: str(value) for name, value in bound.items()})
        except CertificateFailure as failure:
            # Exchange task errors end the processing of the current input (ThrowTerminatingError).
            ctx.throw_terminating_error(failure_record(failure, "NewExchangeCertificate"))
            return
        if not wanted.generate_request:
            ctx.write_object(made)
        elif bound.get("BinaryEncoded"):
            ctx.write_object(BinaryFileDataObject(result.request_der or b""))
        else:
            ctx.write_object(result.request_text)


NEW_EXCHANGE_CERTIFICATE = CommandDeclaration(
    name="New-ExchangeCertificate",
    parameters=(
        ParameterDeclaration("GenerateRequest", "switch", (ParameterSetEntry("Request", mandatory=True),)),
        ParameterDeclaration("BinaryEncoded", "switch", (ParameterSetEntry("Request"),), versions=NEWER),
        ParameterDeclaration("RequestFile", "string", (ParameterSetEntry("Request"),), versions=("2013", "2016", "2019")),
        ParameterDeclaration("Path", "string", (ParameterSetEntry("Request"),), versions=("2007",)),
        ParameterDeclaration("Services", "Microsoft.Exchange.Management.SystemConfigurationTasks.AllowedServices",
                             (ParameterSetEntry("Certificate"),)),
        ParameterDeclaration("Force", "switch", (ParameterSetEntry("Certificate"),)),
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
