"""PowerShell values: conversions, operators, errors, formatting and the .NET surface (pure functions).

Public API (import from the submodules):
  conversions: to_bool, to_string, to_number, convert_to, convert_enum, convert_bool_parameter, enum_text
  operators:   binary_op, compare, match_operator, unary_op, is_type, as_type, sort_key
  format_operator: format_operator
  objects:     Char, Hashtable, PSObject, ScriptProperty, get_property, set_property, property_names,
               type_names, get_method, call_method, method_not_found, enumerate_for_pipeline
  types:       TypeTable, PSType
  errors:      ErrorRecord, ErrorCategory, InvocationInfo, record_for, exception_matches, format_error_record
  dotnet.statics: get_static_member, get_static_method
  formatting:  format_default, format_table, format_list, ViewTable, TableView, ListView, TableColumn
"""
