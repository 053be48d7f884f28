"""Default views (as Windows PowerShell 5.1's format files define them) for the objects the core cmdlets
create: Get-Command's CommandInfo, Group-Object's GroupInfo, Get-Variable's PSVariable, Get-Member's
MemberDefinition and Select-String's MatchInfo."""

from __future__ import annotations

from typing import Any

from exchange_sim.powershell.values.formatting import TableColumn, TableView


def _display_name(info: Any) -> str:
    return str(getattr(info, "display_name", info))


def _group_cell(group: Any) -> Any:
    return group.ps_properties().get("Group", [])


def register_views(views: Any) -> None:
    # 5.1's MatchInfo view prints each match as its ToString(), with no header.
    views.register(TableView(
        "Microsoft.PowerShell.Commands.MatchInfo",
        columns=(TableColumn("", lambda match: match.display_text() if hasattr(match, "display_text") else str(match)),),
        hide_headers=True,
    ))
    views.register(TableView(
        "System.Management.Automation.CommandInfo",
        columns=(
            TableColumn("CommandType", "CommandType", width=15),
            TableColumn("Name", _display_name, width=50),
            TableColumn("Version", "Version", width=10),
            TableColumn("Source", "Source"),
        ),
    ))
    views.register(TableView(
        "Microsoft.PowerShell.Commands.GroupInfo",
        columns=(
            TableColumn("Count", "Count", width=5, alignment="right"),
            TableColumn("Name", "Name", width=25),
            TableColumn("Group", _group_cell),
        ),
    ))
    views.register(TableView(
        "System.Management.Automation.PSVariable",
        columns=(TableColumn("Name", "Name", width=30), TableColumn("Value", "Value")),
    ))
    views.register(TableView(
        "Microsoft.PowerShell.Commands.MemberDefinition",
        columns=(TableColumn("Name", "Name"), TableColumn("MemberType", "MemberType"),
                 TableColumn("Definition", "Definition")),
    ))
