"""Get-AuthConfig and Set-AuthConfig: the organisation's OAuth signing certificate (current, next,
previous) as the Auth-certificate rotation runbooks drive it (§11.1 "Auth certificate operations")."""
from __future__ import annotations

from datetime import datetime

from exchange_sim.exchange.organization import objects
from exchange_sim.exchange.organization.tasks import ALL_VERSIONS, DOMAIN_CONTROLLER, MODULE, OrganizationTask
from exchange_sim.powershell.commands import CmdletContext, CommandDeclaration, ParameterDeclaration, ParameterSetEntry
from exchange_sim.targets.organization import AuthChange, ConfigurationFailure

# OAuth arrived with Exchange 2013.
VERSIONS = ALL_VERSIONS[2:]
CURRENT = "CurrentCertificateParameter"
NEW = "NewCertificateParameter"
PUBLISH = "PublishCertificateParameter"
SETTINGS = "AuthConfigSettings"
# Paraphrase of the confirmation Set-AuthConfig asks before scheduling a certificate less than 48
# hours ahead (the servers pick up a new Auth certificate on a 12-hour cycle).
SHORT_NOTICE = ("The effective date {date} is less than 48 hours from now. Servers that haven't picked up the "
                "new certificate by then can't sign or validate OAuth tokens. Do you want to continue?")


class GetAuthConfig(OrganizationTask):
    task_class = "GetAuthConfig"

    def process(self, ctx: CmdletContext) -> None:
        ctx.write_object(objects.auth_config(self.target(ctx).auth_config(self.audit(ctx))))


class SetAuthConfig(OrganizationTask):
    task_class = "SetAuthConfig"

    def process(self, ctx: CmdletContext) -> None:
        bound = ctx.bound
        effective = bound.get("NewCertificateEffectiveDate")
        change = AuthChange(
            certificate_thumbprint=self.text(ctx, "CertificateThumbprint"),
            new_certificate_thumbprint=self.text(ctx, "NewCertificateThumbprint"),
            new_certificate_effective_date=effective if isinstance(effective, datetime) else None,
            publish=bool(bound.get("PublishCertificate")),
            clear_previous=bool(bound.get("ClearPreviousCertificate")),
        )
        target = self.target(ctx)
        if not ctx.should_process("Auth Configuration", "Set-AuthConfig"):
            return
        if target.auth_needs_confirmation(change) and not bound.get("Force"):
            query = SHORT_NOTICE.format(date=change.new_certificate_effective_date)
            if not ctx.should_continue(query, "Confirm"):
                return
        try:
            target.set_auth_config(change, self.audit(ctx))
        except ConfigurationFailure as failure:
            self.fail(ctx, failure, "Auth Configuration")


def _in(*sets: str) -> tuple[ParameterSetEntry, ...]:
    return tuple(ParameterSetEntry(name) for name in sets)


GET_AUTH_CONFIG = CommandDeclaration(
    name="Get-AuthConfig",
    parameters=(DOMAIN_CONTROLLER,),
    implementation=GetAuthConfig,
    output_types=(f"{objects.SYSTEM_CONFIGURATION}.AuthConfig",),
    synopsis="Gets the organisation's authorization configuration (its OAuth certificates).",
    module=MODULE,
    implementing_type="Microsoft.Exchange.Management.SystemConfigurationTasks.GetAuthConfig",
    versions=VERSIONS,
)

SET_AUTH_CONFIG = CommandDeclaration(
    name="Set-AuthConfig",
    parameters=(
        ParameterDeclaration("CertificateThumbprint", "string", (ParameterSetEntry(CURRENT, mandatory=True),)),
        ParameterDeclaration("NewCertificateThumbprint", "string", _in(NEW)),
        ParameterDeclaration("NewCertificateEffectiveDate", "datetime", _in(NEW)),
        ParameterDeclaration("SkipImmediateCertificateDeployment", "switch", _in(CURRENT, NEW)),
        ParameterDeclaration("Server", "string", _in(CURRENT, NEW)),
        ParameterDeclaration("PublishCertificate", "switch", _in(PUBLISH)),
        ParameterDeclaration("ClearPreviousCertificate", "switch", _in(PUBLISH)),
        ParameterDeclaration("Realm", "string", _in(SETTINGS)),
        ParameterDeclaration("ServiceName", "string", _in(SETTINGS)),
        ParameterDeclaration("Force", "switch"),
        DOMAIN_CONTROLLER,
    ),
    implementation=SetAuthConfig,
    default_parameter_set=SETTINGS,
    supports_should_process=True,
    synopsis="Changes the organisation's OAuth certificates: current, next (with its effective date), publish, clear previous.",
    module=MODULE,
    implementing_type="Microsoft.Exchange.Management.SystemConfigurationTasks.SetAuthConfig",
    versions=VERSIONS,
)

GetAuthConfig.declaration = GET_AUTH_CONFIG
SetAuthConfig.declaration = SET_AUTH_CONFIG
DECLARATIONS = (GET_AUTH_CONFIG, SET_AUTH_CONFIG)
