"""Where a session stands and what paths mean: Get-/Set-/Push-/Pop-Location, Test-Path, Resolve-Path,
Join-Path and Split-Path, over the session's providers."""

from __future__ import annotations

import re
from typing import Any

from exchange_sim.powershell.builtins import records
from exchange_sim.powershell.builtins.declaring import MANAGEMENT, implementing, param, switch
from exchange_sim.powershell.builtins.items import path_arguments, report, resolve_existing
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration
from exchange_sim.powershell.providers import PathInfo
from exchange_sim.powershell.values.patterns import wildcard_match
from exchange_sim.powershell.values.conversions import to_string
from exchange_sim.powershell.values.exceptions import DotNetException, DriveNotFoundException
from exchange_sim.powershell.values.formatting import TableColumn, TableView

_QUALIFIER = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*):(.*)$", re.DOTALL)


class GetLocation(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        try:
            ctx.write_object(PathInfo(ctx.providers.location))
        except DotNetException as failure:
            report(ctx, failure, None)


class SetLocation(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        paths, _literal = path_arguments(ctx)
        if not paths:
            return  # 5.1: Set-Location without a path stays where it is
        try:
            ctx.providers.set_location(paths[0])
        except DotNetException as failure:
            report(ctx, failure, paths[0])
            return
        if ctx.bound.get("PassThru"):
            ctx.write_object(PathInfo(ctx.providers.location))


class PushLocation(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        paths, _literal = path_arguments(ctx)
        try:
            ctx.providers.push_location(paths[0] if paths else None)
        except DotNetException as failure:
            report(ctx, failure, paths[0] if paths else None)
            return
        if ctx.bound.get("PassThru"):
            ctx.write_object(PathInfo(ctx.providers.location))


class PopLocation(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        popped = ctx.providers.pop_location()  # an empty stack is no error in 5.1
        if popped is not None and ctx.bound.get("PassThru"):
            ctx.write_object(PathInfo(popped))


class TestPath(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        paths, literal = path_arguments(ctx)
        kind = to_string(ctx.bound.get("PathType") or "Any").lower()
        for text in paths:
            if ctx.bound.get("IsValid"):
                ctx.write_object(ctx.providers.is_valid(text))
                continue
            ctx.write_object(self._exists(ctx, text, literal, kind))

    @staticmethod
    def _exists(ctx: CmdletContext, text: str, literal: bool, kind: str) -> bool:
        try:
            matches = ctx.providers.resolve(text, literal)
        except Exception:  # noqa: BLE001 - Test-Path answers $false for any path it cannot use
            return False
        for found in matches:
            try:
                if not found.provider.exists(found.path):
                    continue
                name = found.path.rstrip("\\").rsplit("\\", 1)[-1]
                if not _filters_keep(ctx, name):
                    continue
                container = found.provider.is_container(found.path)
            except Exception:  # noqa: BLE001 - as above
                continue
            if kind == "any" or (kind == "container") == container:
                return True
        return False


def _filters_keep(ctx: CmdletContext, name: str) -> bool:
    for parameter, wanted in (("Filter", True), ("Include", True), ("Exclude", False)):
        patterns = ctx.bound.get(parameter)
        if patterns is None:
            continue
        values = patterns if isinstance(patterns, (list, tuple)) else [patterns]
        if any(wildcard_match(to_string(pattern), name) for pattern in values) != wanted:
            return False
    return True


class ResolvePath(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        paths, literal = path_arguments(ctx)
        for text in paths:
            for found in resolve_existing(ctx, text, literal):
                if ctx.bound.get("Relative"):
                    ctx.write_object(_relative(ctx.providers.location.display, found.display))
                else:
                    ctx.write_object(PathInfo(found))


def _relative(base: str, target: str) -> str:
    """Resolve-Path -Relative: `.\\x` below the location, `..\\x` beside it."""
    base_parts = [part for part in base.split("\\") if part]
    target_parts = [part for part in target.split("\\") if part]
    shared = 0
    while shared < min(len(base_parts), len(target_parts)) and \
            base_parts[shared].lower() == target_parts[shared].lower():
        shared += 1
    if shared == 0:
        return target
    ups = len(base_parts) - shared
    rest = target_parts[shared:]
    return "\\".join([".."] * ups + rest) if ups else ".\\" + "\\".join(rest)


class JoinPath(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        paths, _literal = path_arguments(ctx)
        child = to_string(ctx.bound.get("ChildPath") or "")
        for text in paths:
            qualifier = _QUALIFIER.match(text)
            if qualifier and "::" not in text and qualifier.group(1).lower() not in \
                    [name.lower() for name in ctx.providers.drive_names()]:
                failure = DriveNotFoundException(
                    f"Cannot find drive. A drive with the name '{qualifier.group(1)}' does not exist.")
                report(ctx, failure, qualifier.group(1))
                continue
            joined = _join(text, child)
            if ctx.bound.get("Resolve"):
                for found in resolve_existing(ctx, joined, False):
                    ctx.write_object(found.display)
            else:
                ctx.write_object(joined)


def _join(parent: str, child: str) -> str:
    if not child:
        return parent
    if not parent:
        return child
    return parent.rstrip("\\/") + "\\" + child.lstrip("\\/")


class SplitPath(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        paths, literal = path_arguments(ctx)
        for text in paths:
            targets = [text]
            if ctx.bound.get("Resolve"):
                targets = [found.display for found in resolve_existing(ctx, text, literal)]
            for target in targets:
                self._split(ctx, target)

    @staticmethod
    def _split(ctx: CmdletContext, text: str) -> None:
        qualifier = _QUALIFIER.match(text) if "::" not in text else None
        if ctx.bound.get("Qualifier"):
            if qualifier is None:
                records.write(ctx, f"Cannot parse path because path '{text}' does not have a qualifier specified.",
                              "ParsePathFormatError", "InvalidArgument", text,
                              "System.Management.Automation.PSArgumentException")
                return
            ctx.write_object(qualifier.group(1) + ":")
        elif ctx.bound.get("NoQualifier"):
            ctx.write_object(qualifier.group(2) if qualifier else text)
        elif ctx.bound.get("IsAbsolute"):
            ctx.write_object(bool(qualifier) or text.startswith(("\\", "/")))
        elif ctx.bound.get("Leaf"):
            ctx.write_object(_leaf(text))
        else:
            ctx.write_object(_parent(text))


def _leaf(text: str) -> str:
    trimmed = text.rstrip("\\/")
    cut = max(trimmed.rfind("\\"), trimmed.rfind("/"))
    if cut >= 0:
        return trimmed[cut + 1:]
    qualifier = _QUALIFIER.match(trimmed)
    return qualifier.group(2) if qualifier else trimmed


def _parent(text: str) -> str:
    trimmed = text.rstrip("\\/")
    if _QUALIFIER.fullmatch(trimmed) and not _QUALIFIER.match(trimmed).group(2):  # type: ignore[union-attr]
        return ""  # a drive root has no parent
    cut = max(trimmed.rfind("\\"), trimmed.rfind("/"))
    if cut < 0:
        return ""
    parent = trimmed[:cut]
    # C:\file -> C:\ (the root keeps its separator)
    return parent + "\\" if parent.endswith(":") else parent


def register_views(views: Any) -> None:
    views.register(TableView("System.Management.Automation.PathInfo", (TableColumn("Path", "Path"),)))




def _paths(position_name: str = "Path", mandatory: bool = True) -> tuple[Any, ...]:
    return (
        param(position_name, "string[]", position=0, mandatory=mandatory, pipeline=True, by_name=True,
              sets=("Path",)),
        param("LiteralPath", "string[]", mandatory=True, by_name=True, sets=("LiteralPath",), aliases=("PSPath",)),
    )


DECLARATIONS = (
    CommandDeclaration(
        name="Get-Location",
        parameters=(param("PSProvider", "string[]", by_name=True, sets=("Location",)),
                    param("PSDrive", "string[]", by_name=True, sets=("Location",)),
                    switch("Stack", sets=("Stack",)), param("StackName", "string[]", by_name=True, sets=("Stack",))),
        implementation=GetLocation,
        default_parameter_set="Location",
        synopsis="Gets information about the current working location or a location stack.",
        aliases=("gl", "pwd"),
        module=MANAGEMENT,
        implementing_type=implementing("Get-Location"),
        output_types=("System.Management.Automation.PathInfo",),
    ),
    CommandDeclaration(
        name="Set-Location",
        parameters=(
            param("Path", "string", position=0, pipeline=True, by_name=True, sets=("Path",)),
            param("LiteralPath", "string", mandatory=True, by_name=True, sets=("LiteralPath",), aliases=("PSPath",)),
            switch("PassThru"),
            param("StackName", "string", by_name=True, sets=("Stack",)),
        ),
        implementation=SetLocation,
        default_parameter_set="Path",
        synopsis="Sets the current working location to a specified location.",
        aliases=("sl", "cd", "chdir"),
        module=MANAGEMENT,
        implementing_type=implementing("Set-Location"),
    ),
    CommandDeclaration(
        name="Push-Location",
        parameters=(
            param("Path", "string", position=0, pipeline=True, by_name=True, sets=("Path",)),
            param("LiteralPath", "string", by_name=True, sets=("LiteralPath",), aliases=("PSPath",)),
            switch("PassThru"),
            param("StackName", "string", by_name=True),
        ),
        implementation=PushLocation,
        default_parameter_set="Path",
        synopsis="Adds the current location to the top of a location stack.",
        aliases=("pushd",),
        module=MANAGEMENT,
        implementing_type=implementing("Push-Location"),
    ),
    CommandDeclaration(
        name="Pop-Location",
        parameters=(switch("PassThru"), param("StackName", "string", by_name=True)),
        implementation=PopLocation,
        synopsis="Changes the current location to the location most recently pushed onto the stack.",
        aliases=("popd",),
        module=MANAGEMENT,
        implementing_type=implementing("Pop-Location"),
    ),
    CommandDeclaration(
        name="Test-Path",
        parameters=(
            *_paths(),
            param("Filter", "string"),
            param("Include", "string[]"),
            param("Exclude", "string[]"),
            param("PathType", "string", validate_set=("Any", "Container", "Leaf"), aliases=("Type",)),
            switch("IsValid"),
            param("Credential", "pscredential", by_name=True),
            param("OlderThan", "datetime"),
            param("NewerThan", "datetime"),
        ),
        implementation=TestPath,
        default_parameter_set="Path",
        synopsis="Determines whether all elements of a path exist.",
        module=MANAGEMENT,
        implementing_type=implementing("Test-Path"),
        output_types=("System.Boolean",),
    ),
    CommandDeclaration(
        name="Resolve-Path",
        parameters=(*_paths(), switch("Relative"), param("Credential", "pscredential", by_name=True)),
        implementation=ResolvePath,
        default_parameter_set="Path",
        synopsis="Resolves the wildcard characters in a path, and displays the path contents.",
        aliases=("rvpa",),
        module=MANAGEMENT,
        implementing_type=implementing("Resolve-Path"),
    ),
    CommandDeclaration(
        name="Join-Path",
        parameters=(
            param("Path", "string[]", position=0, mandatory=True, pipeline=True, by_name=True, aliases=("PSPath",)),
            param("ChildPath", "string", position=1, mandatory=True, by_name=True, allow_null=True,
                  allow_empty_string=True),
            switch("Resolve"),
            param("Credential", "pscredential", by_name=True),
        ),
        implementation=JoinPath,
        synopsis="Combines a path and a child path into a single path.",
        module=MANAGEMENT,
        implementing_type=implementing("Join-Path"),
        output_types=("System.String",),
    ),
    CommandDeclaration(
        name="Split-Path",
        parameters=(
            param("Path", "string[]", position=0, mandatory=True, pipeline=True, by_name=True,
                  sets=("ParentSet", "LeafSet", "QualifierSet", "NoQualifierSet", "IsAbsoluteSet")),
            param("LiteralPath", "string[]", mandatory=True, by_name=True, sets=("LiteralPathSet",),
                  aliases=("PSPath",)),
            switch("Parent", sets=("ParentSet",)),
            switch("Leaf", mandatory=True, sets=("LeafSet",)),
            switch("Qualifier", mandatory=True, sets=("QualifierSet",)),
            switch("NoQualifier", mandatory=True, sets=("NoQualifierSet",)),
            switch("IsAbsolute", mandatory=True, sets=("IsAbsoluteSet",)),
            switch("Resolve"),
            param("Credential", "pscredential", by_name=True),
        ),
        implementation=SplitPath,
        default_parameter_set="ParentSet",
        synopsis="Returns the specified part of a path.",
        module=MANAGEMENT,
        implementing_type=implementing("Split-Path"),
    ),
)
