"""Import-ExchangeCertificate (§6.1): declaration and argument shaping; the import lives in the target."""
from __future__ import annotations

from typing import Any

from exchange_sim.exchange.errors import failure_record
from exchange_sim.exchange.export_certificate import _plain
from exchange_sim.exchange.get_certificate import MODULE
from exchange_sim.exchange.targeting import audit_of, files_of, target_of
from exchange_sim.powershell.commands import (Cmdlet, CmdletContext, CommandDeclaration, ParameterDeclaration,
                                              ParameterSetEntry)
from exchange_sim.targets.certificate_files import read_certificate_file
from exchange_sim.targets.failures import CertificateFailure

NEWER = ("2010", "2013", "2016", "2019", "SE")


def _bytes_of(value: Any) -> bytes | None:
    """-FileData arrives as byte[], a list of ints from the pipeline, or text (Get-Content output)."""
    if value is None:
        return None
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, list) and all(isinstance(item, int) for item in value):
        return bytes(value)
    if isinstance(value, list):
        return "\r\n".join(str(item) for item in value).encode("utf-8")
    return str(value).encode("utf-8")


class ImportExchangeCertificate(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        bound = ctx.bound
        try:
            target = target_of(ctx)
            # 2007's -Path and the 2013-era -FileName are read by the shell's server; -Instance is text.
            file_name = bound.get("Path") or bound.get("FileName")
            data = (read_certificate_file(files_of(ctx, target), str(file_name), target.server_name) if file_name
                    else _bytes_of(bound.get("FileData") if bound.get("FileData") is not None else bound.get("Instance")))
            imported = target.import_(data, _plain(bound.get("Password")),
                                      bool(bound.get("PrivateKeyExportable", False)), bound.get("FriendlyName"),
                                      audit_of(bound))
        except CertificateFailure as failure:
            # Exchange task errors end the processing of the current input (ThrowTerminatingError).
            ctx.throw_terminating_error(failure_record(failure, "ImportExchangeCertificate"))
            return
        ctx.write_object(imported)


IMPORT_EXCHANGE_CERTIFICATE = CommandDeclaration(
    name="Import-ExchangeCertificate",
    parameters=(
        ParameterDeclaration("FileData", "byte[]", (ParameterSetEntry(
            "FileData", position=0, value_from_pipeline=True, value_from_pipeline_by_property_name=True),),
            versions=NEWER),
        ParameterDeclaration("FileName", "string", (ParameterSetEntry("FileName", mandatory=True),),
                             versions=("2013", "2016", "2019")),
        ParameterDeclaration("Path", "string", (ParameterSetEntry("Path", position=0),), versions=("2007",)),
        ParameterDeclaration("Instance", "string[]", (ParameterSetEntry("Instance", value_from_pipeline=True),)),
        ParameterDeclaration("Password", "securestring"),
        ParameterDeclaration("PrivateKeyExportable", "bool", versions=NEWER),
        ParameterDeclaration("FriendlyName", "string"),
        ParameterDeclaration("Server", "string", versions=NEWER),
        ParameterDeclaration("DomainController", "string"),
    ),
    implementation=ImportExchangeCertificate,
    default_parameter_set="FileData",
    supports_should_process=True,
    output_types=("Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate",),
    synopsis="Imports a certificate (PFX, CER, PKCS#7) or completes a pending certificate request.",
    module=MODULE,
    implementing_type="Microsoft.Exchange.Management.SystemConfigurationTasks.ImportExchangeCertificate",
)

ImportExchangeCertificate.declaration = IMPORT_EXCHANGE_CERTIFICATE
