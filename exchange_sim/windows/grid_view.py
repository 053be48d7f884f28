"""Out-GridView on a lab server: nobody sits at the window, so the grid is recorded as a lab event
(title and the rows as the console would print them) and, with -PassThru or -OutputMode, every row
counts as selected (Single: the first) and goes down the pipeline."""

from __future__ import annotations

from typing import Any

from exchange_sim.lab import Lab, Server
from exchange_sim.powershell.builtins.declaring import UTILITY, implementing, param, switch
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration, CommandTable
from exchange_sim.powershell.values.formatting import format_default

GRID = "windows.grid_view"


class GridViewLog:
    def __init__(self, lab: Lab, server: Server) -> None:
        self._lab = lab
        self.server = server

    def shown(self, title: str, rows: int, text: str, passed: int) -> None:
        with self._lab.transaction():
            self._lab.events.record(self.server.name, "Out-GridView", "GridViewShown",
                                    f"Out-GridView '{title}' showed {rows} row(s); {passed} passed on.",
                                    {"title": title, "rows": rows, "passed": passed, "text": text})


class OutGridView(Cmdlet):
    def begin(self, ctx: CmdletContext) -> None:
        self._items: list[Any] = []

    def process(self, ctx: CmdletContext) -> None:
        if "InputObject" in ctx.bound:
            self._items.append(ctx.bound["InputObject"])

    def end(self, ctx: CmdletContext) -> None:
        log = ctx.extensions[GRID]
        assert isinstance(log, GridViewLog)
        mode = str(ctx.bound.get("OutputMode") or ("Multiple" if ctx.bound.get("PassThru") else "None"))
        passed = [] if mode.lower() == "none" else self._items[:1] if mode.lower() == "single" else self._items
        title = str(ctx.bound.get("Title") or "Out-GridView")
        text = format_default(self._items, getattr(ctx, "views", None)).strip("\n") if self._items else ""
        log.shown(title, len(self._items), text, len(passed))
        ctx.write_object(passed, enumerate_collection=True)


OUT_GRID_VIEW = CommandDeclaration(
    name="Out-GridView",
    parameters=(
        param("InputObject", "psobject", pipeline=True),
        param("Title", "string"),
        switch("PassThru", sets=("PassThru",)),
        switch("Wait", sets=("Wait",)),
        param("OutputMode", "string", sets=("OutputMode",), validate_set=("None", "Single", "Multiple")),
    ),
    implementation=OutGridView,
    default_parameter_set="PassThru",
    synopsis="Sends output to an interactive table in a separate window.",
    aliases=("ogv",),
    module=UTILITY,
    implementing_type=implementing("Out-GridView"),
)
OutGridView.declaration = OUT_GRID_VIEW


def register_grid_view(commands: CommandTable) -> None:
    commands.register(OUT_GRID_VIEW)
