"""A server's cumulative update (fixture `cu` or `build`) decides the file parameters (§1.2, §1.3) and the
build Get-ExchangeServer and ExSetup.exe report."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from exchange_sim.cli.session import open_session
from exchange_sim.lab import Lab
from exchange_sim.lab.errors import LabError
from exchange_sim.powershell.host import BufferHost

from .conftest import LabShell

FIXTURE = """
[organization]
name = "Updates"
accepted_domains = ["updates.test"]

[[servers]]
name = "E19CU11"
version = "2019"
cu = "CU11"

[[servers]]
name = "E19CU12"
version = "2019"
build = "15.2.1118.7"

[[servers]]
name = "E16CU22"
version = "2016"
cu = "cu22"

[[servers]]
name = "E16"
version = "2016"

[[servers]]
name = "E13"
version = "2013"
"""


@pytest.fixture(scope="module")
def updates_lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    folder = tmp_path_factory.mktemp("updates")
    (folder / "updates.toml").write_text(FIXTURE)
    lab = Lab.create(folder / "lab", fixture=folder / "updates.toml")
    yield lab
    lab.close()


def _shell(lab: Lab, server: str) -> LabShell:
    host = BufferHost()
    return LabShell(lab, open_session(host, lab=lab, server=server), host)


def _parameters(shell: LabShell, cmdlet: str) -> set[str]:
    syntax = " ".join(str(line) for line in shell.run(f"Get-Command {cmdlet} -Syntax"))
    return {word.strip("[]").lstrip("-") for word in syntax.split() if word.lstrip("[").startswith("-")}


@pytest.mark.parametrize(("server", "present"), [("E19CU11", True), ("E19CU12", False), ("E16CU22", True),
                                                  ("E16", False), ("E13", True)])
def test_file_name_and_request_file_exist_until_the_2022_h1_update(updates_lab: Lab, server: str, present: bool) -> None:
    shell = _shell(updates_lab, server)
    assert ("FileName" in _parameters(shell, "Import-ExchangeCertificate")) is present
    assert ("FileName" in _parameters(shell, "Export-ExchangeCertificate")) is present
    assert ("RequestFile" in _parameters(shell, "New-ExchangeCertificate")) is present
    assert "FileData" in _parameters(shell, "Import-ExchangeCertificate")


def test_request_file_after_the_update_is_an_unknown_parameter_and_writes_nothing(updates_lab: Lab) -> None:
    shell = _shell(updates_lab, "E19CU12")
    shell.run("New-ExchangeCertificate -GenerateRequest -SubjectName 'cn=mail.updates.test' -RequestFile C:\\r.req")
    assert "A parameter cannot be found that matches parameter name 'RequestFile'." in shell.errors
    assert not updates_lab.filesystem("E19CU12").exists("C:\\r.req")


def test_request_file_before_the_update_writes_the_request(updates_lab: Lab) -> None:
    shell = _shell(updates_lab, "E19CU11")
    shell.run("New-ExchangeCertificate -GenerateRequest -SubjectName 'cn=mail.updates.test' -RequestFile C:\\r.req")
    assert shell.errors == ""
    assert updates_lab.filesystem("E19CU11").read_bytes("C:\\r.req").startswith(b"-----BEGIN NEW CERTIFICATE REQUEST-----")


def test_export_file_name_appends_pfx_and_refuses_an_existing_file(updates_lab: Lab) -> None:
    shell = _shell(updates_lab, "E19CU11")
    made = shell.run("New-ExchangeCertificate -Services None -PrivateKeyExportable $true -DomainName f.updates.test")[0]
    shell.run("$pw = ConvertTo-SecureString 'P@ss1' -AsPlainText -Force")
    shell.run(f"Export-ExchangeCertificate {made.thumbprint} -Password $pw -BinaryEncoded -FileName C:\\backup")
    assert updates_lab.filesystem("E19CU11").read_bytes("C:\\backup.pfx")[:1] == b"\x30"
    shell.run(f"Export-ExchangeCertificate {made.thumbprint} -Password $pw -BinaryEncoded -FileName C:\\backup")
    assert "must not exist yet" in shell.errors


@pytest.mark.parametrize(("server", "build"), [("E19CU11", "15.2.986.5"), ("E19CU12", "15.2.1118.7"),
                                                ("E16CU22", "15.1.2375.7"), ("E16", "15.1.2507.6")])
def test_exchange_server_and_exsetup_report_the_installed_build(updates_lab: Lab, server: str, build: str) -> None:
    shell = _shell(updates_lab, server)
    major, minor, number, revision = (int(part) for part in build.split("."))
    admin = shell.run(f"(Get-ExchangeServer {server}).AdminDisplayVersion.ToString()")[0]
    assert admin == f"Version {major}.{minor} (Build {number}.{revision})"
    file_version = shell.run("(Get-Command ExSetup).FileVersionInfo.FileVersion")[0]
    assert file_version == f"{major:d}.{minor:02d}.{number:04d}.{revision:03d}"


@pytest.mark.parametrize(("keys", "problem"), [
    ('version = "2019"\ncu = "CU99"', "has no update 'CU99'"),
    ('version = "2016"\nbuild = "15.2.986.5"', "is not a build of Exchange 2016"),
    ('version = "2019"\nbuild = "15.2"', "is not a build number"),
    ('version = "2019"\ncu = "CU11"\nbuild = "15.2.986.5"', "not both"),
])
def test_fixture_update_that_the_version_never_had_is_refused(tmp_path: Path, keys: str, problem: str) -> None:
    (tmp_path / "bad.toml").write_text(
        f'[organization]\nname = "Bad"\naccepted_domains = ["bad.test"]\n[[servers]]\nname = "EX1"\n{keys}\n')
    with pytest.raises(LabError, match=problem):
        Lab.create(tmp_path / "lab", fixture=tmp_path / "bad.toml")
    assert not (tmp_path / "lab").exists()
