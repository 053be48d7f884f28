from __future__ import annotations

import pytest

from exchange_sim.lab import Lab
from exchange_sim.powershell.values.exceptions import (
    DirectoryNotFoundException,
    DotNetException,
    FileNotFoundException,
)
from exchange_sim.windows.machine import LabMachine, exchange_install_path


@pytest.fixture
def machine(lab: Lab) -> LabMachine:
    return LabMachine(lab, "EXCH01", lab.filesystem("EXCH01"))


def test_environment_names_the_server_and_its_domain(machine: LabMachine) -> None:
    assert machine.environment_variable("COMPUTERNAME") == "EXCH01"
    assert machine.environment_variable("userdnsdomain") == "CONTOSO.COM"
    assert machine.environment_variable("USERDOMAIN") == "CONTOSO"
    assert machine.environment_variable("USERNAME") == "Administrator"
    assert machine.environment_variable("NoSuchVariable") is None


def test_exchange_2019_installs_under_v15(machine: LabMachine) -> None:
    assert machine.environment_variable("ExchangeInstallPath") == "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\"


def test_exchange_install_path_follows_the_version() -> None:
    assert exchange_install_path("2010").endswith("\\V14\\")
    assert exchange_install_path("2007") == "C:\\Program Files\\Microsoft\\Exchange Server\\"
    assert exchange_install_path("SE").endswith("\\V15\\")


def test_temp_path_ends_with_a_separator(machine: LabMachine) -> None:
    assert machine.temp_path() == "C:\\Users\\Administrator\\AppData\\Local\\Temp\\"


def test_dns_answers_a_lab_server_with_its_fqdn(machine: LabMachine) -> None:
    entry = machine.host_entry("exch01")
    assert entry.ps_properties()["HostName"] == "exch01.contoso.com"
    addresses = [str(address) for address in entry.ps_properties()["AddressList"]]
    assert addresses == list(machine.host_entry("EXCH01.contoso.com").addresses)
    assert addresses[0].startswith("10.")


def test_dns_refuses_an_unknown_host(machine: LabMachine) -> None:
    with pytest.raises(DotNetException, match="No such host is known") as raised:
        machine.host_entry("mail.fabrikam.com")
    assert raised.value.net_type == "System.Net.Sockets.SocketException"


def test_written_file_is_read_back_from_the_lab(machine: LabMachine, lab: Lab) -> None:
    machine.write_file_bytes("C:\\cert.pfx", b"\x30\x82")
    assert machine.read_file_bytes("c:\\CERT.pfx") == b"\x30\x82"
    assert (lab.path / "fs" / "EXCH01" / "C" / "cert.pfx").read_bytes() == b"\x30\x82"
    assert machine.file_exists("C:\\cert.pfx")


def test_relative_file_is_read_from_the_current_location(machine: LabMachine) -> None:
    machine.write_file_bytes("C:\\Users\\Administrator\\req.txt", b"x")
    assert machine.current_directory() == "C:\\Users\\Administrator"
    assert machine.read_file_bytes("req.txt") == b"x"


def test_missing_file_is_a_file_not_found_exception(machine: LabMachine) -> None:
    with pytest.raises(FileNotFoundException, match=r"^Could not find file 'C:\\nope.pfx'\.$"):
        machine.read_file_bytes("C:\\nope.pfx")


def test_missing_folder_is_a_directory_not_found_exception(machine: LabMachine) -> None:
    with pytest.raises(DirectoryNotFoundException, match=r"Could not find a part of the path 'C:\\no\\x.pfx'\."):
        machine.write_file_bytes("C:\\no\\x.pfx", b"")


def test_folder_and_unusable_path_are_not_files(machine: LabMachine) -> None:
    assert not machine.file_exists("C:\\Users")
    assert not machine.file_exists("Q:\\x.pfx")
    assert not machine.file_exists("C:\\nope.pfx")


def test_unknown_server_is_refused(lab: Lab) -> None:
    with pytest.raises(Exception, match="no server named 'EXCH99'"):
        LabMachine(lab, "EXCH99", lab.filesystem("EXCH01"))
