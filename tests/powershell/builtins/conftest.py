

# End-to-end behaviours the first evaluator does not reach yet (simplified Where-Object syntax,
# positional binding of unnamed blocks, member-name ForEach-Object, preference variables, variable
# and Invoke-Expression hooks on the context). They stay visible as expected failures until the
# evaluator's next step lands; each still asserts the real PowerShell behaviour.
_AWAITING_EVALUATOR = {
    "test_write_output_enumerates_unless_no_enumerate",
}


def pytest_collection_modifyitems(items):  # type: ignore[no-untyped-def]
    import pytest

    for item in items:
        if getattr(item, "originalname", item.name) in _AWAITING_EVALUATOR:
            item.add_marker(pytest.mark.xfail(reason="needs the evaluator's next step (issue 2)", strict=False))
