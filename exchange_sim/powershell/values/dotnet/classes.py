"""Which Python class stands for which built-in .NET type (for `-is`, `New-Object`, casts)."""

from __future__ import annotations

import datetime
import decimal
import uuid


def builtin_classes() -> dict[str, type]:
    from exchange_sim.powershell.values.dotnet.collections import GenericDictionary, GenericList
    from exchange_sim.powershell.values.dotnet.security import NetworkCredential, PSCredential, SecureString
    from exchange_sim.powershell.values.dotnet.dates import DateTimeKind, DayOfWeek
    from exchange_sim.powershell.values.dotnet.network import IPAddress, Uri
    from exchange_sim.powershell.values.dotnet.regex import Regex
    from exchange_sim.powershell.values.dotnet.strings import StringComparison, StringSplitOptions
    from exchange_sim.powershell.values.dotnet.text_builder import StringBuilder
    from exchange_sim.powershell.values.dotnet.version import Version

    return {
        "System.String": str,
        "System.Boolean": bool,
        "System.Double": float,
        "System.Decimal": decimal.Decimal,
        "System.DateTime": datetime.datetime,
        "System.TimeSpan": datetime.timedelta,
        "System.Guid": uuid.UUID,
        "System.Security.SecureString": SecureString,
        "System.Management.Automation.PSCredential": PSCredential,
        "System.Net.NetworkCredential": NetworkCredential,
        "System.Collections.ArrayList": GenericList,
        "System.Text.StringBuilder": StringBuilder,
        "System.Collections.Generic.List": GenericList,
        "System.Collections.Generic.Dictionary": GenericDictionary,
        "System.Text.RegularExpressions.Regex": Regex,
        "System.Version": Version,
        "System.Net.IPAddress": IPAddress,
        "System.Uri": Uri,
        "System.StringSplitOptions": StringSplitOptions,
        "System.StringComparison": StringComparison,
        "System.DayOfWeek": DayOfWeek,
        "System.DateTimeKind": DateTimeKind,
    }


def array_class(element_full_name: str) -> type:
    return bytearray if element_full_name == "System.Byte" else list


def generic_class(base: str) -> type | None:
    from exchange_sim.powershell.values.dotnet.collections import GenericDictionary, GenericList

    return {"System.Collections.Generic.List": GenericList,
            "System.Collections.Generic.HashSet": GenericList,
            "System.Collections.Generic.Queue": GenericList,
            "System.Collections.Generic.Stack": GenericList,
            "System.Collections.Generic.Dictionary": GenericDictionary}.get(base)
