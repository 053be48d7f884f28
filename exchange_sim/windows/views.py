"""The 5.1 table views of the Windows items (FileSystem, Certificate and DotNetTypes .format.ps1xml)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from exchange_sim.powershell.values.formatting import ListView, TableColumn, TableGrouping, TableView, ViewTable
from exchange_sim.powershell.values.objects import get_property


def last_write_cell(item: Any) -> str:
    """`"{0,10}  {1,8}" -f $_.LastWriteTime.ToString("d"), $_.LastWriteTime.ToString("t")` (en-US)."""
    moment = get_property(item, "LastWriteTime")
    if not isinstance(moment, datetime):
        return ""
    date = f"{moment.month}/{moment.day}/{moment.year}"
    hour = moment.hour % 12 or 12
    time = f"{hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"
    return f"{date:>10}  {time:>8}"


def _length_cell(item: Any) -> Any:
    # Folders leave the Length column empty.
    return None if get_property(item, "PSIsContainer") else get_property(item, "Length")


def _directory(item: Any) -> str:
    # FileSystem.format.ps1xml's group label: PSParentPath without its provider prefix.
    parent = get_property(item, "PSParentPath") or ""
    return str(parent).split("::", 1)[-1]


# FileSystem's custom group header (4 spaces, two blank lines each side) and the default one
# Certificate.format.ps1xml's GroupBy PSParentPath gets (3 spaces, one blank line each side).
_DIRECTORY_GROUPS = TableGrouping(_directory, "\n\n    Directory: {}\n\n\n")
_CERTIFICATE_GROUPS = TableGrouping("PSParentPath", "\n   PSParentPath: {}\n\n")

_FILE_COLUMNS = (
    TableColumn("Mode", "Mode", 7, "left"),
    TableColumn("LastWriteTime", last_write_cell, 25, "right"),
    TableColumn("Length", _length_cell, 14, "right"),
    TableColumn("Name", "Name", None, "left"),
)


def register_views(views: ViewTable) -> None:
    # Certificate.format.ps1xml: `Get-ChildItem Cert:\` and `Cert:\LocalMachine` list these two.
    views.register(ListView("Microsoft.PowerShell.Commands.X509StoreLocation", ("Location", "StoreNames")))
    views.register(ListView("System.Security.Cryptography.X509Certificates.X509Store", ("Name",)))
    # One view on the shared base, so folders and files of a listing print as one table.
    views.register(TableView("System.IO.FileSystemInfo", _FILE_COLUMNS, grouping=_DIRECTORY_GROUPS))
    views.register(
        TableView(
            "System.Security.Cryptography.X509Certificates.X509Certificate2",
            (TableColumn("Thumbprint", "Thumbprint", 41, "left"), TableColumn("Subject", "Subject", None, "left")),
            grouping=_CERTIFICATE_GROUPS,
        )
    )
    views.register(
        TableView(
            "System.ServiceProcess.ServiceController",
            (TableColumn("Status", "Status", 8, "left"), TableColumn("Name", "Name", 18, "left"),
             TableColumn("DisplayName", "DisplayName", 38, "left")),
        )
    )
    # WebAdministration's views: sites with their bindings, and bindings alone.
    views.register(
        TableView(
            "Microsoft.IIs.PowerShell.Framework.ConfigurationElement#site",
            (TableColumn("Name", "name", 16, "left"), TableColumn("ID", "id", 4, "left"),
             TableColumn("State", "state", 10, "left"), TableColumn("Physical Path", "physicalPath", 30, "left"),
             TableColumn("Bindings", "bindings", None, "left")),
        )
    )
    views.register(TableView("Microsoft.IIs.PowerShell.Framework.Node", (TableColumn("Name", "Name", None, "left"),)))
    views.register(
        TableView(
            "Microsoft.IIs.PowerShell.Framework.ConfigurationElement#system.applicationHost#applicationPools#add",
            (TableColumn("Name", "name", 24, "left"), TableColumn("State", "state", 12, "left"),
             TableColumn("Applications", lambda item: "", None, "left")),
        )
    )
    views.register(
        TableView(
            "Microsoft.IIs.PowerShell.Framework.SslBinding",
            (TableColumn("IP Address", "IPAddress", 16, "left"), TableColumn("Port", "Port", 4, "left"),
             TableColumn("Host Name", "Host", 16, "left"), TableColumn("Store", "Store", 16, "left"),
             TableColumn("Sites", lambda item: "\n".join(get_property(item, "Sites") or []), None, "left")),
        )
    )
    views.register(
        TableView(
            "Microsoft.IIs.PowerShell.Framework.ConfigurationElement#site#bindings#binding",
            (TableColumn("protocol", "protocol", 8, "left"),
             TableColumn("bindingInformation", "bindingInformation", 18, "left"),
             TableColumn("sslFlags", "sslFlags", 8, "left")),
        )
    )
