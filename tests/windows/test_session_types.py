from __future__ import annotations

import pytest

from exchange_sim.lab import Lab
from exchange_sim.powershell.values.dotnet.statics import construct, get_static_method
from exchange_sim.powershell.values.exceptions import DirectoryNotFoundException, FileNotFoundException
from exchange_sim.powershell.values.objects import call_method, get_property
from exchange_sim.powershell.values.types import TypeTable
from exchange_sim.windows.machine import LabMachine
from exchange_sim.windows.session_types import register_types


@pytest.fixture
def types(lab: Lab) -> tuple[TypeTable, LabMachine]:
    table = TypeTable()
    machine = LabMachine(lab, "EXCH01", lab.filesystem("EXCH01"))
    register_types(table, lab, "EXCH01", machine)
    return table, machine


def test_certificate_is_constructed_from_a_lab_file(types: tuple[TypeTable, LabMachine], lab: Lab) -> None:
    table, machine = types
    entry = lab.store("EXCH01", "My").list()[0]
    machine.write_file_bytes("C:\\exch.cer", entry.certificate_der)
    target = table.resolve("System.Security.Cryptography.X509Certificates.X509Certificate2")
    certificate = construct(target, ["C:\\exch.cer"], table)
    assert get_property(certificate, "Thumbprint") == entry.thumbprint
    assert get_property(certificate, "HasPrivateKey") is False


def test_empty_certificate_imports_bytes_later(types: tuple[TypeTable, LabMachine], lab: Lab) -> None:
    table, _machine = types
    entry = lab.store("EXCH01", "My").list()[0]
    certificate = construct(table.resolve("System.Security.Cryptography.X509Certificates.X509Certificate2"), [], table)
    assert get_property(certificate, "Thumbprint") is None
    call_method(certificate, "Import", [bytearray(entry.certificate_der)])
    assert get_property(certificate, "Thumbprint") == entry.thumbprint


def test_certificate_from_a_missing_file_is_file_not_found(types: tuple[TypeTable, LabMachine]) -> None:
    table, _machine = types
    target = table.resolve("System.Security.Cryptography.X509Certificates.X509Certificate2")
    with pytest.raises(FileNotFoundException, match=r"Could not find file 'C:\\nope.pfx'"):
        construct(target, ["C:\\nope.pfx"], table)


def test_store_constructed_with_enums_reads_the_lab(types: tuple[TypeTable, LabMachine], lab: Lab) -> None:
    table, _machine = types
    name = table.resolve("System.Security.Cryptography.X509Certificates.StoreName").py_class
    location = table.resolve("System.Security.Cryptography.X509Certificates.StoreLocation").py_class
    store = construct(
        table.resolve("System.Security.Cryptography.X509Certificates.X509Store"),
        [name.My, location.LocalMachine],  # type: ignore[union-attr]
        table,
    )
    call_method(store, "Open", ["ReadOnly"])
    listed = [get_property(c, "Thumbprint") for c in get_property(store, "Certificates")]
    assert listed == [entry.thumbprint for entry in lab.store("EXCH01", "My").list()]


def test_dns_statics_answer_from_the_lab(types: tuple[TypeTable, LabMachine]) -> None:
    table, _machine = types
    dns = table.resolve("Net.Dns")
    host_name = get_static_method(dns, "GetHostName", None, table)
    assert host_name is not None and host_name() == "EXCH01"
    entry_of = get_static_method(dns, "gethostentry", None, table)
    assert entry_of is not None and get_property(entry_of("exch01"), "HostName") == "exch01.contoso.com"


def test_directory_statics_work_on_the_lab_file_system(types: tuple[TypeTable, LabMachine]) -> None:
    table, machine = types
    directory = table.resolve("IO.Directory")
    create = get_static_method(directory, "CreateDirectory", None, table)
    exists = get_static_method(directory, "Exists", None, table)
    get_files = get_static_method(directory, "GetFiles", None, table)
    assert create is not None and exists is not None and get_files is not None
    assert not exists("C:\\certs")
    create("C:\\certs\\new")
    assert exists("C:\\certs\\new")
    machine.write_file_bytes("C:\\certs\\a.pfx", b"1")
    machine.write_file_bytes("C:\\certs\\b.cer", b"2")
    assert get_files("C:\\certs", "*.pfx") == ["C:\\certs\\a.pfx"]
    assert get_files("C:\\certs") == ["C:\\certs\\a.pfx", "C:\\certs\\b.cer"]
    with pytest.raises(DirectoryNotFoundException, match=r"Could not find a part of the path 'C:\\nope'"):
        get_files("C:\\nope")
