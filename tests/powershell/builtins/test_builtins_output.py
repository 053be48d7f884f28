"""Write-*, Format-*, Out-*, Get-Date, the security cmdlets, variables, Get-Command and Get-Help in a
real session."""

from __future__ import annotations

import datetime

from builtins_session import run  # noqa: F401 - pytest fixture

from exchange_sim.powershell.values.dotnet.security import PSCredential, SecureString


def _host_text(ran) -> str:
    host = ran.host
    for name in ("text", "output_text", "host_text"):
        value = getattr(host, name, None)
        if value is not None:
            return value() if callable(value) else value
    raise AssertionError("BufferHost exposes no text")


def test_write_output_enumerates_unless_no_enumerate(run) -> None:
    assert run("Write-Output 1,2").output == [1, 2]
    assert run("echo a b").output == ["a", "b"]
    assert run("Write-Output -NoEnumerate 1,2").output == [[1, 2]]


def test_write_host_joins_with_separator_and_goes_to_host_not_output(run) -> None:
    ran = run("Write-Host a,b,c -Separator '-'\nWrite-Host 'x' -NoNewline\nWrite-Host 'y'")
    assert ran.output == []
    assert "a-b-c\nxy\n" in _host_text(ran)


def test_write_warning_prefixes_warning(run) -> None:
    assert "WARNING: careful" in _host_text(run("Write-Warning 'careful'"))


def test_write_verbose_is_silent_by_default_and_shown_with_verbose(run) -> None:
    assert "VERBOSE:" not in _host_text(run("Write-Verbose 'hidden'"))
    assert "VERBOSE: shown" in _host_text(run("Write-Verbose 'shown' -Verbose"))


def test_write_error_is_non_terminating_with_write_error_exception(run) -> None:
    ran = run("Write-Error 'bad thing'\n'after'\n$Error[0].FullyQualifiedErrorId\n$Error[0].Exception.GetType().FullName")
    assert ran.output[0] == "after"
    assert ran.output[1].startswith("Microsoft.PowerShell.Commands.WriteErrorException")
    assert ran.outcome.had_errors


def test_write_error_with_category_and_error_id(run) -> None:
    script = ("try { Write-Error -Message 'nope' -Category ObjectNotFound -ErrorId CertMissing -ErrorAction Stop }"
              " catch { $_.CategoryInfo.Category.ToString(); $_.Exception.Message }")
    assert run(script).output == ["ObjectNotFound", "nope"]


def test_format_table_renders_lines_with_header_and_dashes(run) -> None:
    lines = run("[pscustomobject]@{Name='mail01'; Days=30} | Format-Table -AutoSize").output
    text = "\n".join(lines)
    assert "Name   Days" in text and "----   ----" in text and "mail01   30" in text


def test_format_list_star_shows_every_property(run) -> None:
    text = "\n".join(run("[pscustomobject]@{A=1; B='x'} | Format-List *").output)
    assert "A : 1" in text and "B : x" in text


def test_out_string_returns_one_string_and_stream_returns_lines(run) -> None:
    (text,) = run("1,2 | Out-String").output
    assert text == "1\n2\n"
    assert run("1,2 | Out-String -Stream").output == ["1", "2"]


def test_out_null_discards(run) -> None:
    assert run("1,2 | Out-Null").output == []


def test_get_date_with_parts_and_format(run) -> None:
    (value,) = run("Get-Date -Year 2026 -Month 1 -Day 2 -Hour 3 -Minute 4 -Second 5 -Millisecond 0").output
    assert (value.year, value.month, value.day, value.hour, value.minute, value.second) == (2026, 1, 2, 3, 4, 5)
    assert run("Get-Date -Date '2026-11-28 15:04:05' -Format 'yyyy-MM-dd HH:mm'").output == ["2026-11-28 15:04"]
    assert run("Get-Date -Date '2026-11-28' -UFormat '%Y%m%d'").output == ["20261128"]


