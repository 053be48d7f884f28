"""Enable-ExchangeCertificate (§7.1): declaration, ShouldContinue prompts and errors; work lives in the target."""
from __future__ import annotations

from exchange_sim.exchange.errors import failure_record
from exchange_sim.exchange.get_certificate import MODULE, TARGET_KEY
from exchange_sim.powershell.commands import (Cmdlet, CmdletContext, CommandDeclaration, ParameterDeclaration,
                                              ParameterSetEntry)
from exchange_sim.powershell.values.errors import ErrorRecord
from exchange_sim.powershell.values.exceptions import ArgumentException
from exchange_sim.targets.enable import EnableChoices
from exchange_sim.targets.failures import CertificateFailure
from exchange_sim.targets.identity import IdentityError, parse_identity
from exchange_sim.targets.services import AllowedServices

SERVICES_TYPE = "Microsoft.Exchange.Management.SystemConfigurationTasks.AllowedServices"
NEWER = ("2013", "2016", "2019", "SE")


class EnableExchangeCertificate(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        bound = ctx.bound
        try:
            thumbprint = (parse_identity(str(bound["Identity"])).thumbprint if bound.get("Identity") is not None
                          else str(bound.get("Thumbprint") or ""))
        except IdentityError as error:
            ctx.throw_terminating_error(ErrorRecord(ArgumentException(str(error)), "InvalidIdentity", "InvalidArgument"))
            return
        services = AllowedServices(int(bound.get("Services") or 0))
        force = bool(bound.get("Force", False))
        target = ctx.extensions[TARGET_KEY]
        replaced, ssl_on = target.prompts_for_enable(thumbprint)
        replace = True
        if AllowedServices.SMTP in services and replaced is not None and not force:
            replace = ctx.should_continue(
                f"Overwrite the existing default SMTP certificate?\r\n\r\nCurrent certificate: '{replaced}'\r\n"
                f"Replace it with: '{thumbprint.upper()}'", "Confirm")
        require_ssl = not bound.get("DoNotRequireSsl", False)
        if AllowedServices.IIS in services and require_ssl and not ssl_on and not force:
            require_ssl = ctx.should_continue(
                "Do you want to enforce SSL on the root web site? To prevent this, use the -DoNotRequireSsl "
                "parameter when you run the Enable-ExchangeCertificate cmdlet.", "Confirm")
        choices = EnableChoices(replace, require_ssl, bool(bound.get("NetworkServiceAllowed", False)))
        try:
            target.enable(thumbprint, services, choices, {name: str(value) for name, value in bound.items()})
        except CertificateFailure as failure:
            # Exchange task errors end the processing of the current input (ThrowTerminatingError).
            ctx.throw_terminating_error(failure_record(failure, "EnableExchangeCertificate", thumbprint))


ENABLE_EXCHANGE_CERTIFICATE = CommandDeclaration(
    name="Enable-ExchangeCertificate",
    parameters=(
        ParameterDeclaration("Thumbprint", "string", (ParameterSetEntry(
            "Thumbprint", mandatory=True, position=0, value_from_pipeline=True,
            value_from_pipeline_by_property_name=True),)),
        ParameterDeclaration("Identity", "string", (ParameterSetEntry("Identity", position=0),), versions=NEWER),
        ParameterDeclaration("Services", SERVICES_TYPE, (ParameterSetEntry(mandatory=True),)),
        ParameterDeclaration("DoNotRequireSsl", "switch"),
        ParameterDeclaration("Force", "switch"),
        ParameterDeclaration("NetworkServiceAllowed", "switch"),
        ParameterDeclaration("Server", "string", (ParameterSetEntry("Thumbprint"),), versions=("2010", *NEWER)),
        ParameterDeclaration("DomainController", "string"),
    ),
    implementation=EnableExchangeCertificate,
    default_parameter_set="Thumbprint",
    supports_should_process=True,
    synopsis="Assigns a certificate to Exchange services (IIS, SMTP, POP, IMAP, UM, UMCallRouter).",
    module=MODULE,
    implementing_type="Microsoft.Exchange.Management.SystemConfigurationTasks.EnableExchangeCertificate",
)

EnableExchangeCertificate.declaration = ENABLE_EXCHANGE_CERTIFICATE
