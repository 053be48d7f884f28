"""Positional arguments across parameter sets and the four pipeline passes (reference §7.1 steps 2 and 5)."""

from __future__ import annotations

import pytest

from exchange_sim.powershell.binder import bind_arguments, bind_pipeline_object, validate_argument
from exchange_sim.powershell.builtins import register
from exchange_sim.powershell.commands import ParameterDeclaration, ParameterSetEntry
from exchange_sim.powershell.host import BufferHost
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.powershell.session import Session
from exchange_sim.powershell.values.exceptions import ParameterBindingException, ParameterBindingValidationException
from exchange_sim.powershell.values.objects import PSObject


def _run(text: str) -> tuple[list, BufferHost]:
    registry = EngineRegistry()
    register(registry)
    host = BufferHost()
    return list(Session(registry, host).run(text).output), host


def test_position_zero_string_binds_outside_the_default_set() -> None:
    output, host = _run("'abc','x' | % ToUpper")
    assert output == ["ABC", "X"] and host.error_text == ""


def test_simplified_where_binds_property_and_value_positionally() -> None:
    output, _ = _run("[pscustomobject]@{Status='x'},[pscustomobject]@{Status='y'} | Where-Object Status -eq x "
                     "| % Status")
    assert output == ["x"]


def test_script_block_positional_prefers_the_set_whose_type_fits() -> None:
    output, _ = _run("1,2,3 | Where-Object { $_ -gt 1 }")
    assert output == [2, 3]


def test_surplus_script_blocks_go_to_remaining_arguments() -> None:
    output, _ = _run("1,2 | ForEach-Object { 'b' } { $_ } { 'e' }")
    assert output == ["b", 1, 2, "e"]


def test_surplus_positional_argument_is_rejected_with_its_text() -> None:
    registry = EngineRegistry()
    register(registry)
    declaration = registry.commands.resolve("Get-Date")
    with pytest.raises(ParameterBindingException) as raised:
        bind_arguments(declaration, [(None, "2020-01-01"), (None, "extra")], registry.types, {})
    assert str(raised.value) == "A positional parameter cannot be found that accepts argument 'extra'."


def test_pipeline_binds_property_before_converting_the_whole_object() -> None:
    thumbprint = ParameterDeclaration("Thumbprint", "string", (ParameterSetEntry(
        value_from_pipeline=True, value_from_pipeline_by_property_name=True),))
    item = PSObject([("Thumbprint", "AB12"), ("Subject", "CN=mail")])
    registry = EngineRegistry()
    assert bind_pipeline_object("__AllParameterSets", [thumbprint], item, registry.types) == {"Thumbprint": "AB12"}


def test_pipeline_converts_by_value_when_nothing_fits_as_is() -> None:
    count = ParameterDeclaration("Count", "int", (ParameterSetEntry(value_from_pipeline=True),))
    assert bind_pipeline_object("__AllParameterSets", [count], "7", EngineRegistry().types) == {"Count": 7}


@pytest.mark.parametrize("parameter, value, message", [
    (ParameterDeclaration("N", "int", validate_range=(1, 5)), 9,
     "Cannot validate argument on parameter 'N'. The 9 argument is greater than the maximum allowed range of 5. "
     "Supply an argument that is less than or equal to 5 and then try the command again."),
    (ParameterDeclaration("N", "int", validate_range=(1, 5)), 0,
     "Cannot validate argument on parameter 'N'. The 0 argument is less than the minimum allowed range of 1. "
     "Supply an argument that is greater than or equal to 1 and then try the command again."),
    (ParameterDeclaration("Name", "string", validate_pattern="^mail"), "web01",
     "Cannot validate argument on parameter 'Name'. The argument \"web01\" does not match the \"^mail\" pattern. "
     "Supply an argument that matches \"^mail\" and try the command again."),
    (ParameterDeclaration("Name", "string", validate_length=(3, 5)), "ab",
     "Cannot validate argument on parameter 'Name'. The character length (2) of the argument is too short. "
     "Specify an argument with a length that is greater than or equal to \"3\", and then try the command again."),
    (ParameterDeclaration("Names", "string[]", validate_count=(1, 2)), ["a", "b", "c"],
     "Cannot validate argument on parameter 'Names'. The number of provided arguments, (3), exceeds the maximum "
     "number of allowed arguments (2). Provide fewer than 2 arguments, and then try the command again."),
    (ParameterDeclaration("Name", "string", validate_not_null=True), None,
     "Cannot validate argument on parameter 'Name'. The argument is null. Provide a valid value for the argument, "
     "and then try running the command again."),
])
def test_validation_attributes_fail_with_powershell_text(parameter, value, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ParameterBindingValidationException) as raised:
        validate_argument(parameter, value)
    assert str(raised.value) == message and raised.value.error_id == "ParameterArgumentValidationError"


def test_pattern_validation_ignores_case_as_powershell_does() -> None:
    validate_argument(ParameterDeclaration("Name", "string", validate_pattern="^MAIL"), "mail01")
