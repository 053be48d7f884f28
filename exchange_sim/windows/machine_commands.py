"""Small native programs of the lab server that scripts call (`hostname`, `whoami`), declared as
native commands: their arguments arrive as text and they print lines, as a console program does."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar, Mapping

from exchange_sim.powershell.builtins.declaring import param
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration, CommandTable
from exchange_sim.lab import EXCHANGE_BUILDS
from exchange_sim.windows.machine import LabMachine, exchange_install_path


def machine_of(ctx: CmdletContext) -> LabMachine:
    machine = ctx.extensions["windows.machine"]
    assert isinstance(machine, LabMachine)  # register() always puts it there
    return machine


def native_arguments(ctx: CmdletContext) -> list[str]:
    return [str(argument) for argument in ctx.bound.get("ArgumentList") or ()]


def native(name: str, implementation: type[Cmdlet], synopsis: str) -> CommandDeclaration:
    """A native program's declaration: `name.exe`, callable without the extension too."""
    declaration = CommandDeclaration(
        name=f"{name}.exe",
        parameters=(param("ArgumentList", "string[]"),),
        implementation=implementation,
        native=True,
        synopsis=synopsis,
        aliases=(name,),
        module="",
        output_types=("System.String",),
    )
    implementation.declaration = declaration
    return declaration


class Hostname(Cmdlet):
    """hostname.exe: prints the computer name (one line of text, as a native program does)."""

    def process(self, ctx: CmdletContext) -> None:
        ctx.write_object(machine_of(ctx).host_name())
        ctx.set_variable("LASTEXITCODE", 0)


class Whoami(Cmdlet):
    """whoami.exe: the lab user (an administrator of the server's domain)."""

    def process(self, ctx: CmdletContext) -> None:
        machine = machine_of(ctx)
        options = [argument.lower() for argument in native_arguments(ctx)]
        domain = machine.server.domain
        user = machine.user_name()
        answers: dict[tuple[str, ...], Any] = {
            (): f"{machine.user_domain().lower()}\\{user.lower()}",
            ("/upn",): f"{user}@{domain}",
            ("/fqdn",): f"CN={user},CN=Users," + ",".join(f"DC={part}" for part in domain.split(".")),
        }
        answer = answers.get(tuple(options))
        if answer is None:
            ctx.write_object(f"ERROR: Invalid argument/option - '{native_arguments(ctx)[0]}'.")
            ctx.write_object('Type "WHOAMI /?" for usage.')
            ctx.set_variable("LASTEXITCODE", 1)
            return
        ctx.write_object(answer)
        ctx.set_variable("LASTEXITCODE", 0)


HOSTNAME = native("hostname", Hostname, "Prints the name of the current host.")
WHOAMI = native("whoami", Whoami, "Displays the user name of the current user.")


@dataclass(frozen=True)
class FileVersionInfo:
    """System.Diagnostics.FileVersionInfo of a program file (what `(Get-Command ExSetup).FileVersionInfo` shows)."""

    file_name: str
    parts: tuple[int, int, int, int]
    product_name: str
    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Diagnostics.FileVersionInfo", "System.Object")

    @property
    def version_text(self) -> str:
        # Exchange stamps its binaries zero-padded: 15.02.1544.004
        major, minor, build, private = self.parts
        return f"{major}.{minor:02d}.{build:04d}.{private:03d}"

    def ps_properties(self) -> Mapping[str, Any]:
        major, minor, build, private = self.parts
        return {"FileName": self.file_name, "CompanyName": "Microsoft Corporation", "ProductName": self.product_name,
                "FileVersion": self.version_text, "ProductVersion": self.version_text,
                "FileMajorPart": major, "FileMinorPart": minor, "FileBuildPart": build, "FilePrivatePart": private,
                "ProductMajorPart": major, "ProductMinorPart": minor, "ProductBuildPart": build,
                "ProductPrivatePart": private}

    def __str__(self) -> str:
        return f"File:             {self.file_name}\nFileVersion:      {self.version_text}\n" \
               f"ProductVersion:   {self.version_text}"


class ExSetup(Cmdlet):
    """ExSetup.exe: Exchange Setup in the server's bin folder. Scripts only ask Get-Command for its file version;
    running it installs nothing here (exit code 0, no output)."""

    def process(self, ctx: CmdletContext) -> None:
        ctx.set_variable("LASTEXITCODE", 0)


def exsetup(version: str, build: tuple[int, int, int, int] | None = None) -> CommandDeclaration:
    """ExSetup.exe of a server of `version`, with its installed build (default: the version's last) as its file version."""
    path = exchange_install_path(version) + "bin\\ExSetup.exe"
    info = FileVersionInfo(path, build or EXCHANGE_BUILDS[version], "Microsoft® Exchange")
    base = native("ExSetup", ExSetup, "Exchange Setup (file version = the server's build).")
    return replace(base, application_properties=(("Path", path), ("FileVersionInfo", info),
                                                 ("Version", info.version_text)))


def register_commands(commands: CommandTable, version: str | None = None,
                      build: tuple[int, int, int, int] | None = None) -> None:
    commands.register_all((HOSTNAME, WHOAMI))
    if version is not None:
        commands.register(exsetup(version, build))
