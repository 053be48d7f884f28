"""`Get-Command ExSetup.exe` answers the server's build, the documented way runbooks read Exchange's version."""

from __future__ import annotations


def test_exsetup_file_version_is_the_servers_build_zero_padded(shell) -> None:
    session = shell()
    assert session.run("(Get-Command ExSetup.exe).FileVersionInfo.ProductVersion") == ["15.02.1544.004"]


def test_gcm_exsetup_without_extension_finds_one_application(shell) -> None:
    session = shell()
    assert session.run("$c = @(gcm exsetup); $c.Count; $c[0].CommandType; $c[0].Path") == [
        1, "Application", "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\bin\\ExSetup.exe"]


def test_version_split_as_runbooks_do_gives_the_major_version(shell) -> None:
    session = shell()
    script = "$v = gcm exsetup | % { $_.FileVersionInfo.ProductVersion.Split('{.}') }\nswitch ($v[0]) { 14 {'2010'} 15 {'2013+'} }"
    assert session.run(script) == ["2013+"]


def test_native_programs_are_applications_not_aliases(shell) -> None:
    session = shell()
    assert session.run("(Get-Command hostname).CommandType") == ["Application"]
