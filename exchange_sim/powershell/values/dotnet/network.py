"""[ipaddress] and [uri]: parsed with Python's ipaddress / urllib, shown with .NET's member names."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Any, ClassVar, Mapping
from urllib.parse import urlsplit

from exchange_sim.powershell.values import errors


@dataclass(frozen=True)
class IPAddress:
    text: str
    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Net.IPAddress", "System.Object")

    @classmethod
    def ps_parse(cls, text: str) -> "IPAddress":
        try:
            return cls(str(ipaddress.ip_address(text.strip())))
        except ValueError:
            raise errors.FormatException("An invalid IP address was specified.") from None

    def ps_properties(self) -> Mapping[str, Any]:
        parsed = ipaddress.ip_address(self.text)
        family = "InterNetwork" if parsed.version == 4 else "InterNetworkV6"
        return {"Address": int(parsed) if parsed.version == 4 else None, "AddressFamily": family,
                "ScopeId": None if parsed.version == 4 else 0, "IsIPv6Multicast": parsed.version == 6 and
                parsed.is_multicast, "IsIPv6LinkLocal": parsed.version == 6 and parsed.is_link_local,
                "IsIPv6SiteLocal": False, "IsIPv6Teredo": False, "IsIPv4MappedToIPv6": False,
                "IPAddressToString": self.text}

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Uri:
    text: str
    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Uri", "System.Object")

    @classmethod
    def ps_parse(cls, text: str) -> "Uri":
        parts = urlsplit(text.strip())
        if not parts.scheme or not (parts.netloc or parts.scheme == "file"):
            raise errors.FormatException("Invalid URI: The format of the URI could not be determined.")
        return cls(text.strip())

    def ps_properties(self) -> Mapping[str, Any]:
        parts = urlsplit(self.text)
        default_port = {"http": 80, "https": 443, "ftp": 21, "ldap": 389}.get(parts.scheme, -1)
        path = parts.path or "/"
        return {"AbsolutePath": path, "AbsoluteUri": self.text, "LocalPath": path, "Authority": parts.netloc,
                "Host": parts.hostname or "", "Port": parts.port or default_port, "Query": f"?{parts.query}"
                if parts.query else "", "Scheme": parts.scheme, "Fragment": f"#{parts.fragment}"
                if parts.fragment else "", "IsAbsoluteUri": True, "OriginalString": self.text,
                "Segments": ["/"] + [s + "/" for s in path.strip("/").split("/")[:-1]] + [path.rsplit("/", 1)[-1]]
                if path != "/" else ["/"], "DnsSafeHost": parts.hostname or ""}

    def __str__(self) -> str:
        return self.text
