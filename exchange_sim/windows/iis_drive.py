"""The `IIS:` drive of WebAdministration over the lab server's IIS: `IIS:\\Sites`, `IIS:\\AppPools`
and `IIS:\\SslBindings`, where `0.0.0.0!443` is the Default Web Site's SSL binding, the same row
Enable-ExchangeCertificate -Services IIS sets. `New-Item IIS:\\SslBindings\\0.0.0.0!443 -Value $cert`
binds a certificate, `Remove-Item` unbinds it.

A provider path is `\\\\<server>\\SslBindings\\0.0.0.0!443`, as WebAdministration's PSPath shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from exchange_sim.powershell.providers import clamped_parts
from exchange_sim.powershell.values.exceptions import ArgumentException, IOException, ItemNotFoundException
from exchange_sim.powershell.values.objects import get_property
from exchange_sim.windows.iis import Iis

_CONTAINERS = ("AppPools", "Sites", "SslBindings")


@dataclass(frozen=True)
class IisContainer:
    """A folder of the IIS drive (the server node, Sites, AppPools, SslBindings)."""

    ps_type_names = ("Microsoft.IIs.PowerShell.Framework.Node", "System.Object")

    name: str
    path: str

    def ps_properties(self) -> dict[str, object]:
        return {"Name": self.name, "PSChildName": self.name, "PSIsContainer": True}

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class SslBinding:
    """An item of `IIS:\\SslBindings`: the http.sys SSL binding of an address and port."""

    ps_type_names = ("Microsoft.IIs.PowerShell.Framework.SslBinding", "System.Object")

    ip_address: str
    port: int
    thumbprint: str
    sites: tuple[str, ...]

    def ps_properties(self) -> dict[str, object]:
        return {
            "IPAddress": self.ip_address,
            "Port": self.port,
            "Host": "",
            "Store": "My",
            "Thumbprint": self.thumbprint,
            "Sites": list(self.sites),
            "PSChildName": f"{self.ip_address}!{self.port}",
            "PSIsContainer": False,
        }

    def __str__(self) -> str:
        return f"{self.ip_address}!{self.port}"


@dataclass(frozen=True)
class AppPoolItem:
    ps_type_names = ("Microsoft.IIs.PowerShell.Framework.ConfigurationElement#system.applicationHost"
                     "#applicationPools#add", "System.Object")

    name: str
    state: str

    def ps_properties(self) -> dict[str, object]:
        return {"name": self.name, "state": self.state, "PSChildName": self.name, "PSIsContainer": False}

    def __str__(self) -> str:
        return self.name


class IisDrive:
    """The `IIS:` drive (a `DriveProvider` of powershell/providers.py)."""

    drive_name = "IIS"
    provider_name = "WebAdministration"
    qualified_name = "WebAdministration\\WebAdministration"
    home: str | None = None

    def __init__(self, iis: Iis) -> None:
        self._iis = iis
        self.root = f"\\\\{iis.server.name.upper()}"

    # -- paths ----------------------------------------------------------------------------
    def _parts(self, path: str) -> list[str]:
        text = path.replace("/", "\\")
        if text.lower().startswith(self.root.lower()):
            text = text[len(self.root):]
        return clamped_parts(text)

    def normalize(self, path: str) -> str:
        parts = self._parts(path)
        if parts and parts[0].lower() in (c.lower() for c in _CONTAINERS):
            parts[0] = next(c for c in _CONTAINERS if c.lower() == parts[0].lower())
        return "\\".join([self.root, *parts])

    def split_root(self, path: str) -> tuple[str, str]:
        text = path.replace("/", "\\")
        if text.lower().startswith(self.root.lower()):
            return self.root, text[len(self.root):].lstrip("\\")
        return self.root, text.lstrip("\\")

    def join(self, parent: str, child: str) -> str:
        return parent.rstrip("\\") + "\\" + child.lstrip("\\") if child else parent

    def parent(self, path: str) -> str | None:
        parts = self._parts(path)
        return "\\".join([self.root, *parts[:-1]]) if parts else None

    # -- items ----------------------------------------------------------------------------
    def exists(self, path: str) -> bool:
        return self._find(self._parts(path)) is not None

    def is_container(self, path: str) -> bool:
        return isinstance(self._find(self._parts(path)), IisContainer)

    def item(self, path: str) -> Any:
        found = self._find(self._parts(path))
        if found is None:
            raise ItemNotFoundException(f"Cannot find path '{self._display(path)}' because it does not exist.")
        return found

    def children(self, path: str) -> list[tuple[str, Any, bool]]:
        parts = self._parts(path)
        base = "\\".join([self.root, *parts])
        if not parts:
            return [(f"{base}\\{name}", IisContainer(name, f"{base}\\{name}"), True) for name in _CONTAINERS]
        folder = parts[0].lower() if len(parts) == 1 else None
        items: list[Any]
        if folder == "sslbindings":
            items = self._ssl_bindings()
        elif folder == "sites":
            items = self._iis.sites()
        elif folder == "apppools":
            items = [AppPoolItem(name, self._iis.pool_state(name)) for name in self._iis.pool_names()]
        else:
            return []
        return [(f"{base}\\{_leaf(item)}", item, False) for item in items]

    # -- changes --------------------------------------------------------------------------
    def new_item(self, path: str, item_type: str | None, value: Any, force: bool) -> Any:
        site_id, port = self._ssl_target(path)
        thumbprint = get_property(value, "Thumbprint") if value is not None and not isinstance(value, str) else value
        if not thumbprint:
            raise ArgumentException("Value does not fall within the expected range.")
        existing = self._binding_for(port)
        if existing is not None and existing.thumbprint and not force:
            raise IOException("Cannot create a file when that file already exists. "
                              "(Exception from HRESULT: 0x800700B7)")
        self._iis.bind(site_id, str(thumbprint).replace(" ", "").upper())
        return self._binding_for(port)

    def remove_item(self, path: str, recurse: bool, options: dict[str, Any]) -> None:
        site_id, port = self._ssl_target(path)
        binding = self._binding_for(port)
        if binding is None or not binding.thumbprint:
            raise ItemNotFoundException(f"Cannot find path '{self._display(path)}' because it does not exist.")
        self._iis.bind(site_id, None)

    # --------------------------------------------------------------------------------------
    def _find(self, parts: list[str]) -> Any | None:
        if not parts:
            return IisContainer(self.root, self.root)
        folder = next((c for c in _CONTAINERS if c.lower() == parts[0].lower()), None)
        if folder is None:
            return None
        if len(parts) == 1:
            return IisContainer(folder, f"{self.root}\\{folder}")
        if len(parts) > 2:
            return None
        wanted = parts[1].lower()
        return next((item for _path, item, _container in self.children(f"{self.root}\\{folder}")
                     if _leaf(item).lower() == wanted), None)

    def _ssl_bindings(self) -> list[SslBinding]:
        return [SslBinding("0.0.0.0", int(address.split("!")[1]), thumbprint, (site,))
                for address, thumbprint, site in self._iis.ssl_bindings() if thumbprint]

    def _binding_for(self, port: int) -> SslBinding | None:
        return next((binding for binding in self._ssl_bindings() if binding.port == port), None)

    def _ssl_target(self, path: str) -> tuple[int, int]:
        parts = self._parts(path)
        if len(parts) != 2 or parts[0].lower() != "sslbindings":
            raise ArgumentException("This provider can only create and remove items under IIS:\\SslBindings.")
        address, _, port_text = parts[1].partition("!")
        sites = {int(a.split("!")[1]): s for a, _t, s in self._iis.ssl_bindings()}
        if address not in ("0.0.0.0", "*", "") or not port_text.isdigit() or int(port_text) not in sites:
            raise ArgumentException(f"Cannot bind '{parts[1]}': the lab's IIS has SSL bindings only on "
                                    f"0.0.0.0!{' and 0.0.0.0!'.join(str(p) for p in sorted(sites))}.")
        site_id = next(site.site_id for site in self._iis.sites() if site.name == sites[int(port_text)])
        return site_id, int(port_text)

    def _display(self, path: str) -> str:
        return "IIS:\\" + "\\".join(self._parts(path))


def _leaf(item: Any) -> str:
    if isinstance(item, SslBinding):
        return f"{item.ip_address}!{item.port}"
    return str(get_property(item, "name") if not isinstance(item, (IisContainer, AppPoolItem)) else item.name)
