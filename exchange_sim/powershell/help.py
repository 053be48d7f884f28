"""Help text generated from command declarations: the SYNTAX lines PowerShell prints (shared by Get-Help,
Get-Command -Syntax and binding error messages) and the NAME/SYNOPSIS/SYNTAX/DESCRIPTION/PARAMETERS
document of Get-Help.

Layout follows the 5.1 console: section titles flush left, body indented four spaces, one blank line
between entries (PowerShell's MAML renderer).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from exchange_sim.powershell.commands import (
    ALL_PARAMETER_SETS,
    CommandDeclaration,
    ParameterDeclaration,
    ParameterSetEntry,
)

COMMON_PARAMETERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Verbose", ("vb",)),
    ("Debug", ("db",)),
    ("ErrorAction", ("ea",)),
    ("WarningAction", ("wa",)),
    ("InformationAction", ("infa",)),
    ("ErrorVariable", ("ev",)),
    ("WarningVariable", ("wv",)),
    ("InformationVariable", ("iv",)),
    ("OutVariable", ("ov",)),
    ("OutBuffer", ("ob",)),
    ("PipelineVariable", ("pv",)),
)
SHOULD_PROCESS_PARAMETERS: tuple[tuple[str, tuple[str, ...]], ...] = (("WhatIf", ("wi",)), ("Confirm", ("cf",)))

# Short .NET names PowerShell shows in `<...>` for the type literals our declarations use.
_DISPLAY_TYPES: dict[str, str] = {
    "string": "String",
    "object": "Object",
    "int": "Int32",
    "int32": "Int32",
    "long": "Int64",
    "int64": "Int64",
    "bool": "Boolean",
    "boolean": "Boolean",
    "double": "Double",
    "decimal": "Decimal",
    "byte": "Byte",
    "char": "Char",
    "datetime": "DateTime",
    "timespan": "TimeSpan",
    "securestring": "SecureString",
    "pscredential": "PSCredential",
    "scriptblock": "ScriptBlock",
    "hashtable": "Hashtable",
    "psobject": "PSObject",
    "guid": "Guid",
    "uri": "Uri",
    "type": "Type",
    "errorrecord": "ErrorRecord",
    "exception": "Exception",
    "errorcategory": "ErrorCategory",
    "actionpreference": "ActionPreference",
    "consolecolor": "ConsoleColor",
    "encoding": "Encoding",
}

# Looks up the enumerator names of a parameter type (e.g. a registered flags enum), or None.
EnumNames = Callable[[str], "tuple[str, ...] | None"]


def display_type(type_name: str) -> str:
    """`string[]` -> `String[]`, `Microsoft.Exchange.Data.Fqdn` -> `Fqdn` (namespaces dropped like help does)."""
    suffix = ""
    base = type_name.strip()
    while base.endswith("[]"):
        base, suffix = base[:-2], suffix + "[]"
    short = base.rsplit(".", 1)[-1]
    return _DISPLAY_TYPES.get(short.lower(), short[:1].upper() + short[1:]) + suffix


def parameter_visible(parameter: ParameterDeclaration, product_version: str | None) -> bool:
    return product_version is None or parameter.versions is None or product_version in parameter.versions


@dataclass(frozen=True)
class SetParameter:
    """A parameter as it takes part in one parameter set."""

    parameter: ParameterDeclaration
    entry: ParameterSetEntry


def parameters_of_set(
    declaration: CommandDeclaration, set_name: str, product_version: str | None = None
) -> list[SetParameter]:
    found: list[SetParameter] = []
    for parameter in declaration.parameters:
        if not parameter_visible(parameter, product_version):
            continue
        entry = parameter.in_set(set_name)
        if entry is not None:
            found.append(SetParameter(parameter, entry))
    return found


def ordered_parameter_sets(declaration: CommandDeclaration) -> list[str]:
    """The default set first, then the others in declaration order (Get-Command -Syntax order)."""
    sets = list(declaration.parameter_sets())
    default = declaration.default_parameter_set
    if default in sets:
        sets.remove(default)
        sets.insert(0, default)
    return sets


def _value_text(parameter: ParameterDeclaration, enum_names: EnumNames | None) -> str:
    choices = parameter.validate_set
    if choices is None and enum_names is not None:
        choices = enum_names(parameter.type_name)
    if choices:
        return "{" + " | ".join(choices) + "}"
    return "<" + display_type(parameter.type_name) + ">"


def _syntax_token(item: SetParameter, enum_names: EnumNames | None) -> str:
    # PowerShell's CommandInfo syntax rules: positional names are bracketed, optional parameters are
    # bracketed as a whole, switches never show a value.
    name = item.parameter.name
    mandatory = item.entry.mandatory
    if item.parameter.is_switch:
        return f"-{name}" if mandatory else f"[-{name}]"
    value = _value_text(item.parameter, enum_names)
    positional = item.entry.position is not None
    if mandatory:
        return f"[-{name}] {value}" if positional else f"-{name} {value}"
    return f"[[-{name}] {value}]" if positional else f"[-{name} {value}]"


def display_order(items: Iterable[SetParameter]) -> list[SetParameter]:
    """Positional by position, then mandatory named, then optional named (ParameterSetInfo's order)."""
    items = list(items)
    positional = sorted((i for i in items if i.entry.position is not None), key=lambda i: i.entry.position or 0)
    named = [i for i in items if i.entry.position is None]
    return positional + [i for i in named if i.entry.mandatory] + [i for i in named if not i.entry.mandatory]


def syntax_line(
    declaration: CommandDeclaration,
    set_name: str,
    product_version: str | None = None,
    enum_names: EnumNames | None = None,
) -> str:
    tokens = [declaration.name]
    tokens += [_syntax_token(i, enum_names) for i in display_order(parameters_of_set(declaration, set_name, product_version))]
    if declaration.supports_should_process:
        tokens += ["[-WhatIf]", "[-Confirm]"]
    if declaration.cmdlet_binding:  # a simple function has no common parameters
        tokens.append("[<CommonParameters>]")
    return " ".join(tokens)


def syntax_lines(
    declaration: CommandDeclaration, product_version: str | None = None, enum_names: EnumNames | None = None
) -> list[str]:
    """One line per parameter set, as `Get-Command -Syntax` and Get-Help's SYNTAX section print them."""
    return [syntax_line(declaration, s, product_version, enum_names) for s in ordered_parameter_sets(declaration)]


def _indent(text: str, spaces: int) -> list[str]:
    pad = " " * spaces
    return [pad + line if line else "" for line in text.splitlines()] or [""]


def _pipeline_text(parameter: ParameterDeclaration) -> str:
    by_value = any(e.value_from_pipeline for e in parameter.entries)
    by_name = any(e.value_from_pipeline_by_property_name for e in parameter.entries)
    if by_value and by_name:
        return "True (ByValue, ByPropertyName)"
    if by_value:
        return "True (ByValue)"
    if by_name:
        return "True (ByPropertyName)"
    return "False"


def parameter_block(parameter: ParameterDeclaration, full: bool, enum_names: EnumNames | None = None) -> list[str]:
    value = "" if parameter.is_switch else " " + _value_text(parameter, enum_names)
    lines = [f"    -{parameter.name}{value}"]
    if parameter.help:
        lines += _indent(parameter.help, 8)
    if full:
        positions = [e.position for e in parameter.entries if e.position is not None]
        mandatory = any(e.mandatory for e in parameter.entries)
        lines += [
            "",
            f"        Required?                    {'true' if mandatory else 'false'}",
            f"        Position?                    {positions[0] if positions else 'named'}",
            "        Default value                ",
            f"        Accept pipeline input?       {_pipeline_text(parameter)}",
            "        Accept wildcard characters?  false",
        ]
        if parameter.aliases:
            lines.append(f"        Aliases                      {', '.join(parameter.aliases)}")
    lines.append("")
    return lines


def _visible_parameters(declaration: CommandDeclaration, product_version: str | None) -> list[ParameterDeclaration]:
    return [p for p in declaration.parameters if parameter_visible(p, product_version)]


def find_parameter(declaration: CommandDeclaration, name: str) -> ParameterDeclaration | None:
    wanted = name.lstrip("-").lower()
    for parameter in declaration.parameters:
        if parameter.name.lower() == wanted or wanted in (a.lower() for a in parameter.aliases):
            return parameter
    return None


def render_parameter_help(
    declaration: CommandDeclaration, name: str, enum_names: EnumNames | None = None
) -> str | None:
    parameter = find_parameter(declaration, name)
    if parameter is None:
        return None
    return "\n".join(["", *parameter_block(parameter, True, enum_names)])


def render_examples(declaration: CommandDeclaration) -> str:
    lines = ["", "NAME", f"    {declaration.name}", "", "SYNOPSIS", *_indent(declaration.synopsis or declaration.name, 4), ""]
    for number, example in enumerate(declaration.examples, start=1):
        lines += [f"    -------------------------- Example {number} --------------------------", ""]
        lines += _indent(example, 4)
        lines.append("")
    return "\n".join(lines) + "\n"


def render_help(
    declaration: CommandDeclaration,
    view: str = "default",
    product_version: str | None = None,
    enum_names: EnumNames | None = None,
) -> str:
    """Get-Help's document; `view` is `default`, `detailed`, `full` or `examples`."""
    if view == "examples":
        return render_examples(declaration)
    name = declaration.name
    lines = ["", "NAME", f"    {name}", "", "SYNOPSIS"]
    lines += _indent(declaration.synopsis or name, 4)
    lines += ["", "", "SYNTAX"]
    for syntax in syntax_lines(declaration, product_version, enum_names):
        lines += [f"    {syntax}", ""]
    lines += ["", "DESCRIPTION"]
    lines += _indent(declaration.description or declaration.synopsis or name, 4)
    lines.append("")
    if view in ("detailed", "full"):
        lines += ["", "PARAMETERS"]
        for parameter in _visible_parameters(declaration, product_version):
            lines += parameter_block(parameter, view == "full", enum_names)
        lines += [
            "    <CommonParameters>",
            "        This cmdlet supports the common parameters: Verbose, Debug,",
            "        ErrorAction, ErrorVariable, WarningAction, WarningVariable,",
            "        OutBuffer, PipelineVariable, and OutVariable. For more information, see",
            "        about_CommonParameters (https:/go.microsoft.com/fwlink/?LinkID=113216).",
            "",
        ]
        if view == "full" and declaration.output_types:
            lines += ["OUTPUTS", *[f"    {t}" for t in declaration.output_types], ""]
        for number, example in enumerate(declaration.examples, start=1):
            lines += [f"    -------------------------- Example {number} --------------------------", ""]
            lines += _indent(example, 4)
            lines.append("")
    else:
        lines += [
            "",
            "REMARKS",
            f'    To see the examples, type: "get-help {name} -examples".',
            f'    For more information, type: "get-help {name} -detailed".',
            f'    For technical information, type: "get-help {name} -full".',
        ]
    return "\n".join(lines) + "\n"


def help_not_found_message(name: str) -> str:
    return (
        f"Get-Help could not find {name} in a help file in this session. To download updated help topics "
        'type: "Update-Help". To get help online, search for the help topic in the TechNet library at '
        "https:/go.microsoft.com/fwlink/?LinkID=107116."
    )


def common_parameter_names(declaration: CommandDeclaration) -> list[str]:
    names = [name for name, _ in COMMON_PARAMETERS]
    if declaration.supports_should_process:
        names += [name for name, _ in SHOULD_PROCESS_PARAMETERS]
    return names


def all_set_names(declaration: CommandDeclaration) -> list[str]:
    return [s for s in ordered_parameter_sets(declaration) if s != ALL_PARAMETER_SETS] or [ALL_PARAMETER_SETS]


@dataclass(frozen=True)
class CommentHelp:
    """Comment-based help of a script or function (`.SYNOPSIS`, `.DESCRIPTION`, `.PARAMETER x`…)."""

    synopsis: str = ""
    description: str = ""
    parameters: tuple[tuple[str, str], ...] = ()
    examples: tuple[str, ...] = ()
    notes: str = ""
    links: tuple[str, ...] = ()


def _dedent(lines: list[str]) -> str:
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    margin = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    return "\n".join(line[margin:] for line in lines)


def parse_comment_help(text: str) -> CommentHelp:
    """Split a help comment (as the parser keeps it, markers removed) into its sections."""
    sections: list[tuple[str, str, list[str]]] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(".") and stripped[1:2].isalpha():
            keyword, _, argument = stripped[1:].partition(" ")
            sections.append((keyword.upper(), argument.strip(), []))
        elif sections:
            sections[-1][2].append(line)
    synopsis = description = notes = ""
    parameters: list[tuple[str, str]] = []
    examples: list[str] = []
    links: list[str] = []
    for keyword, argument, body in sections:
        content = _dedent(body)
        if keyword == "SYNOPSIS":
            synopsis = content
        elif keyword == "DESCRIPTION":
            description = content
        elif keyword == "PARAMETER":
            parameters.append((argument, content))
        elif keyword == "EXAMPLE":
            examples.append(content)
        elif keyword == "NOTES":
            notes = content
        elif keyword == "LINK":
            links.append(content or argument)
    return CommentHelp(synopsis, description, tuple(parameters), tuple(examples), notes, tuple(links))


def render_comment_help(name: str, comment: CommentHelp, syntax: Iterable[str] = (), view: str = "default") -> str:
    """Get-Help for a script function: the same document shape as a cmdlet's."""
    lines = ["", "NAME", f"    {name}", "", "SYNOPSIS"]
    lines += _indent(comment.synopsis or name, 4)
    lines += ["", "", "SYNTAX"]
    for text in syntax:
        lines += [f"    {text}", ""]
    if comment.description:
        lines += ["", "DESCRIPTION"]
        lines += _indent(comment.description, 4)
        lines.append("")
    if view in ("detailed", "full") and comment.parameters:
        lines += ["", "PARAMETERS"]
        for parameter, text in comment.parameters:
            lines.append(f"    -{parameter}")
            lines += _indent(text, 8)
            lines.append("")
    if view in ("detailed", "full", "examples"):
        for number, example in enumerate(comment.examples, start=1):
            lines += [f"    -------------------------- EXAMPLE {number} --------------------------", ""]
            lines += _indent(example, 4)
            lines.append("")
    if view == "default":
        lines += [
            "",
            "REMARKS",
            f'    To see the examples, type: "get-help {name} -examples".',
            f'    For more information, type: "get-help {name} -detailed".',
            f'    For technical information, type: "get-help {name} -full".',
        ]
    return "\n".join(lines) + "\n"
