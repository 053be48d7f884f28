"""`$ExecutionContext.SessionState.Path` turns what a user typed into the file path .NET is given."""

from __future__ import annotations



def test_unresolved_provider_path_is_relative_to_the_current_location(shell) -> None:
    session = shell()
    output = session.run("""
        New-Item -ItemType Directory C:\\ProgramData\\acme | Out-Null
        Set-Location C:\\ProgramData
        $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath('acme\\renewed.pfx')
        $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath('C:\\Certs\\..\\not-yet.pfx')
        $ExecutionContext.SessionState.Path.CurrentLocation.Path
    """)
    assert session.errors == ""
    assert [str(item) for item in output] == ["C:\\ProgramData\\acme\\renewed.pfx", "C:\\not-yet.pfx",
                                              "C:\\ProgramData"]


def test_psvariable_reads_and_sets_session_variables(shell) -> None:
    session = shell()
    output = session.run("""
        $threshold = 30
        $ExecutionContext.SessionState.PSVariable.GetValue('threshold')
        $ExecutionContext.SessionState.PSVariable.Set('threshold', 45)
        $threshold
    """)
    assert output == [30, 45]
