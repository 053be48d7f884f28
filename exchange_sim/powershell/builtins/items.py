"""Get-Item, Get-ChildItem, New-Item, Remove-Item, Copy-Item, Move-Item and Rename-Item over the session's
providers (powershell/providers.py): each path is resolved (wildcards expanded) and handed to the
provider of its drive; what goes wrong is the non-terminating error 5.1 writes."""

from __future__ import annotations

import datetime
from typing import Any

from exchange_sim.powershell.builtins import records, runtime
from exchange_sim.powershell.builtins.declaring import MANAGEMENT, implementing, in_sets, param, switch
from exchange_sim.powershell.commands import Cmdlet, CmdletContext, CommandDeclaration, ParameterSetEntry
from exchange_sim.powershell.host import HostPromptUnavailable
from exchange_sim.powershell.providers import Located
from exchange_sim.powershell.values.patterns import has_wildcards, wildcard_match
from exchange_sim.powershell.values.conversions import to_string
from exchange_sim.powershell.values.exceptions import (
    ArgumentException,
    DotNetException,
    DriveNotFoundException,
    IOException,
    ItemNotFoundException,
    NotSupportedException,
    ProviderNotFoundException,
    UnauthorizedAccessException,
)

# (error id, category) PowerShell gives each kind of provider failure; IO errors carry the cmdlet's own id.
_FAILURES: tuple[tuple[type[BaseException], str, str], ...] = (
    (ItemNotFoundException, "PathNotFound", "ObjectNotFound"),
    (DriveNotFoundException, "DriveNotFound", "ObjectNotFound"),
    (ProviderNotFoundException, "ProviderNotFound", "ObjectNotFound"),
    (UnauthorizedAccessException, "UnauthorizedAccessError", "PermissionDenied"),
    (ArgumentException, "Argument", "InvalidArgument"),
    (NotSupportedException, "NotSupported", "InvalidOperation"),
    (IOException, "IOError", "WriteError"),
)


def report(ctx: CmdletContext, failure: DotNetException, target: Any, io_error_id: str | None = None) -> None:
    """Write a provider failure as the cmdlet's non-terminating error record."""
    for kind, error_id, category in _FAILURES:
        if isinstance(failure, kind):
            if kind is IOException and io_error_id:
                error_id = io_error_id
            ctx.write_error(records.record(ctx, str(failure), error_id, category, target, exception=failure))
            return
    raise failure


def path_arguments(ctx: CmdletContext, default: str | None = None) -> tuple[list[str], bool]:
    """(the -Path or -LiteralPath values, literal?)."""
    literal = ctx.bound.get("LiteralPath")
    value = literal if literal is not None else ctx.bound.get("Path", default)
    if value is None:
        return [], False
    values = value if isinstance(value, (list, tuple)) else [value]
    return [to_string(item) for item in values], literal is not None


def resolve_existing(ctx: CmdletContext, text: str, literal: bool) -> list[Located]:
    """The items a path names; PathNotFound (written) for a literal path that is not there."""
    try:
        matches = ctx.providers.resolve(text, literal)
    except DotNetException as failure:
        report(ctx, failure, text)
        return []
    if literal or not has_wildcards(text):
        found = matches[0]
        if not found.provider.exists(found.path):
            failure = ItemNotFoundException(f"Cannot find path '{found.display}' because it does not exist.")
            report(ctx, failure, found.display)
            return []
    return matches


def _names_match(name: str, patterns: Any) -> bool:
    return any(wildcard_match(to_string(pattern), name) for pattern in _list(patterns))


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _leaf(path: str) -> str:
    return path.rstrip("\\").rsplit("\\", 1)[-1]


def _keep(ctx: CmdletContext, name: str) -> bool:
    """-Filter, -Include and -Exclude on one item's name."""
    name_filter = ctx.bound.get("Filter")
    if name_filter is not None and not wildcard_match(to_string(name_filter), name):
        return False
    include = ctx.bound.get("Include")
    if include is not None and not _names_match(name, include):
        return False
    return not _names_match(name, ctx.bound.get("Exclude"))


