"""Set-OutlookAnywhere: host names, how clients and IIS authenticate, which clients need TLS and
whether a device in front offloads it. Parameters follow the version that introduced them."""
from __future__ import annotations

import enum
from typing import Any

from exchange_sim.exchange.organization.tasks import (ALL_VERSIONS, DOMAIN_CONTROLLER, MODULE, OrganizationTask,
                                                      failure_record, identity_parameter)
from exchange_sim.powershell.commands import CmdletContext, CommandDeclaration, ParameterDeclaration
from exchange_sim.targets.organization import ConfigurationFailure


class AuthenticationMethod(enum.IntEnum):
    """Microsoft.Exchange.Data.Directory.SystemConfiguration.AuthenticationMethod (its member order)."""

    ps_type_name = enum.nonmember("Microsoft.Exchange.Data.Directory.SystemConfiguration.AuthenticationMethod")

    Basic = 0
    Digest = 1
    Ntlm = 2
    Fba = 3
    WindowsIntegrated = 4
    LiveIdFba = 5
    LiveIdBasic = 6
    WSSecurity = 7
    Certificate = 8
    NegoEx = 9
    OAuth = 10
    Adfs = 11
    Kerberos = 12
    Negotiate = 13
    LiveIdNegotiate = 14
    Misconfigured = 15

    def __str__(self) -> str:
        return self.name


AUTHENTICATION_METHOD = AuthenticationMethod.ps_type_name
# The reference lists only these for Outlook Anywhere's client and IIS methods.
_OUTLOOK_ANYWHERE_METHODS = (AuthenticationMethod.Basic, AuthenticationMethod.Ntlm, AuthenticationMethod.Negotiate)
_SINCE_2010 = ALL_VERSIONS[1:]
_SINCE_2013 = ALL_VERSIONS[2:]

# parameter -> (stored setting, since); host names are stored with the directory's URLs.
_SETTINGS = {
    "ExternalClientAuthenticationMethod": "external_client_authentication_method",
    "InternalClientAuthenticationMethod": "internal_client_authentication_method",
    "ExternalClientsRequireSsl": "external_clients_require_ssl",
    "InternalClientsRequireSsl": "internal_clients_require_ssl",
    "IISAuthenticationMethods": "iis_authentication_methods",
    "SSLOffloading": "ssl_offloading",
}
_HOST_NAMES = {"InternalHostname": "internal_url", "ExternalHostname": "external_url"}


def _invalid(message: str, server: str) -> ConfigurationFailure:
    return ConfigurationFailure("ErrorInvalidOutlookAnywhereArgument", message, "InvalidArgument", server,
                                "TaskArgumentException")


class SetOutlookAnywhere(OrganizationTask):
    task_class = "SetRpcHttp"

    def process(self, ctx: CmdletContext) -> None:
        identity = str(ctx.bound.get("Identity") or "")
        target = self.target(ctx)
        try:
            settings = self._settings(ctx, target.server_name)
        except ConfigurationFailure as failure:
            ctx.throw_terminating_error(failure_record(failure, self.task_class, identity))
            return
        urls = {field: self.text(ctx, parameter) for parameter, field in _HOST_NAMES.items() if parameter in ctx.bound}
        if not (settings or urls) or not ctx.should_process(identity, ctx.command.name):
            return
        try:
            target.set_outlook_anywhere(identity, urls, settings, ctx.command.name, self.audit(ctx))
        except ConfigurationFailure as failure:
            self.fail(ctx, failure, identity)

    def _settings(self, ctx: CmdletContext, server: str) -> dict[str, Any]:
        bound = ctx.bound
        methods = [name for name in ("ExternalClientAuthenticationMethod", "InternalClientAuthenticationMethod",
                                     "IISAuthenticationMethods") if name in bound]
        settings: dict[str, Any] = {}
        if "DefaultAuthenticationMethod" in bound:
            # The reference: it replaces all three, so it cannot be combined with any of them.
            if methods:
                raise _invalid(f"The DefaultAuthenticationMethod parameter can't be used with the {methods[0]} "
                               "parameter.", server)
            method = self._method(bound["DefaultAuthenticationMethod"], "DefaultAuthenticationMethod", server)
            return {"external_client_authentication_method": method, "internal_client_authentication_method": method,
                    "iis_authentication_methods": (method,)}
        if "ClientAuthenticationMethod" in bound:  # 2010's name for the external clients' method
            settings["external_client_authentication_method"] = self._method(
                bound["ClientAuthenticationMethod"], "ClientAuthenticationMethod", server)
        for parameter, field in _SETTINGS.items():
            if parameter not in bound:
                continue
            value = bound[parameter]
            if parameter == "IISAuthenticationMethods":
                chosen = tuple(dict.fromkeys(self._method(item, parameter, server) for item in (value or ())))
                if not chosen:
                    raise _invalid("The IISAuthenticationMethods parameter needs at least one authentication method.",
                                   server)
                settings[field] = chosen
            elif parameter.endswith("AuthenticationMethod"):
                settings[field] = self._method(value, parameter, server)
            else:
                settings[field] = bool(value)
        return settings

    @staticmethod
    def _method(value: Any, parameter: str, server: str) -> str:
        method = AuthenticationMethod(int(value))
        if method not in _OUTLOOK_ANYWHERE_METHODS:
            raise _invalid(f"The value '{method.name}' isn't valid for the {parameter} parameter. Valid values are: "
                           "Basic, Ntlm, Negotiate.", server)
        return method.name


def _method_parameter(name: str, versions: tuple[str, ...], many: bool = False) -> ParameterDeclaration:
    return ParameterDeclaration(name, AUTHENTICATION_METHOD + ("[]" if many else ""), versions=versions)


SET_OUTLOOK_ANYWHERE = CommandDeclaration(
    name="Set-OutlookAnywhere",
    parameters=(
        identity_parameter(mandatory=True),
        ParameterDeclaration("ExternalHostname", "string", allow_null=True),
        ParameterDeclaration("InternalHostname", "string", allow_null=True, versions=_SINCE_2013),
        _method_parameter("ClientAuthenticationMethod", ("2010",)),
        _method_parameter("DefaultAuthenticationMethod", _SINCE_2010),
        _method_parameter("ExternalClientAuthenticationMethod", _SINCE_2013),
        _method_parameter("InternalClientAuthenticationMethod", _SINCE_2013),
        _method_parameter("IISAuthenticationMethods", _SINCE_2010, many=True),
        ParameterDeclaration("ExternalClientsRequireSsl", "bool", versions=_SINCE_2013),
        ParameterDeclaration("InternalClientsRequireSsl", "bool", versions=_SINCE_2013),
        ParameterDeclaration("SSLOffloading", "bool"),
        DOMAIN_CONTROLLER,
    ),
    implementation=SetOutlookAnywhere, supports_should_process=True, module=MODULE,
    synopsis="Changes the Outlook Anywhere virtual directory: host names, client and IIS authentication, TLS.",
    implementing_type="Microsoft.Exchange.Management.SystemConfigurationTasks.SetRpcHttp",
)
SetOutlookAnywhere.declaration = SET_OUTLOOK_ANYWHERE
