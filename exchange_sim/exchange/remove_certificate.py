"""Remove-ExchangeCertificate (§9.1): declaration, confirmation and errors; checks live in the target."""
from __future__ import annotations

from exchange_sim.exchange.errors import failure_record
from exchange_sim.exchange.get_certificate import MODULE
from exchange_sim.powershell.commands import (Cmdlet, CmdletContext, CommandDeclaration, ParameterDeclaration,
                                              ParameterSetEntry)
from exchange_sim.exchange.targeting import audit_of, target_of, thumbprint_argument
from exchange_sim.targets.failures import CertificateFailure

NEWER = ("2013", "2016", "2019", "SE")


class RemoveExchangeCertificate(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        identity = thumbprint_argument(ctx)
        if identity is None:
            return
        thumbprint = identity.thumbprint
        # ConfirmImpact High: the engine prompts unless -Confirm:$false; -WhatIf answers no.
        text = f"Remove certificate with thumbprint {thumbprint} from the computer's certificate store."
        if not ctx.should_process(thumbprint, description=text, caption="Confirm",
                                  warning=f"Are you sure you want to perform this action?\n{text}"):
            return
        try:
            target_of(ctx, identity.server).remove(thumbprint, audit_of(ctx.bound))
        except CertificateFailure as failure:
            # Exchange task errors end the processing of the current input (ThrowTerminatingError).
            ctx.throw_terminating_error(failure_record(failure, "RemoveExchangeCertificate", thumbprint))


REMOVE_EXCHANGE_CERTIFICATE = CommandDeclaration(
    name="Remove-ExchangeCertificate",
    parameters=(
        ParameterDeclaration("Thumbprint", "string", (ParameterSetEntry(
            "Thumbprint", mandatory=True, position=0, value_from_pipeline=True,
            value_from_pipeline_by_property_name=True),)),
        ParameterDeclaration("Identity", "string", (ParameterSetEntry("Identity", position=0),), versions=NEWER),
        ParameterDeclaration("Server", "string", (ParameterSetEntry("Thumbprint"),), versions=("2010", *NEWER)),
        ParameterDeclaration("DomainController", "string"),
    ),
    implementation=RemoveExchangeCertificate,
    default_parameter_set="Thumbprint",
    supports_should_process=True,
    confirm_impact="High",
    synopsis="Removes a certificate or a pending certificate request from an Exchange server.",
    module=MODULE,
    implementing_type="Microsoft.Exchange.Management.SystemConfigurationTasks.RemoveExchangeCertificate",
)

RemoveExchangeCertificate.declaration = REMOVE_EXCHANGE_CERTIFICATE
