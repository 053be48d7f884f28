"""Get-ExchangeCertificate (§4.1): declaration and output; the lookup lives in the target."""
from __future__ import annotations

from typing import Any

from exchange_sim.exchange.errors import failure_record
from exchange_sim.powershell.commands import (Cmdlet, CmdletContext, CommandDeclaration, ParameterDeclaration,
                                              ParameterSetEntry)
from exchange_sim.powershell.values.errors import ErrorRecord
from exchange_sim.powershell.values.exceptions import ArgumentException
from exchange_sim.targets.failures import CertificateFailure
from exchange_sim.targets.identity import IdentityError, parse_identity

MODULE = "Microsoft.Exchange.Management.PowerShell.E2010"
TARGET_KEY = "exchange.target"


class GetExchangeCertificate(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        target = ctx.extensions[TARGET_KEY]
        bound = ctx.bound
        thumbprint: str | None = bound.get("Thumbprint")
        if "Identity" in bound and bound["Identity"] is not None:
            try:
                thumbprint = parse_identity(str(bound["Identity"])).thumbprint
            except IdentityError as error:
                ctx.throw_terminating_error(ErrorRecord(ArgumentException(str(error)), "InvalidIdentity", "InvalidArgument"))
                return
        domains = [str(name) for name in (bound.get("DomainName") or [])]
        audit: dict[str, Any] = {name: str(value) for name, value in bound.items()}
        try:
            found = target.get(thumbprint, domains, audit)
        except CertificateFailure as failure:
            # Exchange task errors end the processing of the current input (ThrowTerminatingError).
            ctx.throw_terminating_error(failure_record(failure, "GetExchangeCertificate", thumbprint))
            return
        for certificate in found:
            ctx.write_object(certificate)


def _entry(set_name: str, position: int | None = None, pipeline: bool = False) -> ParameterSetEntry:
    return ParameterSetEntry(set_name=set_name, position=position, value_from_pipeline=pipeline)


GET_EXCHANGE_CERTIFICATE = CommandDeclaration(
    name="Get-ExchangeCertificate",
    parameters=(
        ParameterDeclaration("Thumbprint", "string", (_entry("Thumbprint", 0, pipeline=True),)),
        ParameterDeclaration("Identity", "string", (_entry("Identity", 0),), versions=("2013", "2016", "2019", "SE")),
        ParameterDeclaration("Instance", "object", (_entry("Instance", pipeline=True),)),
        ParameterDeclaration("DomainName", "string[]"),
        ParameterDeclaration("Server", "string", (_entry("Thumbprint"), _entry("Instance")),
                             versions=("2010", "2013", "2016", "2019", "SE")),
        ParameterDeclaration("DomainController", "string", versions=("2010", "2013", "2016", "2019", "SE")),
    ),
    implementation=GetExchangeCertificate,
    default_parameter_set="Thumbprint",
    output_types=("Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate",),
    synopsis="Gets the certificates that Exchange can use on a server, and its pending certificate requests.",
    module=MODULE,
    implementing_type="Microsoft.Exchange.Management.SystemConfigurationTasks.GetExchangeCertificate",
)

GetExchangeCertificate.declaration = GET_EXCHANGE_CERTIFICATE
