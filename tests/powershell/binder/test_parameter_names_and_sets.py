"""Parameter names, parameter sets and mandatory checks as PowerShell 5.1 resolves them (§7.2, §8)."""

from __future__ import annotations

import pytest

from exchange_sim.powershell.binder import (
    missing_mandatory,
    missing_mandatory_error,
    resolve_parameter_name,
    select_parameter_set,
)
from exchange_sim.powershell.commands import (
    Cmdlet,
    CommandDeclaration,
    ParameterDeclaration,
    ParameterSetEntry,
)
from exchange_sim.powershell.values.exceptions import ParameterBindingException


class _Noop(Cmdlet):
    pass


CERT = CommandDeclaration(
    "Enable-ExchangeCertificate",
    (
        ParameterDeclaration("Thumbprint", "string", (ParameterSetEntry("Identity", mandatory=True, position=0),)),
        ParameterDeclaration("Identity", "string", (ParameterSetEntry("Instance", mandatory=True),)),
        ParameterDeclaration("Services", "string"),
        ParameterDeclaration("Server", "string"),
        ParameterDeclaration("DoNotRequireSsl", "switch", aliases=("NoSsl",)),
    ),
    _Noop,
    default_parameter_set="Identity",
    supports_should_process=True,
)


def test_parameter_prefix_resolves_unique_match() -> None:
    assert resolve_parameter_name(CERT, "thumb").name == "Thumbprint"


def test_parameter_prefix_ambiguous_lists_candidates() -> None:
    with pytest.raises(ParameterBindingException) as raised:
        resolve_parameter_name(CERT, "Ser")
    assert str(raised.value) == (
        "Parameter cannot be processed because the parameter name 'Ser' is ambiguous. "
        "Possible matches include: -Services -Server."
    )
    assert raised.value.error_id == "AmbiguousParameter"


def test_declared_parameter_beats_common_parameter_on_prefix() -> None:
    # "-D" matches Debug too, but DoNotRequireSsl is the only declared one.
    assert resolve_parameter_name(CERT, "D").name == "DoNotRequireSsl"


def test_common_parameter_alias_resolves() -> None:
    resolved = resolve_parameter_name(CERT, "EA")
    assert resolved.name == "ErrorAction" and resolved.is_common


def test_whatif_unknown_without_should_process() -> None:
    plain = CommandDeclaration("Get-Thing", (ParameterDeclaration("Name"),), _Noop)
    with pytest.raises(ParameterBindingException) as raised:
        resolve_parameter_name(plain, "WhatIf")
    assert str(raised.value) == "A parameter cannot be found that matches parameter name 'WhatIf'."
    assert raised.value.error_id == "NamedParameterNotFound"
    assert resolve_parameter_name(CERT, "WhatIf").name == "WhatIf"


def test_bound_parameter_picks_its_set() -> None:
    assert select_parameter_set(CERT, ["Identity", "Services"]) == "Instance"


def test_default_set_breaks_a_tie() -> None:
    assert select_parameter_set(CERT, ["Services"]) == "Identity"


def test_parameters_of_two_sets_are_ambiguous() -> None:
    with pytest.raises(ParameterBindingException) as raised:
        select_parameter_set(CERT, ["Thumbprint", "Identity"])
    assert str(raised.value) == "Parameter set cannot be resolved using the specified named parameters."


def test_missing_mandatory_names_the_parameters() -> None:
    names = missing_mandatory(CERT, "Identity", ["Services"])
    assert names == ["Thumbprint"]
    assert str(missing_mandatory_error(names)) == (
        "Cannot process command because of one or more missing mandatory parameters: Thumbprint."
    )
