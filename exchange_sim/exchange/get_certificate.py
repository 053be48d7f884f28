"""Get-ExchangeCertificate (§4.1): declaration and output; the lookup lives in the target."""
from __future__ import annotations

from exchange_sim.exchange.errors import failure_record
from exchange_sim.powershell.commands import (Cmdlet, CmdletContext, CommandDeclaration, ParameterDeclaration,
                                              ParameterSetEntry)
from exchange_sim.exchange.targeting import audit_of, target_of, thumbprint_argument
from exchange_sim.targets.failures import CertificateFailure

MODULE = "Microsoft.Exchange.Management.PowerShell.E2010"
TARGET_KEY = "exchange.target"


class GetExchangeCertificate(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        bound = ctx.bound
        identity = thumbprint_argument(ctx)
        if identity is None:
            return
        thumbprint: str | None = identity.thumbprint or None
        instance = bound.get("Instance")
        if thumbprint is None and instance is not None:
            # A piped certificate (-Instance) is looked up by its thumbprint.
            thumbprint = str(getattr(instance, "thumbprint", "") or "") or None
        domains = [str(name) for name in (bound.get("DomainName") or [])]
        try:
            target = target_of(ctx, identity.server)
            found = target.get(thumbprint, domains, audit_of(bound))
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
