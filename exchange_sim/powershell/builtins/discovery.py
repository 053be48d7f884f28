"""Get-Command, Get-Alias and Get-Help, read from the session's command table and the declarations."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import Any, ClassVar, Iterable, Mapping

from exchange_sim.powershell import help as ps_help
from exchange_sim.powershell.builtins import records, runtime
from exchange_sim.powershell.builtins.declaring import CORE, UTILITY, implementing, param, switch
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration
from exchange_sim.powershell.completion import enum_names_from

# Module versions Windows PowerShell 5.1 reports for its own modules
_MODULE_VERSIONS = {
    "Microsoft.PowerShell.Core": "3.0.0.0",
    "Microsoft.PowerShell.Utility": "3.1.0.0",
    "Microsoft.PowerShell.Management": "3.1.0.0",
    "Microsoft.PowerShell.Security": "3.0.0.0",
}
_COMMAND_TYPES = ("Alias", "Function", "Filter", "Cmdlet", "ExternalScript", "Application", "Script", "Workflow",
                  "Configuration", "All")


class CommandInfo:
    """System.Management.Automation.CommandInfo as Get-Command returns it (CmdletInfo, AliasInfo…)."""

    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Management.Automation.CommandInfo", "System.Object")

    def __init__(self, name: str, command_type: str, module: str, definition: str = "",
                 declaration: CommandDeclaration | None = None, resolved: str | None = None,
                 found_as: str = "") -> None:
        self.name = name
        self.found_as = found_as or name  # `exsetup` finds ExSetup.exe
        self.command_type = command_type
        self.module = module
        self.definition = definition
        self.declaration = declaration
        self.resolved = resolved

    @property
    def display_name(self) -> str:
        return f"{self.name} -> {self.resolved}" if self.resolved else self.name

    def ps_properties(self) -> Mapping[str, Any]:
        if self.command_type == "Application" and self.declaration is not None:
            # ApplicationInfo: a program found on the PATH, named by its file.
            application = dict(self.declaration.application_properties)
            path = str(application.get("Path", self.name))
            return {"CommandType": "Application", "Name": self.name, "Version": application.get("Version", ""),
                    "Source": path, "Definition": path, "Extension": ".exe", **application}
        return {
            "CommandType": self.command_type,
            "Name": self.name,
            "Version": _MODULE_VERSIONS.get(self.module, ""),
            "Source": self.module,
            "ModuleName": self.module,
            "Definition": self.definition,
            "DisplayName": self.display_name,
            "ResolvedCommandName": self.resolved,
            "ReferencedCommand": self.resolved,
            "Parameters": [p.name for p in self.declaration.parameters] if self.declaration else [],
            "ParameterSets": list(self.declaration.parameter_sets()) if self.declaration else [],
        }

    def __str__(self) -> str:
        return self.name


def _wild(pattern: str) -> bool:
    return any(c in pattern for c in "*?[")


def _like(name: str, pattern: str) -> bool:
    return fnmatch.fnmatchcase(name.lower(), pattern.lower())


def _names(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(v) for v in [value]]


def command_infos(table: Any, version: str | None = None, functions: Iterable[str] = ()) -> list[CommandInfo]:
    """Every command of a command table as Get-Command sees it (cmdlets, aliases, script functions)."""
    infos: list[CommandInfo] = []
    for declaration in table:
        if version is not None and declaration.versions is not None and version not in declaration.versions:
            continue
        if declaration.native:  # `hostname` finds hostname.exe on the PATH (PATHEXT): an Application
            infos.append(CommandInfo(declaration.name, "Application", "", declaration.name, declaration,
                                     found_as=next(iter(declaration.aliases), "")))
            continue
        infos.append(CommandInfo(declaration.name, "Cmdlet", declaration.module,
                                 "\n".join(ps_help.syntax_lines(declaration, version)), declaration))
    for alias, target in sorted(table.aliases().items()):
        resolved = table.resolve(target)
        original = next((a for a in (resolved.aliases if resolved else ()) if a.lower() == alias), alias)
        if resolved is not None and resolved.native:
            continue  # listed above as the Application it names
        infos.append(CommandInfo(original, "Alias", resolved.module if resolved else "", target, resolved, target))
    declared = functions if isinstance(functions, Mapping) else {name: None for name in functions}
    for name, function in declared.items():
        # Get-Command -Syntax of a function prints its syntax lines, as for a cmdlet.
        syntax = "\n".join(ps_help.syntax_lines(function)) if function is not None else ""
        # A script module's exported function names its module (Get-Command -Module lists it).
        infos.append(CommandInfo(name, "Function", getattr(function, "module", "") or "", syntax, function))
    return infos


@dataclass(frozen=True)
class CommandQuery:
    """Get-Command's filters."""

    names: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    modules: tuple[str, ...] = ()
    command_types: tuple[str, ...] = ()
    total_count: int | None = None


