"""IIS on a lab server: web sites and their bindings, application pools, and `iisreset`, read off
and written to the lab's IIS bindings, the same rows Enable-ExchangeCertificate -Services IIS sets.

A site's https binding carries the certificate hash of its SSL binding (`0.0.0.0!443` for the
Default Web Site, `0.0.0.0!444` for Exchange Back End); rebinding goes through the lab config, so
Get-ExchangeCertificate shows the W at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from exchange_sim.lab import DEFAULT_WEB_SITE, Lab, Server, ServiceState
from exchange_sim.windows.listener_certificates import presented_certificate
from exchange_sim.windows.machine import exchange_install_path

EVENT_SOURCE = "IIS"
# The services `iisreset` stops and starts, in its stop order.
RESET_SERVICES = ("W3SVC", "WAS", "IISADMIN")
_POOL_STATE_PREFIX = "AppPool\\"


@dataclass(frozen=True)
class WebBinding:
    """A site binding as WebAdministration returns it (a ConfigurationElement)."""

    ps_type_names = ("Microsoft.IIs.PowerShell.Framework.ConfigurationElement#site#bindings#binding",
                     "Microsoft.IIs.PowerShell.Framework.ConfigurationElement", "System.Object")

    iis: "Iis"
    site_id: int
    site_name: str
    protocol: str
    binding_information: str
    certificate_hash: str | None

    def ps_properties(self) -> dict[str, object]:
        return {
            "protocol": self.protocol,
            "bindingInformation": self.binding_information,
            "sslFlags": 0,
            "isDsMapperEnabled": False,
            "certificateHash": self.certificate_hash or "",
            "certificateStoreName": "My" if self.certificate_hash else "",
            "ItemXPath": f"/system.applicationHost/sites/site[@name='{self.site_name}' and @id='{self.site_id}']",
        }

    def ps_methods(self) -> Mapping[str, Callable[..., Any]]:
        def add(thumbprint: Any, store: Any = "My") -> None:
            self.iis.bind(self.site_id, str(thumbprint))

        return {"AddSslCertificate": add, "RemoveSslCertificate": lambda: self.iis.bind(self.site_id, None),
                "ToString": lambda: str(self)}

    def __str__(self) -> str:
        return "Microsoft.IIs.PowerShell.Framework.ConfigurationElement"


@dataclass(frozen=True)
class WebSite:
    ps_type_names = ("Microsoft.IIs.PowerShell.Framework.ConfigurationElement#site",
                     "Microsoft.IIs.PowerShell.Framework.ConfigurationElement", "System.Object")

    site_id: int
    name: str
    state: str
    physical_path: str
    bindings: tuple[WebBinding, ...]

    def ps_properties(self) -> dict[str, object]:
        return {
            "name": self.name,
            "id": self.site_id,
            "serverAutoStart": True,
            "state": self.state,
            "physicalPath": self.physical_path,
            "bindings": Bindings(self.bindings),
            "ItemXPath": f"/system.applicationHost/sites/site[@name='{self.name}' and @id='{self.site_id}']",
        }

    def __str__(self) -> str:
        return "Microsoft.IIs.PowerShell.Framework.ConfigurationElement"


@dataclass(frozen=True)
class Bindings:
    """A site's `bindings` element: `.Collection` holds the binding elements."""

    items: tuple[WebBinding, ...]

    def ps_properties(self) -> dict[str, object]:
        return {"Collection": list(self.items)}

    def __str__(self) -> str:
        return " ".join(f"{b.protocol} {b.binding_information}" for b in self.items)


@dataclass(frozen=True)
class AppPoolState:
    """What Get-WebAppPoolState returns: `.Value` is Started or Stopped."""

    value: str

    def ps_properties(self) -> dict[str, object]:
        return {"Value": self.value}

    def __str__(self) -> str:
        return self.value


def application_pools(server: Server) -> tuple[str, ...]:
    """The pools Exchange setup creates on the server's version."""
    if not server.at_least("2010"):
        return ("DefaultAppPool", "MSExchangeAutodiscoverAppPool", "MSExchangeOWAAppPool",
                "MSExchangeServicesAppPool", "MSExchangeSyncAppPool", "MSExchangeUMAppPool")
    if not server.at_least("2013"):
        return ("DefaultAppPool", "MSExchangeAutodiscoverAppPool", "MSExchangeECPAppPool", "MSExchangeOABAppPool",
                "MSExchangeOWAAppPool", "MSExchangePowerShellAppPool", "MSExchangeServicesAppPool",
                "MSExchangeSyncAppPool")
    pools = ["DefaultAppPool", "MSExchangeAutodiscoverAppPool", "MSExchangeECPAppPool",
             "MSExchangeMapiAddressBookAppPool", "MSExchangeMapiFrontEndAppPool", "MSExchangeMapiMailboxAppPool",
             "MSExchangeOABAppPool", "MSExchangeOWAAppPool", "MSExchangeOWACalendarAppPool",
             "MSExchangePowerShellAppPool", "MSExchangePowerShellFrontEndAppPool", "MSExchangeRpcProxyAppPool",
             "MSExchangeRpcProxyFrontEndAppPool", "MSExchangeServicesAppPool", "MSExchangeSyncAppPool"]
    if server.at_least("2016"):
        pools += ["MSExchangeRestAppPool", "MSExchangeRestFrontEndAppPool"]
    return tuple(sorted(pools, key=str.lower))