class GetItem(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        paths, literal = path_arguments(ctx)
        for text in paths:
            for found in resolve_existing(ctx, text, literal):
                if has_wildcards(text) and not _keep(ctx, _leaf(found.path)):
                    continue
                try:
                    ctx.write_object(found.provider.item(found.path))
                except DotNetException as failure:
                    report(ctx, failure, text)


# The Certificate provider's dynamic parameters of Get-ChildItem (5.1): they exist only for Cert: paths.
CERTIFICATE_PARAMETERS = ("CodeSigningCert", "DocumentEncryptionCert", "SSLServerAuthentication", "DnsName", "Eku",
                          "ExpiringInDays")
# The usages the switches ask for (OIDs of Code Signing, Document Encryption, Server Authentication).
_USAGE_SWITCHES = {"CodeSigningCert": "1.3.6.1.5.5.7.3.3", "DocumentEncryptionCert": "1.3.6.1.4.1.311.80.1",
                   "SSLServerAuthentication": "1.3.6.1.5.5.7.3.1"}


def _outside_certificate_provider(ctx: CmdletContext, paths: list[str]) -> str | None:
    """The first certificate-only parameter given for a path of another provider (None: all fine)."""
    given = [name for name in CERTIFICATE_PARAMETERS if ctx.bound.get(name) not in (None, False)]
    if not given:
        return None
    for text in paths:
        try:
            provider = ctx.providers.locate(text).provider
        except DotNetException:
            continue
        if getattr(provider, "provider_name", "") != "Certificate":
            return given[0]
    return None


class GetChildItem(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        paths, literal = path_arguments(ctx, default=".")
        foreign = _outside_certificate_provider(ctx, paths)
        if foreign is not None:
            # A dynamic parameter the path's provider does not add is simply unknown, as binding says.
            records.throw(ctx, f"A parameter cannot be found that matches parameter name '{foreign}'.",
                          "NamedParameterNotFound", "InvalidArgument", None,
                          "System.Management.Automation.ParameterBindingException")
            return
        recurse = bool(ctx.bound.get("Recurse")) or ctx.bound.get("Depth") is not None
        depth = ctx.bound.get("Depth")
        for text in paths:
            for found in resolve_existing(ctx, text, literal):
                try:
                    self._list(ctx, found, recurse, None if depth is None else int(depth),
                               wildcard=has_wildcards(text) and not literal)
                except DotNetException as failure:
                    report(ctx, failure, text)

    def _list(self, ctx: CmdletContext, found: Located, recurse: bool, depth: int | None, wildcard: bool) -> None:
        provider = found.provider
        if not provider.is_container(found.path) or (wildcard and not recurse):
            # A leaf (or a wildcard's match) lists itself; a matched folder lists its contents.
            if provider.is_container(found.path) and wildcard:
                self._walk(ctx, found, provider.children(found.path), False, None, include_ok=True)
                return
            item = provider.item(found.path)
            if self._wanted(ctx, _leaf(found.path), False, include_ok=True, item=item):
                self._emit(ctx, item)
            return
        # -Include without -Recurse or a wildcard matches nothing in 5.1 (it filters the folder itself).
        include_ok = recurse
        self._walk(ctx, found, provider.children(found.path), recurse, depth, include_ok)

    def _walk(self, ctx: CmdletContext, found: Located, children: list[tuple[str, Any, bool]], recurse: bool,
              depth: int | None, include_ok: bool) -> None:
        for _path, item, is_container in children:
            if self._wanted(ctx, _leaf(_path), is_container, include_ok, item):
                self._emit(ctx, item)
        if not recurse or depth == 0:
            return
        for child_path, _item, is_container in children:
            if is_container:
                child = Located(found.provider, child_path, found.drive)
                self._walk(ctx, child, found.provider.children(child_path), True,
                           None if depth is None else depth - 1, include_ok)

    @staticmethod
    def _wanted(ctx: CmdletContext, name: str, is_container: bool, include_ok: bool, item: Any = None) -> bool:
        if any(ctx.bound.get(flag) for flag in ("Hidden", "ReadOnly", "System")):
            return False  # the lab's files and certificates carry none of these attributes
        if not _certificate_filters_keep(ctx, item, is_container):
            return False
        if ctx.bound.get("File") and is_container:
            return False
        if ctx.bound.get("Directory") and not is_container:
            return False
        if ctx.bound.get("Include") is not None and not include_ok:
            return False
        return _keep(ctx, name)

    @staticmethod
    def _emit(ctx: CmdletContext, item: Any) -> None:
        if ctx.bound.get("Name"):
            ctx.write_object(to_string(_property(item, "PSChildName")))
        else:
            ctx.write_object(item)


def _certificate_filters_keep(ctx: CmdletContext, item: Any, is_container: bool) -> bool:
    """The Certificate provider's filters: -DnsName (wildcards), -ExpiringInDays, -Eku (every pattern
    matches a usage's friendly name or OID), and the usage switches; only certificates pass."""
    dns_name = ctx.bound.get("DnsName")
    days = ctx.bound.get("ExpiringInDays")
    patterns = [to_string(pattern) for pattern in _list(ctx.bound.get("Eku"))]
    usages = [oid for name, oid in _USAGE_SWITCHES.items() if ctx.bound.get(name)]
    if dns_name is None and days is None and not patterns and not usages:
        return True
    if is_container or item is None:
        return False
    listed = _property(item, "EnhancedKeyUsageList") or []
    oids = {to_string(_property(usage, "ObjectId")) for usage in listed}
    if any(oid not in oids for oid in usages):
        return False
    if ctx.bound.get("CodeSigningCert") and not _property(item, "HasPrivateKey"):
        return False  # 5.1 offers only certificates it could sign with
    for pattern in patterns:
        if not any(wildcard_match(pattern, to_string(_property(usage, "FriendlyName")))
                   or wildcard_match(pattern, to_string(_property(usage, "ObjectId"))) for usage in listed):
            return False
    if dns_name is not None:
        names = _property(item, "DnsNameList") or []
        if not any(wildcard_match(to_string(dns_name), to_string(name)) for name in names):
            return False
    if days is not None:
        not_after = _property(item, "NotAfter")
        now = runtime.now(ctx)
        if not_after is None or not now <= not_after <= now + datetime.timedelta(days=int(days)):
            return False
    return True


def _property(item: Any, name: str) -> Any:
    properties = item.ps_properties() if hasattr(item, "ps_properties") else {}
    return properties.get(name)


class NewItem(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        paths, _literal = path_arguments(ctx, default=".")
        name = ctx.bound.get("Name")
        for text in paths:
            target_text = text if name is None else f"{text.rstrip(chr(92))}\\{to_string(name)}"
            try:
                target = ctx.providers.locate(target_text)
                create = getattr(target.provider, "new_item", None)
                if create is None:
                    raise NotSupportedException("Provider operation stopped because the provider does not support "
                                                "this operation.")
                item_type = ctx.bound.get("ItemType")
                ctx.write_object(create(target.path, None if item_type is None else to_string(item_type),
                                        ctx.bound.get("Value"), bool(ctx.bound.get("Force"))))
            except IOException as failure:
                already = "already exists" in str(failure)
                report(ctx, failure, target_text, "DirectoryExist" if already and "item with" in str(failure)
                       else "NewItemIOError")
            except DotNetException as failure:
                report(ctx, failure, target_text)


class MakeDirectory(NewItem):
    """`mkdir`/`md`: 5.1's function around `New-Item -ItemType Directory`."""

    def process(self, ctx: CmdletContext) -> None:
        ctx.bound = {**ctx.bound, "ItemType": "Directory"}
        super().process(ctx)


class RemoveItem(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        paths, literal = path_arguments(ctx)
        for text in paths:
            for found in resolve_existing(ctx, text, literal):
                if has_wildcards(text) and not _keep(ctx, _leaf(found.path)):
                    continue
                self._remove(ctx, found)

    @staticmethod
    def _remove(ctx: CmdletContext, found: Located) -> None:
        provider = found.provider
        recurse = bool(ctx.bound.get("Recurse"))
        try:
            if provider.is_container(found.path) and provider.children(found.path) and not recurse:
                question = (f"The item at {found.display} has children and the Recurse parameter was not specified. "
                            "If you continue, all children will be removed with the item. Are you sure you want to "
                            "continue?")
                try:
                    agreed = ctx.should_continue(question, "Confirm")
                except HostPromptUnavailable as unavailable:
                    # powershell -NonInteractive: the prompt itself fails, and the item stays.
                    records.write(ctx, str(unavailable), "System.Management.Automation.PSInvalidOperationException",
                                  "InvalidOperation", found.display,
                                  "System.Management.Automation.PSInvalidOperationException")
                    return
                if not agreed:
                    return
            remove = getattr(provider, "remove_item", None)
            if remove is None:
                raise NotSupportedException("Provider operation stopped because the provider does not support "
                                            "this operation.")
            remove(found.path, True, {"DeleteKey": bool(ctx.bound.get("DeleteKey"))})
        except IOException as failure:
            report(ctx, failure, found.display, "RemoveItemIOError")
        except DotNetException as failure:
            report(ctx, failure, found.display)


class _Transfer(Cmdlet):
    operation = "copy_item"
    io_error_id = "CopyItemIOError"

    def process(self, ctx: CmdletContext) -> None:
        paths, literal = path_arguments(ctx)
        destination_text = to_string(ctx.bound.get("Destination") or ".")
        for text in paths:
            for found in resolve_existing(ctx, text, literal):
                try:
                    destination = ctx.providers.locate(destination_text)
                    if destination.provider is not found.provider and \
                            destination.provider.provider_name != found.provider.provider_name:
                        raise ArgumentException("Source and destination path did not resolve to the same provider.")
                    moved = self._transfer(ctx, found, destination)
                except DotNetException as failure:
                    report(ctx, failure, found.display, self.io_error_id)
                    continue
                if ctx.bound.get("PassThru"):
                    ctx.write_object(moved)

    def _transfer(self, ctx: CmdletContext, found: Located, destination: Located) -> Any:
        operation = getattr(found.provider, self.operation, None)
        if operation is None:
            raise NotSupportedException("Provider operation stopped because the provider does not support this "
                                        "operation.")
        if self.operation == "copy_item":
            return operation(found.path, destination.path, bool(ctx.bound.get("Recurse")))
        return operation(found.path, destination.path)


class CopyItem(_Transfer):
    operation = "copy_item"
    io_error_id = "CopyItemIOError"


class MoveItem(_Transfer):
    operation = "move_item"
    io_error_id = "MoveItemIOError"


class RenameItem(Cmdlet):
    def process(self, ctx: CmdletContext) -> None:
        paths, literal = path_arguments(ctx)
        new_name = to_string(ctx.bound.get("NewName"))
        for text in paths:
            try:
                found = ctx.providers.resolve(text, literal)[0]
                rename = getattr(found.provider, "rename_item", None)
                if rename is None:
                    raise NotSupportedException("Provider operation stopped because the provider does not support "
                                                "this operation.")
                renamed = rename(found.path, new_name)
            except IndexError:
                continue
            except DotNetException as failure:
                report(ctx, failure, text, "RenameItemIOError")
                continue
            if ctx.bound.get("PassThru"):
                ctx.write_object(renamed)


def _path_pair(mandatory: bool = True) -> tuple[Any, ...]:
    return (
        param("Path", "string[]", position=0, mandatory=mandatory, pipeline=True, by_name=True, sets=("Path",)),
        param("LiteralPath", "string[]", mandatory=True, by_name=True, sets=("LiteralPath",),
              aliases=("PSPath", "LP")),
    )


_FILTERS = (param("Filter", "string"), param("Include", "string[]"), param("Exclude", "string[]"))


DECLARATIONS = (
    CommandDeclaration(
        name="Get-Item",
        parameters=(*_path_pair(), *_FILTERS, switch("Force"), param("Stream", "string[]"),
                    param("Credential", "pscredential", by_name=True)),
        implementation=GetItem,
        default_parameter_set="Path",
        synopsis="Gets the item at the specified location.",
        aliases=("gi",),
        module=MANAGEMENT,
        implementing_type=implementing("Get-Item"),
    ),
    CommandDeclaration(
        name="Get-ChildItem",
        parameters=(
            param("Path", "string[]", position=0, pipeline=True, by_name=True, sets=("Items",)),
            param("LiteralPath", "string[]", mandatory=True, by_name=True, sets=("LiteralItems",),
                  aliases=("PSPath", "LP")),
            param("Filter", "string", position=1),
            param("Include", "string[]"),
            param("Exclude", "string[]"),
            switch("Recurse", aliases=("s",)),
            param("Depth", "uint32"),
            switch("Force"),
            switch("Name"),
            switch("Directory", aliases=("ad", "d")),
            switch("File", aliases=("af",)),
            switch("Hidden", aliases=("ah", "h")),
            switch("ReadOnly", aliases=("ar",)),
            switch("System", aliases=("as",)),
            param("DnsName", "string"),
            param("ExpiringInDays", "int"),
            param("Eku", "string[]"),
            switch("CodeSigningCert"),
            switch("DocumentEncryptionCert"),
            switch("SSLServerAuthentication"),
        ),
        implementation=GetChildItem,
        default_parameter_set="Items",
        synopsis="Gets the items and child items in one or more specified locations.",
        aliases=("gci", "ls", "dir"),
        module=MANAGEMENT,
        implementing_type=implementing("Get-ChildItem"),
    ),
    CommandDeclaration(
        name="New-Item",
        parameters=(
            in_sets("Path", "string[]", (
                ParameterSetEntry("pathSet", mandatory=True, position=0, value_from_pipeline_by_property_name=True),
                ParameterSetEntry("nameSet", position=0, value_from_pipeline_by_property_name=True))),
            param("Name", "string", mandatory=True, by_name=True, sets=("nameSet",)),
            param("ItemType", "string", by_name=True, aliases=("Type",)),
            param("Value", "object", pipeline=True, by_name=True, aliases=("Target",)),
            switch("Force"),
            param("Credential", "pscredential", by_name=True),
        ),
        implementation=NewItem,
        default_parameter_set="pathSet",
        synopsis="Creates a new item.",
        aliases=("ni",),
        module=MANAGEMENT,
        implementing_type=implementing("New-Item"),
        supports_should_process=True,
    ),
    CommandDeclaration(
        name="Remove-Item",
        parameters=(*_path_pair(), *_FILTERS, switch("Recurse"), switch("Force"), param("Stream", "string[]"),
                    param("Credential", "pscredential", by_name=True), switch("DeleteKey")),
        implementation=RemoveItem,
        default_parameter_set="Path",
        synopsis="Deletes the specified items.",
        aliases=("ri", "rm", "rmdir", "del", "erase", "rd"),
        module=MANAGEMENT,
        implementing_type=implementing("Remove-Item"),
        supports_should_process=True,
    ),
    CommandDeclaration(
        name="Copy-Item",
        parameters=(*_path_pair(), param("Destination", "string", position=1, by_name=True), switch("Container"),
                    switch("Force"), *_FILTERS, switch("Recurse"), switch("PassThru"),
                    param("Credential", "pscredential", by_name=True)),
        implementation=CopyItem,
        default_parameter_set="Path",
        synopsis="Copies an item from one location to another.",
        aliases=("cpi", "cp", "copy"),
        module=MANAGEMENT,
        implementing_type=implementing("Copy-Item"),
        supports_should_process=True,
    ),
    CommandDeclaration(
        name="Move-Item",
        parameters=(*_path_pair(), param("Destination", "string", position=1, by_name=True), switch("Force"),
                    *_FILTERS, switch("PassThru"), param("Credential", "pscredential", by_name=True)),
        implementation=MoveItem,
        default_parameter_set="Path",
        synopsis="Moves an item from one location to another.",
        aliases=("mi", "mv", "move"),
        module=MANAGEMENT,
        implementing_type=implementing("Move-Item"),
        supports_should_process=True,
    ),
    CommandDeclaration(
        name="Rename-Item",
        parameters=(
            param("Path", "string", position=0, mandatory=True, pipeline=True, by_name=True, sets=("ByPath",)),
            param("LiteralPath", "string", mandatory=True, by_name=True, sets=("ByLiteralPath",),
                  aliases=("PSPath", "LP")),
            param("NewName", "string", position=1, mandatory=True, by_name=True),
            switch("Force"),
            switch("PassThru"),
            param("Credential", "pscredential", by_name=True),
        ),
        implementation=RenameItem,
        default_parameter_set="ByPath",
        synopsis="Renames an item in a PowerShell provider namespace.",
        aliases=("rni", "ren"),
        module=MANAGEMENT,
        implementing_type=implementing("Rename-Item"),
        supports_should_process=True,
    ),
)


# 5.1 defines these as functions in its initial session state; here they are declared like cmdlets.
FUNCTIONS = (
    CommandDeclaration(
        name="mkdir",
        parameters=(
            param("Path", "string[]", position=0, by_name=True),
            param("Name", "string", by_name=True),
            param("Value", "object", pipeline=True, by_name=True),
            switch("Force"),
            param("Credential", "pscredential", by_name=True),
        ),
        implementation=MakeDirectory,
        synopsis="Creates a new directory.",
        aliases=("md",),
        module="",
        implementing_type="",
    ),
)