def find_commands(infos: list[CommandInfo], query: CommandQuery) -> tuple[list[CommandInfo], list[str]]:
    """(matching commands in Get-Command's order, names given without wildcards that matched nothing)."""
    missing: list[str] = []
    chosen: list[CommandInfo] = []
    if query.names:
        for name in query.names:
            hits = [i for i in infos if _like(i.name, name) or _like(i.found_as, name)]
            if not _wild(name) and not hits:
                missing.append(name)
            chosen += [h for h in hits if h not in chosen]
    else:
        chosen = list(infos)
    types = {t.lower() for t in query.command_types} - {"all"}
    if types:
        chosen = [i for i in chosen if i.command_type.lower() in types]
    if query.modules:
        chosen = [i for i in chosen if any(_like(i.module, m) for m in query.modules)]
    if query.verbs:
        chosen = [i for i in chosen if "-" in i.name and any(_like(i.name.split("-", 1)[0], v) for v in query.verbs)]
    if query.nouns:
        chosen = [i for i in chosen if "-" in i.name and any(_like(i.name.split("-", 1)[1], n) for n in query.nouns)]
    if not query.names:
        # 5.1 lists by CommandType (Alias, Function, Cmdlet), then by name
        chosen.sort(key=lambda i: (_COMMAND_TYPES.index(i.command_type), i.name.lower()))
    if query.total_count is not None and query.total_count >= 0:
        chosen = chosen[: query.total_count]
    return chosen, missing


def _all_commands(ctx: CmdletContext) -> list[CommandInfo]:
    return command_infos(runtime.commands(ctx), runtime.product_version(ctx), runtime.functions(ctx))


def _enum_names(ctx: CmdletContext) -> ps_help.EnumNames | None:
    """Enumerator names of registered enum types, so syntax shows `{None | IMAP | POP …}` as help does."""
    try:
        table = runtime.types(ctx)
    except runtime.EngineFeatureMissing:
        return None
    return enum_names_from(table)


def _not_recognized(ctx: CmdletContext, name: str) -> None:
    records.write(ctx, f"The term '{name}' is not recognized as the name of a cmdlet, function, script file, or "
                  "operable program. Check the spelling of the name, or if a path was included, verify that the "
                  "path is correct and try again.", "CommandNotFoundException", "ObjectNotFound", name,
                  "System.Management.Automation.CommandNotFoundException")


class GetCommand(Cmdlet):
    def end(self, ctx: CmdletContext) -> None:
        total = ctx.bound.get("TotalCount")
        query = CommandQuery(
            names=tuple(_names(ctx.bound.get("Name"))),
            verbs=tuple(_names(ctx.bound.get("Verb"))),
            nouns=tuple(_names(ctx.bound.get("Noun"))),
            modules=tuple(_names(ctx.bound.get("Module"))),
            command_types=tuple(_names(ctx.bound.get("CommandType"))),
            total_count=None if total is None else int(total),
        )
        chosen, missing = find_commands(_all_commands(ctx), query)
        for name in missing:
            _not_recognized(ctx, name)
        for info in chosen:
            if ctx.bound.get("Syntax"):
                ctx.write_object(info.definition if info.command_type != "Alias" else info.resolved)
            else:
                ctx.write_object(info)


class GetAlias(Cmdlet):
    def end(self, ctx: CmdletContext) -> None:
        aliases = [i for i in _all_commands(ctx) if i.command_type == "Alias"]
        names = _names(ctx.bound.get("Name"))
        definitions = _names(ctx.bound.get("Definition"))
        if definitions:
            aliases = [a for a in aliases if any(_like(a.definition, d) for d in definitions)]
        if names:
            chosen: list[CommandInfo] = []
            for name in names:
                hits = [a for a in aliases if _like(a.name, name)]
                if not hits and not _wild(name):
                    records.write(ctx, f"This command cannot find a matching alias because an alias with the name "
                                  f"'{name}' does not exist.", "ItemNotFoundException", "ObjectNotFound", name,
                                  "System.Management.Automation.ItemNotFoundException")
                chosen += hits
            aliases = chosen
        for alias in sorted(aliases, key=lambda a: a.name.lower()):
            ctx.write_object(alias)