class Iis:
    """The IIS of one lab server."""

    def __init__(self, lab: Lab, server: Server) -> None:
        self._lab = lab
        self.server = server

    # -- sites and bindings ----------------------------------------------------------------
    def sites(self) -> list[WebSite]:
        state = "Started" if self._running("W3SVC") else "Stopped"
        sites = []
        for binding in self._lab.config(self.server).iis_bindings():
            http_port = 80 if binding.site_id == DEFAULT_WEB_SITE else 81
            bindings = (
                WebBinding(self, binding.site_id, binding.site_name, "http", f"*:{http_port}:", None),
                WebBinding(self, binding.site_id, binding.site_name, "https", f"*:{binding.port}:",
                           binding.thumbprint),
            )
            path = ("%SystemDrive%\\inetpub\\wwwroot" if binding.site_id == DEFAULT_WEB_SITE
                    else exchange_install_path(self.server.version) + "ClientAccess")
            sites.append(WebSite(binding.site_id, binding.site_name, state, path, bindings))
        return sites

    def ssl_bindings(self) -> list[tuple[str, str | None, str]]:
        """`IIS:\\SslBindings`: (`0.0.0.0!443`, thumbprint, site name) per https binding."""
        return [(f"0.0.0.0!{b.port}", b.thumbprint, b.site_name) for b in self._lab.config(self.server).iis_bindings()]

    def bind(self, site_id: int, thumbprint: str | None) -> None:
        with self._lab.transaction():
            self._lab.config(self.server).bind_iis(thumbprint, site_id)
            site = next(s for s in self._lab.config(self.server).iis_bindings() if s.site_id == site_id)
            self._lab.events.record(self.server.name, EVENT_SOURCE, "SslBindingChanged",
                                    f"The SSL binding 0.0.0.0:{site.port} ({site.site_name}) now uses "
                                    f"{site.thumbprint or 'no certificate'}.",
                                    {"site": site.site_name, "port": site.port, "thumbprint": site.thumbprint})

    # -- application pools -----------------------------------------------------------------
    def pool_names(self) -> tuple[str, ...]:
        return application_pools(self.server)

    def pool(self, name: str) -> str | None:
        return next((pool for pool in self.pool_names() if pool.lower() == name.lower()), None)

    def pool_state(self, name: str) -> str:
        state = self._lab.service_states(self.server).get(_POOL_STATE_PREFIX + name)
        return state.status if state else "Started"

    def set_pool(self, name: str, started: bool, restarted: bool = False) -> None:
        with self._lab.transaction():
            status = "Started" if started else "Stopped"
            self._lab.service_states(self.server).set(ServiceState(_POOL_STATE_PREFIX + name, status))
            verb = "was restarted" if restarted else ("was started" if started else "was stopped")
            kind = "AppPoolRestarted" if restarted else ("AppPoolStarted" if started else "AppPoolStopped")
            self._lab.events.record(self.server.name, "WAS", kind, f"Application pool '{name}' {verb}.",
                                    {"pool": name})

    # -- iisreset --------------------------------------------------------------------------
    def reset(self, stop: bool, start: bool) -> None:
        """Stops and/or starts W3SVC, WAS and IISADMIN; recorded with what https then presents."""
        with self._lab.transaction():
            states = self._lab.service_states(self.server)
            if stop:
                for name in RESET_SERVICES:
                    states.set(ServiceState(name, "Stopped"))
            if start:
                for name in reversed(RESET_SERVICES):
                    states.set(ServiceState(name, "Running"))
            presented = presented_certificate(self._lab, self.server, "IIS") if start else None
            action = "restarted" if stop and start else ("started" if start else "stopped")
            message = f"Internet services {action}."
            details: dict[str, object] = {"action": action}
            if presented is not None:
                message += f" https on 0.0.0.0:443 presents {presented.thumbprint} ({presented.subject})."
                details["thumbprint"] = presented.thumbprint
            self._lab.events.record(self.server.name, EVENT_SOURCE, "IisReset", message, details)

    def service_status(self, name: str) -> str:
        return "Running" if self._running(name) else "Stopped"

    def _running(self, name: str) -> bool:
        state = self._lab.service_states(self.server).get(name)
        return state is None or state.status == "Running"

    def audited(self, command: str, parameters: Mapping[str, object]) -> Any:
        return self._lab.cmdlet(self.server, command, parameters)
