"""PowerShell values: conversions, operators, errors, formatting and the .NET surface (pure functions).

Public API (import from the submodules; this package imports nothing so each module loads alone):
  conversions: to_bool, to_string(v, ofs), to_number, parse_number, convert_to(v, type, types),
               convert_enum, convert_bool_parameter, enum_text, cannot_convert, cannot_convert_value
  operators:   binary_op(op, l, r, types), compare(op, l, r, case_sensitive), match_operator (-> $Matches),
               unary_op, is_type, as_type, range_operator, equals, order, sort_key
  format_operator: format_operator(template, args), culture_text
  objects:     Char, Hashtable, PSObject, ScriptProperty, get_property, set_property, property_names,
               type_names, get_method, call_method, invoke_method, method_not_found, enumerate_for_pipeline,
               is_collection, DotNetHost (the session hooks)
  indexing:    get_index, set_index
  types:       TypeTable (resolve, resolve_optional, register, register_enum, type_of), PSType, builtin_type
  errors:      ErrorRecord, ErrorCategory, InvocationInfo, CategoryInfo, record_for, runtime_error,
               exception_matches, format_error_record, position_message, the .NET exception classes
  enum_conversion: DotNetFlags, DotNetEnum (bases whose str() is .NET's text)
  text:        number_text, format_number, format_date, date_text_* , timespan_text, Single
  dotnet.statics: get_static_member, get_static_method, construct (New-Object / ::new)
  formatting:  format_default, format_table, format_list, ViewTable, TableView, ListView, TableColumn
"""
