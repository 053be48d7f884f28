"""Enable-ExchangeCertificate (§7.1): declaration, ShouldContinue prompts and errors; work lives in the target."""
from __future__ import annotations

from exchange_sim.exchange.errors import failure_record
from exchange_sim.exchange import prompts
from exchange_sim.exchange.get_certificate import MODULE
from exchange_sim.exchange.targeting import audit_of, target_of, thumbprint_argument
from exchange_sim.powershell.commands import (Cmdlet, CmdletContext, CommandDeclaration, ParameterDeclaration,
                                              ParameterSetEntry)
from exchange_sim.targets.enable import EnableChoices
from exchange_sim.targets.failures import CertificateFailure
from exchange_sim.targets.services import AllowedServices

SERVICES_TYPE = "Microsoft.Exchange.Management.SystemConfigurationTasks.AllowedServices"
NEWER = ("2013", "2016", "2019", "SE")


class EnableExchangeCertificate(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        bound = ctx.bound
        identity = thumbprint_argument(ctx)
        if identity is None:
            return
        thumbprint = identity.thumbprint
        services = AllowedServices(int(bound.get("Services") or 0))
        force = bool(bound.get("Force", False))
        try:
            target = target_of(ctx, identity.server)
            network_service = bool(bound.get("NetworkServiceAllowed", False))
            replaced, ssl_on = target.prompts_for_enable(thumbprint, services, network_service, audit_of(bound))
            replace = True
            if AllowedServices.SMTP in services and replaced is not None and not force:
                replace = ctx.should_continue(prompts.replace_default_smtp(replaced, thumbprint), prompts.CAPTION)
            require_ssl = not bound.get("DoNotRequireSsl", False)
            if AllowedServices.IIS in services and require_ssl and not ssl_on and not force:
                require_ssl = ctx.should_continue(prompts.require_ssl_on_root("Enable-ExchangeCertificate"),
                                                  prompts.CAPTION)
            choices = EnableChoices(replace, require_ssl, network_service)
            target.enable(thumbprint, services, choices, audit_of(bound))
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
        ParameterDeclaration("DoNotRequireSsl", "switch", versions=("2010", *NEWER)),
        # 2007 pages do not list -Force; kept so pasted 2010-era lines still run (unconfirmed).
        ParameterDeclaration("Force", "switch"),
        ParameterDeclaration("NetworkServiceAllowed", "switch", versions=("2010", *NEWER)),
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