def test_get_date_is_a_datetime_now(run) -> None:
    (value,) = run("Get-Date").output
    assert isinstance(value, datetime.datetime)


def test_convertto_securestring_needs_force_for_plain_text(run) -> None:
    (secure,) = run("ConvertTo-SecureString 'P@ss' -AsPlainText -Force").output
    assert isinstance(secure, SecureString) and secure.reveal() == "P@ss"
    ran = run("ConvertTo-SecureString 'P@ss' -AsPlainText")
    assert ran.output == [] and ran.outcome.had_errors


def test_convertfrom_securestring_round_trips(run) -> None:
    script = "$t = ConvertTo-SecureString 'P@ss' -AsPlainText -Force | ConvertFrom-SecureString\n(New-Object PSCredential 'u', (ConvertTo-SecureString $t)).GetNetworkCredential().Password"
    assert run(script).output == ["P@ss"]


def test_read_host_answers_from_the_host_queue(run) -> None:
    assert run("$x = Read-Host -Prompt 'Name'\n\"hi $x\"", answers=["Ann"]).output == ["hi Ann"]


def test_get_credential_builds_a_pscredential_from_host_answers(run) -> None:
    (credential,) = run("Get-Credential", answers=["CONTOSO\\admin", "Secret1"]).output
    assert isinstance(credential, PSCredential)
    assert credential.user_name == "CONTOSO\\admin" and credential.password.reveal() == "Secret1"


def test_variable_cmdlets(run) -> None:
    script = "Set-Variable -Name v -Value 5\n$v\nGet-Variable v -ValueOnly\nClear-Variable v\n$v -eq $null\nNew-Variable w 1\n$w"
    assert run(script).output == [5, 5, True, 1]


def test_get_variable_unknown_name_is_an_error(run) -> None:
    ran = run("Get-Variable nosuchvariable")
    assert ran.output == [] and ran.outcome.had_errors


def test_get_command_finds_cmdlets_and_aliases_by_wildcard(run) -> None:
    assert run("(Get-Command Where-Object).Name").output == ["Where-Object"]
    names = run("Get-Command -Verb ConvertTo | % Name").output
    assert "ConvertTo-Json" in names and "ConvertTo-SecureString" in names
    assert run("(Get-Command gcm).CommandType").output == ["Alias"]


def test_get_command_unknown_name_is_an_error(run) -> None:
    assert run("Get-Command Get-Nothing").outcome.had_errors


def test_get_help_prints_syntax_generated_from_declarations(run) -> None:
    (text,) = run("Get-Help Select-Object").output
    assert "NAME\n    Select-Object" in text
    assert "Select-Object [[-Property] <Object[]>]" in text


def test_invoke_expression_runs_text(run) -> None:
    assert run("iex '1 + 2'").output == [3]


def test_convertto_json_of_pscustomobject(run) -> None:
    (text,) = run("[pscustomobject]@{Name='mail'; Days=30} | ConvertTo-Json").output
    assert text == '{\n    "Name":  "mail",\n    "Days":  30\n}'


def test_convertfrom_json_gives_objects(run) -> None:
    assert run("('{\"a\": {\"b\": [1,2]}}' | ConvertFrom-Json).a.b").output == [1, 2]


def test_convertto_csv_and_back(run) -> None:
    lines = run("[pscustomobject]@{A=1; B='x'} | ConvertTo-Csv -NoTypeInformation").output
    assert lines == ['"A","B"', '"1","x"']
    assert run("('\"A\",\"B\"', '\"1\",\"x\"' | ConvertFrom-Csv).B").output == ["x"]


def test_convertto_html_fragment(run) -> None:
    lines = run("[pscustomobject]@{A=1} | ConvertTo-Html -Fragment").output
    assert lines == ["<table>", "<colgroup><col/></colgroup>", "<tr><th>A</th></tr>", "<tr><td>1</td></tr>", "</table>"]
