from __future__ import annotations

import pytest

from exchange_sim.powershell.values.types import TypeTable


@pytest.fixture(scope="session")
def types() -> TypeTable:
    return TypeTable()
