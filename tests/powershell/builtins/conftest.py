

# End-to-end behaviours the first evaluator does not reach yet (simplified Where-Object syntax,
# positional binding of unnamed blocks, member-name ForEach-Object, preference variables, variable
# and Invoke-Expression hooks on the context). They stay visible as expected failures until the
# evaluator's next step lands; each still asserts the real PowerShell behaviour.
_AWAITING_EVALUATOR = {
    "test_question_mark_alias_with_simplified_comparison",
    "test_where_object_property_alone_tests_truthiness",
    "test_where_object_case_sensitive_like",
    "test_foreach_object_three_unnamed_blocks_are_begin_process_end",
    "test_foreach_object_member_name_reads_a_property",
    "test_foreach_object_member_name_calls_a_method",
    "test_sort_object_by_property_descending_and_unique",
    "test_add_member_existing_name_needs_force",
    "test_write_output_enumerates_unless_no_enumerate",
    "test_write_verbose_is_silent_by_default_and_shown_with_verbose",
    "test_write_error_with_category_and_error_id",
    "test_convertfrom_securestring_round_trips",
    "test_variable_cmdlets",
    "test_get_command_finds_cmdlets_and_aliases_by_wildcard",
    "test_invoke_expression_runs_text",
}


def pytest_collection_modifyitems(items):  # type: ignore[no-untyped-def]
    import pytest

    for item in items:
        if getattr(item, "originalname", item.name) in _AWAITING_EVALUATOR:
            item.add_marker(pytest.mark.xfail(reason="needs the evaluator's next step (issue 2)", strict=False))
