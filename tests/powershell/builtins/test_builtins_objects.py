"""Where-Object, ForEach-Object, Select-Object, Sort-Object, Group-Object, Measure-Object,
Compare-Object, Add-Member, New-Object run through a real session."""

from __future__ import annotations

from builtins_session import run  # noqa: F401 - pytest fixture

from exchange_sim.powershell.values.objects import get_property


def test_where_object_script_block_keeps_matching_objects(run) -> None:
    assert run("1..6 | Where-Object { $_ % 2 -eq 0 }").output == [2, 4, 6]


def test_question_mark_alias_with_simplified_comparison(run) -> None:
    script = "$a = [pscustomobject]@{Status='Valid'}, [pscustomobject]@{Status='Invalid'}\n$a | ? Status -eq valid | % Status"
    assert run(script).output == ["Valid"]


def test_where_object_property_alone_tests_truthiness(run) -> None:
    script = "[pscustomobject]@{N=1; On=$true}, [pscustomobject]@{N=2; On=$false} | where On | % N"
    assert run(script).output == [1]


def test_where_object_case_sensitive_like(run) -> None:
    assert run("'Mail','mail' | Where-Object { $_ } | Where-Object -Property Length -GT 3").output == ["Mail", "mail"]
    script = "[pscustomobject]@{S='Mail'}, [pscustomobject]@{S='mail'} | Where-Object S -CLike 'M*' | % S"
    assert run(script).output == ["Mail"]


def test_foreach_object_begin_process_end(run) -> None:
    script = "1,2,3 | ForEach-Object -Begin { 'start' } -Process { $_ * 10 } -End { 'done' }"
    assert run(script).output == ["start", 10, 20, 30, "done"]


def test_foreach_object_three_unnamed_blocks_are_begin_process_end(run) -> None:
    assert run("1,2 | % { 'b' } { $_ } { 'e' }").output == ["b", 1, 2, "e"]


def test_foreach_object_member_name_reads_a_property(run) -> None:
    script = "[pscustomobject]@{Thumbprint='AB'}, [pscustomobject]@{Thumbprint='CD'} | % Thumbprint"
    assert run(script).output == ["AB", "CD"]


def test_foreach_object_member_name_calls_a_method(run) -> None:
    assert run("'ab','cd' | ForEach-Object ToUpper").output == ["AB", "CD"]


def test_select_object_property_list_and_calculated_property(run) -> None:
    script = ("[pscustomobject]@{Name='mail'; Days=30; Extra=1} | "
              "Select-Object Name, @{n='Weeks'; e={[int]($_.Days / 7)}}, @{Label='D2'; Expression='Days'}")
    (result,) = run(script).output
    assert [get_property(result, n) for n in ("Name", "Weeks", "D2")] == ["mail", 4, 30]
    assert get_property(result, "Extra") is None
    assert result.type_names[0] == "Selected.System.Management.Automation.PSCustomObject"


def test_select_object_first_last_skip(run) -> None:
    assert run("1..10 | Select-Object -First 3").output == [1, 2, 3]
    assert run("1..10 | Select-Object -Last 2").output == [9, 10]
    assert run("1..10 | Select-Object -Skip 8").output == [9, 10]
    assert run("1..10 | select -f 1").output == [1]


def test_select_object_unique_is_case_sensitive(run) -> None:
    assert run("'a','A','a','b' | Select-Object -Unique").output == ["a", "A", "b"]


def test_select_object_expand_property_unrolls_the_value(run) -> None:
    script = "[pscustomobject]@{Domains=@('a.com','b.com')} | Select-Object -ExpandProperty Domains"
    assert run(script).output == ["a.com", "b.com"]


def test_select_object_expand_missing_property_is_an_error(run) -> None:
    ran = run("[pscustomobject]@{A=1} | Select-Object -ExpandProperty Nope")
    assert ran.output == []
    assert ran.outcome.had_errors


def test_select_object_star_copies_all_properties(run) -> None:
    (result,) = run("[pscustomobject]@{A=1; B=2} | Select-Object *").output
    assert [get_property(result, "A"), get_property(result, "B")] == [1, 2]


def test_sort_object_by_property_descending_and_unique(run) -> None:
    script = "[pscustomobject]@{N=2}, [pscustomobject]@{N=10}, [pscustomobject]@{N=1} | Sort-Object N -Descending | % N"
    assert run(script).output == [10, 2, 1]
    assert run("'b','A','a','c' | sort -Unique").output == ["A", "b", "c"]


def test_sort_object_puts_null_first_and_numbers_by_value(run) -> None:
    assert run("10, 9, 100 | Sort-Object").output == [9, 10, 100]


def test_sort_object_calculated_descending_key(run) -> None:
    script = "'aaa','b','cc' | Sort-Object @{Expression={$_.Length}; Descending=$true}"
    assert run(script).output == ["aaa", "cc", "b"]


def test_group_object_counts_and_names(run) -> None:
    script = "'x','y','x' | Group-Object | ForEach-Object { '{0}={1}' -f $_.Name, $_.Count }"
    assert run(script).output == ["x=2", "y=1"]


def test_measure_object_sum_average_maximum_minimum(run) -> None:
    script = "$m = 1,2,3,4 | Measure-Object -Sum -Average -Maximum -Minimum\n$m.Count; $m.Sum; $m.Average; $m.Maximum; $m.Minimum"
    assert run(script).output == [4, 10.0, 2.5, 4.0, 1.0]


def test_measure_object_property(run) -> None:
    script = "([pscustomobject]@{D=5}, [pscustomobject]@{D=7} | Measure-Object -Property D -Sum).Sum"
    assert run(script).output == [12.0]


def test_compare_object_side_indicators(run) -> None:
    script = "Compare-Object -ReferenceObject a,b,c -DifferenceObject b,c,d -IncludeEqual | % { $_.InputObject + $_.SideIndicator }"
    assert run(script).output == ["b==", "c==", "d=>", "a<="]


def test_compare_object_no_difference_writes_nothing(run) -> None:
    assert run("Compare-Object @('IIS','SMTP') @('smtp','iis')").output == []


def test_add_member_note_property_and_passthru(run) -> None:
    script = "$o = New-Object PSObject\n$o | Add-Member -MemberType NoteProperty -Name Server -Value EX01\n$o.Server"
    assert run(script).output == ["EX01"]
    assert run("([pscustomobject]@{} | Add-Member -NotePropertyName X -NotePropertyValue 3 -PassThru).X").output == [3]


def test_add_member_existing_name_needs_force(run) -> None:
    ran = run("$o = [pscustomobject]@{A=1}\n$o | Add-Member NoteProperty A 2\n$o.A")
    assert ran.output == [1]
    assert ran.outcome.had_errors
    assert run("$o = [pscustomobject]@{A=1}\n$o | Add-Member NoteProperty A 2 -Force\n$o.A").output == [2]


def test_new_object_psobject_with_property_hashtable(run) -> None:
    script = "$o = New-Object PSObject -Property @{Server='EX01'; Days=30}\n$o.Server; $o.Days"
    assert run(script).output == ["EX01", 30]
