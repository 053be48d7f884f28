"""Locations and path cmdlets on a lab session: Set-/Get-/Push-/Pop-Location, Resolve-Path, Join-Path,
Split-Path."""

from __future__ import annotations

from exchange_sim.lab import Lab


def test_a_session_starts_in_the_user_profile(shell) -> None:
    ps = shell()
    assert [str(p) for p in ps.run("Get-Location")] == ["C:\\Users\\Administrator"]
    assert ps.run("(pwd).Path") == ["C:\\Users\\Administrator"]


def test_set_location_makes_relative_paths_follow(lab: Lab, shell) -> None:
    ps = shell()
    ps.run("New-Item C:\\certs -ItemType Directory | Out-Null; cd C:\\certs; Set-Content x.req 'REQ'")
    assert (lab.path / "fs" / "EXCH01" / "C" / "certs" / "x.req").exists()
    assert [str(p) for p in ps.run("Resolve-Path .\\x.req")] == ["C:\\certs\\x.req"]
    assert ps.run("Resolve-Path C:\\certs\\x.req -Relative") == [".\\x.req"]
    ps.run("cd ..\\..\\..")
    assert [str(p) for p in ps.run("Get-Location")] == ["C:\\"]


def test_dotnet_relative_paths_stay_on_the_process_directory(lab: Lab, shell) -> None:
    # .NET resolves relative paths against the process directory, which Set-Location does not move.
    ps = shell()
    ps.run("New-Item C:\\certs -ItemType Directory | Out-Null; cd C:\\certs\n"
           "[IO.File]::WriteAllText('rel.txt', 'x')")
    assert (lab.path / "fs" / "EXCH01" / "C" / "Users" / "Administrator" / "rel.txt").exists()
    assert not (lab.path / "fs" / "EXCH01" / "C" / "certs" / "rel.txt").exists()


def test_set_location_to_a_missing_path_writes_path_not_found(shell) -> None:
    ps = shell()
    ps.run("Set-Location C:\\nowhere")
    assert "Cannot find path 'C:\\nowhere' because it does not exist." in ps.errors
    assert "PathNotFound,Microsoft.PowerShell.Commands.SetLocationCommand" in ps.errors
    assert [str(p) for p in ps.run("Get-Location")] == ["C:\\Users\\Administrator"]
    ps.run("Set-Location Q:\\")
    assert "DriveNotFound,Microsoft.PowerShell.Commands.SetLocationCommand" in ps.errors


def test_push_and_pop_location_return_where_they_were(shell) -> None:
    ps = shell()
    ps.run("New-Item C:\\a -ItemType Directory | Out-Null; Push-Location C:\\a")
    assert [str(p) for p in ps.run("pwd")] == ["C:\\a"]
    ps.run("Pop-Location")
    assert [str(p) for p in ps.run("pwd")] == ["C:\\Users\\Administrator"]
    ps.run("Pop-Location")  # an empty stack is no error
    assert ps.errors == ""


def test_resolve_path_expands_wildcards_and_reports_missing(shell) -> None:
    ps = shell()
    ps.run("New-Item C:\\r\\a.cer -ItemType File -Force | Out-Null; New-Item C:\\r\\b.cer -ItemType File | Out-Null")
    assert [str(p) for p in ps.run("Resolve-Path C:\\r\\*.cer")] == ["C:\\r\\a.cer", "C:\\r\\b.cer"]
    ps.run("Resolve-Path C:\\r\\none.cer")
    assert "PathNotFound,Microsoft.PowerShell.Commands.ResolvePathCommand" in ps.errors


def test_join_path_puts_one_separator_between_parts(shell) -> None:
    ps = shell()
    assert ps.run("Join-Path C:\\certs\\ \\x.pfx") == ["C:\\certs\\x.pfx"]
    assert ps.run("Join-Path $env:TEMP req.txt") == ["C:\\Users\\Administrator\\AppData\\Local\\Temp\\req.txt"]
    ps.run("Join-Path Q:\\ x")
    assert "Cannot find drive. A drive with the name 'Q' does not exist." in ps.errors


def test_split_path_parent_leaf_and_qualifier(shell) -> None:
    ps = shell()
    assert ps.run("Split-Path C:\\certs\\x.pfx") == ["C:\\certs"]
    assert ps.run("Split-Path C:\\x.pfx -Parent") == ["C:\\"]
    assert ps.run("Split-Path C:\\certs\\x.pfx -Leaf") == ["x.pfx"]
    assert ps.run("Split-Path C:\\certs\\x.pfx -Qualifier") == ["C:"]
    assert ps.run("Split-Path C:\\certs\\x.pfx -NoQualifier") == ["\\certs\\x.pfx"]
    assert ps.run("Split-Path certs\\x.pfx -IsAbsolute") == [False]
    assert ps.run("Split-Path x.pfx") == [""]
