"""Export-ExchangeCertificate (§8.1): declaration and output shaping; the export lives in the target."""
from __future__ import annotations

from typing import Any

from exchange_sim.exchange.errors import failure_record
from exchange_sim.exchange.get_certificate import MODULE, TARGET_KEY
from exchange_sim.powershell.commands import (Cmdlet, CmdletContext, CommandDeclaration, ParameterDeclaration,
                                              ParameterSetEntry)
from exchange_sim.powershell.values.dotnet.security import SecureString
from exchange_sim.powershell.values.errors import ErrorRecord
from exchange_sim.powershell.values.exceptions import ArgumentException
from exchange_sim.targets.certificate import BinaryFileDataObject
from exchange_sim.targets.failures import CertificateFailure
from exchange_sim.targets.identity import IdentityError, parse_identity

NEWER = ("2013", "2016", "2019", "SE")


def _plain(password: Any) -> str | None:
    if password is None:
        return None
    return password.reveal() if isinstance(password, SecureString) else str(password)


class ExportExchangeCertificate(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        bound = ctx.bound
        try:
            thumbprint = (parse_identity(str(bound["Identity"])).thumbprint if bound.get("Identity") is not None
                          else str(bound.get("Thumbprint") or ""))
        except IdentityError as error:
            ctx.throw_terminating_error(ErrorRecord(ArgumentException(str(error)), "InvalidIdentity", "InvalidArgument"))
            return
        if not thumbprint:
            ctx.throw_terminating_error(ErrorRecord(
                ArgumentException("The empty or null string isn't a valid thumbprint."), "EmptyThumbprint", "InvalidArgument"))
            return
        # The audit log sees the parameter names; the lab's redaction hides the password.
        audit = {name: ("********" if name == "Password" else str(value)) for name, value in bound.items()}
        try:
            exported = ctx.extensions[TARGET_KEY].export(thumbprint, _plain(bound.get("Password")), audit)
        except CertificateFailure as failure:
            # Exchange task errors end the processing of the current input (ThrowTerminatingError).
            ctx.throw_terminating_error(failure_record(failure, "ExportExchangeCertificate", thumbprint))
            return
        ctx.write_object(BinaryFileDataObject(exported.data) if bound.get("BinaryEncoded") else exported.text)


EXPORT_EXCHANGE_CERTIFICATE = CommandDeclaration(
    name="Export-ExchangeCertificate",
    parameters=(
        ParameterDeclaration("Thumbprint", "string", (ParameterSetEntry(
            "Thumbprint", position=0, value_from_pipeline=True, value_from_pipeline_by_property_name=True),)),
        ParameterDeclaration("Identity", "string", (ParameterSetEntry("Identity", position=0),), versions=NEWER),
        ParameterDeclaration("BinaryEncoded", "switch"),
        ParameterDeclaration("Password", "securestring"),
        ParameterDeclaration("Path", "string", versions=("2007",)),
        ParameterDeclaration("FileName", "string", versions=("2013", "2016", "2019")),
        ParameterDeclaration("Server", "string", (ParameterSetEntry("Thumbprint"),), versions=("2010", *NEWER)),
        ParameterDeclaration("DomainController", "string"),
    ),
    implementation=ExportExchangeCertificate,
    default_parameter_set="Thumbprint",
    supports_should_process=True,
    synopsis="Exports a certificate with its private key as PKCS#12, or a pending request as PKCS#10.",
    module=MODULE,
    implementing_type="Microsoft.Exchange.Management.SystemConfigurationTasks.ExportExchangeCertificate",
)

ExportExchangeCertificate.declaration = EXPORT_EXCHANGE_CERTIFICATE
