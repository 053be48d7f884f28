"""Start-Process on a lab server: the start is recorded as a lab event; a program the lab knows
(iisreset, net, certutil…) also does what it does, its console text going to its own window."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from exchange_sim.lab import Lab, LabPathError, Server
from exchange_sim.powershell.builtins.declaring import MANAGEMENT, implementing, param, switch
from exchange_sim.powershell.builtins.records import throw_exception
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration, CommandTable
from exchange_sim.powershell.values.exceptions import InvalidOperationException
from exchange_sim.windows.machine import LabMachine

PROCESSES = "windows.processes"


@dataclass(frozen=True)
class Process:
    """System.Diagnostics.Process as -PassThru returns it, already exited."""

    ps_type_names = ("System.Diagnostics.Process", "System.ComponentModel.Component", "System.Object")

    id: int
    name: str
    exit_code: int

    def ps_properties(self) -> dict[str, object]:
        return {"Id": self.id, "ProcessName": self.name, "HasExited": True, "ExitCode": self.exit_code,
                "Handles": 0, "SI": 1}

    def __str__(self) -> str:
        return f"System.Diagnostics.Process ({self.name})"


class ProcessLauncher:
    def __init__(self, lab: Lab, server: Server) -> None:
        self._lab = lab
        self.server = server
        self._ids = itertools.count(4100, 4)

    def started(self, file_path: str, arguments: list[str], output: list[str], exit_code: int) -> Process:
        process = Process(next(self._ids), re.split(r"[\\/]", file_path)[-1].rsplit(".", 1)[0], exit_code)
        command_line = " ".join([file_path, *arguments])
        self._lab.events.record(self.server.name, "Start-Process", "ProcessStarted",
                                f"Started {command_line} (process {process.id}, exit code {exit_code}).",
                                {"file": file_path, "arguments": arguments, "output": output, "exit_code": exit_code})
        return process


class _ChildConsole:
    """The context a program started by Start-Process runs in: its own window, not the pipeline."""

    def __init__(self, ctx: CmdletContext, declaration: CommandDeclaration, arguments: list[str]) -> None:
        self._ctx = ctx
        self.command = declaration
        self.bound = {"ArgumentList": arguments}
        self.output: list[str] = []
        self.exit_code = 0

    def write_object(self, value: Any, enumerate_collection: bool = False) -> None:
        values = value if enumerate_collection and isinstance(value, (list, tuple)) else [value]
        self.output.extend(str(item) for item in values)

    def set_variable(self, name: str, value: Any) -> None:
        if name.lower() == "lastexitcode":
            self.exit_code = int(value)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ctx, name)


class StartProcess(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        launcher = ctx.extensions[PROCESSES]
        machine = ctx.extensions["windows.machine"]
        assert isinstance(launcher, ProcessLauncher) and isinstance(machine, LabMachine)
        file_path = str(ctx.bound["FilePath"])
        raw = ctx.bound.get("ArgumentList") or []
        arguments = [str(a) for a in (raw if isinstance(raw, (list, tuple)) else [raw])]
        # One string of arguments is split as the program's command line would be.
        if len(arguments) == 1 and " " in arguments[0]:
            arguments = arguments[0].split()
        program = re.split(r"[\\/]", file_path)[-1]
        declaration = ctx.registry.commands.resolve(program)  # type: ignore[attr-defined]
        if declaration is not None and declaration.native:
            console = _ChildConsole(ctx, declaration, arguments)
            declaration.implementation().process(console)  # type: ignore[arg-type]
            output, code = console.output, console.exit_code
        elif "\\" in file_path or "/" in file_path:
            try:
                found = machine.filesystem.exists(file_path)
            except LabPathError:
                found = False
            if not found:
                throw_exception(ctx, InvalidOperationException(
                    "This command cannot be run due to the error: The system cannot find the file specified."),
                    "InvalidOperationException", "InvalidOperation")
            output, code = [], 0
        else:
            output, code = [], 0  # a program the lab does not model: recorded, nothing more
        process = launcher.started(file_path, arguments, output, code)
        if ctx.bound.get("PassThru"):
            ctx.write_object(process)


START_PROCESS = CommandDeclaration(
    name="Start-Process",
    parameters=(
        param("FilePath", "string", position=0, mandatory=True, aliases=("PSPath",)),
        param("ArgumentList", "string[]", position=1, aliases=("Args",)),
        param("Credential", "pscredential", aliases=("RunAs",)),
        param("WorkingDirectory", "string"),
        switch("LoadUserProfile", aliases=("Lup",)),
        switch("NoNewWindow", aliases=("nnw",)),
        switch("PassThru"),
        param("RedirectStandardError", "string", aliases=("RSE",)),
        param("RedirectStandardInput", "string", aliases=("RSI",)),
        param("RedirectStandardOutput", "string", aliases=("RSO",)),
        param("Verb", "string"),
        param("WindowStyle", "string", validate_set=("Normal", "Hidden", "Minimized", "Maximized")),
        switch("Wait"),
        switch("UseNewEnvironment"),
    ),
    implementation=StartProcess,
    synopsis="Starts one or more processes on the local computer.",
    aliases=("saps", "start"),
    module=MANAGEMENT,
    implementing_type=implementing("Start-Process"),
)
StartProcess.declaration = START_PROCESS


def register_processes(commands: CommandTable) -> None:
    commands.register(START_PROCESS)
