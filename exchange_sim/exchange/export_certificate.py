"""Export-ExchangeCertificate (§8.1): declaration and output shaping; the export lives in the target."""
from __future__ import annotations

from typing import Any

from exchange_sim.exchange.errors import failure_record
from exchange_sim.exchange.get_certificate import MODULE
from exchange_sim.exchange.targeting import audit_of, files_of, target_of, thumbprint_argument
from exchange_sim.powershell.commands import (Cmdlet, CmdletContext, CommandDeclaration, ParameterDeclaration,
                                              ParameterSetEntry)
from exchange_sim.powershell.values.dotnet.security import SecureString
from exchange_sim.powershell.values.errors import ErrorRecord
from exchange_sim.powershell.values.exceptions import ArgumentException
from exchange_sim.targets.certificate import BinaryFileDataObject
from exchange_sim.targets.failures import CertificateFailure
from exchange_sim.targets.certificate_files import check_export_file, write_export

NEWER = ("2013", "2016", "2019", "SE")


def _plain(password: Any) -> str | None:
    if password is None:
        return None
    return password.reveal() if isinstance(password, SecureString) else str(password)


class ExportExchangeCertificate(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        bound = ctx.bound
        identity = thumbprint_argument(ctx)
        if identity is None:
            return
        thumbprint = identity.thumbprint
        if not thumbprint:
            ctx.throw_terminating_error(ErrorRecord(
                ArgumentException("The empty or null string isn't a valid thumbprint."), "EmptyThumbprint", "InvalidArgument"))
            return
        # 2007's -Path (overwritten only with -Force) and the 2013-era -FileName name the same file.
        file_name = bound.get("Path") or bound.get("FileName")
        binary = bool(bound.get("BinaryEncoded"))
        try:
            target = target_of(ctx, identity.server)
            files = files_of(ctx, target)
            destination = (check_export_file(files, str(file_name), target.server_name, bool(bound.get("Path")),
                                             bool(bound.get("Force")))
                           if file_name else None)
            exported = target.export(thumbprint, _plain(bound.get("Password")), audit_of(bound))
            if destination is not None:
                data = exported.data if binary else exported.text.encode("utf-8")
                write_export(files, destination, data, target.server_name)
        except CertificateFailure as failure:
            # Exchange task errors end the processing of the current input (ThrowTerminatingError).
            ctx.throw_terminating_error(failure_record(failure, "ExportExchangeCertificate", thumbprint))
            return
        ctx.write_object(BinaryFileDataObject(exported.data) if binary else exported.text)


EXPORT_EXCHANGE_CERTIFICATE = CommandDeclaration(
    name="Export-ExchangeCertificate",
    parameters=(
        ParameterDeclaration("Thumbprint", "string", (ParameterSetEntry(
            "Thumbprint", position=0, value_from_pipeline=True, value_from_pipeline_by_property_name=True),)),
        ParameterDeclaration("Identity", "string", (ParameterSetEntry("Identity", position=0),), versions=NEWER),
        ParameterDeclaration("BinaryEncoded", "switch"),
        ParameterDeclaration("Password", "securestring"),
        ParameterDeclaration("Path", "string", versions=("2007",)),
        ParameterDeclaration("Force", "switch", versions=("2007",)),
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
