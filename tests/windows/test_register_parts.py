from __future__ import annotations

from types import SimpleNamespace

from exchange_sim.lab import Lab
from exchange_sim.powershell.commands import CommandTable
from exchange_sim.powershell.values.formatting import ViewTable
from exchange_sim.powershell.values.types import TypeTable
from exchange_sim.windows import CertificateDrive, LabMachine, register


def test_register_fills_the_type_and_view_tables_and_extensions(lab: Lab) -> None:
    # Only the bundle is a stand-in (EngineRegistry has not landed); its tables are the real ones.
    bundle = SimpleNamespace(types=TypeTable(), views=ViewTable(), commands=CommandTable(), extensions={})
    register(bundle, lab, "EXCH01", {"C:\\mounted": str(lab.path / "host")})
    assert bundle.types.resolve("System.Net.Dns").full_name == "System.Net.Dns"
    assert bundle.types.resolve("IO.Directory").full_name == "System.IO.Directory"
    assert bundle.views.find(["System.IO.FileSystemInfo"]) is not None
    hostname = bundle.commands.resolve("HOSTNAME")
    assert hostname is not None and hostname.name == "hostname.exe"
    machine = bundle.extensions["windows.machine"]
    assert isinstance(machine, LabMachine) and machine.machine_name() == "EXCH01"
    assert isinstance(bundle.extensions["windows.cert_drive"], CertificateDrive)
    (lab.path / "host").mkdir()
    machine.write_file_bytes("C:\\mounted\\x.cer", b"1")
    assert (lab.path / "host" / "x.cer").read_bytes() == b"1"
