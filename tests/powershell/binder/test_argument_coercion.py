"""Switch coercion and declared validators (§7.3, §7.4)."""

from __future__ import annotations

import pytest

from exchange_sim.powershell.binder import switch_value, validate_argument
from exchange_sim.powershell.commands import ParameterDeclaration
from exchange_sim.powershell.values.exceptions import ErrorCategory, ParameterBindingValidationException

SERVICES = ParameterDeclaration("Services", "string[]", validate_set=("IIS", "SMTP", "POP", "IMAP"))
NAME = ParameterDeclaration("FriendlyName", "string", validate_not_null_or_empty=True)


def test_switch_present_without_argument_is_true() -> None:
    assert switch_value() is True


def test_switch_false_with_colon() -> None:
    assert switch_value(False) is False
    assert switch_value(0) is False
    assert switch_value(None) is False
    assert switch_value(1) is True


def test_validate_set_accepts_any_case() -> None:
    validate_argument(SERVICES, ["iis", "Smtp"])


def test_validate_set_rejects_value_outside_the_set() -> None:
    with pytest.raises(ParameterBindingValidationException) as raised:
        validate_argument(SERVICES, ["IIS", "FTP"])
    assert str(raised.value) == (
        "Cannot validate argument on parameter 'Services'. The argument \"FTP\" does not belong to the set "
        "\"IIS,SMTP,POP,IMAP\" specified by the ValidateSet attribute. Supply an argument that is in the set "
        "and then try the command again."
    )
    assert raised.value.error_id == "ParameterArgumentValidationError"
    assert raised.value.category is ErrorCategory.InvalidData


def test_validate_not_null_or_empty_rejects_empty_string() -> None:
    with pytest.raises(ParameterBindingValidationException) as raised:
        validate_argument(NAME, "")
    assert "The argument is null or empty." in str(raised.value)