class GetHelp(Cmdlet):
    def end(self, ctx: CmdletContext) -> None:
        name = ctx.bound.get("Name")
        if not name:
            ctx.write_object(_ABOUT_HELP)
            return
        table = runtime.commands(ctx)
        declaration = table.resolve(str(name))
        if declaration is None:
            function = runtime.function_help(ctx, str(name))
            if function is not None:
                comment, function_declaration = function
                syntax = ps_help.syntax_lines(function_declaration) if function_declaration is not None else []
                ctx.write_object(ps_help.render_comment_help(
                    str(name), ps_help.parse_comment_help(comment or ""), syntax, self._view(ctx)))
                return
            matches = [d for d in table if _like(d.name, str(name))] if _wild(str(name)) else []
            if matches:
                for match in matches:
                    ctx.write_object(CommandInfo(match.name, "Cmdlet", match.module, match.synopsis, match))
                return
            records.throw(ctx, ps_help.help_not_found_message(str(name)), "HelpNotFound", "ResourceUnavailable",
                          None, "System.Management.Automation.ItemNotFoundException")
            return
        version = runtime.product_version(ctx)
        if "Parameter" in ctx.bound:
            text = ps_help.render_parameter_help(declaration, str(ctx.bound["Parameter"]), _enum_names(ctx))
            if text is None:
                records.throw(ctx, f"No parameter matches criteria {ctx.bound['Parameter']}.", "NoParmsFound",
                              "InvalidArgument", None, "System.ArgumentException")
                return
            ctx.write_object(text)
            return
        ctx.write_object(ps_help.render_help(declaration, self._view(ctx), version, _enum_names(ctx)))

    @staticmethod
    def _view(ctx: CmdletContext) -> str:
        for switch_name, chosen in (("Full", "full"), ("Detailed", "detailed"), ("Examples", "examples")):
            if ctx.bound.get(switch_name):
                return chosen
        return "default"


_ABOUT_HELP = """
TOPIC
    Windows PowerShell Help System

SHORT DESCRIPTION
    Displays help about Windows PowerShell cmdlets and concepts.

LONG DESCRIPTION
    Get-Help <cmdlet-name>   Displays help about a cmdlet (for example: Get-Help Get-ExchangeCertificate).
    Get-Help <cmdlet-name> -Full, -Detailed, -Examples or -Parameter <name> show more.
    Get-Command              Lists the commands of this session.
"""


DECLARATIONS = (
    CommandDeclaration(
        name="Get-Command",
        parameters=(
            param("Name", "string[]", position=0, by_name=True, sets=("AllCommandSet",)),
            param("Verb", "string[]", by_name=True, sets=("CmdletSet",)),
            param("Noun", "string[]", by_name=True, sets=("CmdletSet",)),
            param("Module", "string[]", by_name=True, aliases=("PSSnapin",)),
            param("CommandType", "string[]", by_name=True, sets=("AllCommandSet",), aliases=("Type",)),
            param("TotalCount", "int", by_name=True),
            switch("Syntax"),
            switch("ShowCommandInfo"),
            param("ArgumentList", "object[]", position=1, aliases=("Args",)),
            switch("All"),
            switch("ListImported"),
            param("ParameterName", "string[]"),
            param("ParameterType", "string[]"),
        ),
        implementation=GetCommand,
        default_parameter_set="CmdletSet",
        synopsis="Gets all commands.",
        aliases=("gcm",),
        module=CORE,
        implementing_type=implementing("Get-Command"),
    ),
    CommandDeclaration(
        name="Get-Alias",
        parameters=(
            param("Name", "string[]", position=0, by_name=True, sets=("Default",)),
            param("Exclude", "string[]"),
            param("Scope", "string"),
            param("Definition", "string[]", sets=("Definition",)),
        ),
        implementation=GetAlias,
        default_parameter_set="Default",
        synopsis="Gets the aliases for the current session.",
        aliases=("gal",),
        module=UTILITY,
        implementing_type=implementing("Get-Alias"),
    ),
    CommandDeclaration(
        name="Get-Help",
        parameters=(
            param("Name", "string", position=0, by_name=True),
            param("Path", "string"),
            param("Category", "string[]"),
            param("Component", "string[]"),
            param("Functionality", "string[]"),
            param("Role", "string[]"),
            switch("Full", sets=("AllUsersView",)),
            switch("Detailed", mandatory=True, sets=("DetailedView",)),
            switch("Examples", mandatory=True, sets=("Examples",)),
            param("Parameter", "string", mandatory=True, sets=("Parameters",)),
            switch("Online", mandatory=True, sets=("Online",)),
            switch("ShowWindow", mandatory=True, sets=("ShowWindow",)),
        ),
        implementation=GetHelp,
        default_parameter_set="AllUsersView",
        synopsis="Displays information about Windows PowerShell commands and concepts.",
        aliases=("help", "man"),
        module=CORE,
        implementing_type=implementing("Get-Help"),
    ),
)
