from __future__ import annotations

from exchange_sim.lab import Lab
from exchange_sim.powershell.registry import EngineRegistry
from exchange_sim.windows import CertificateDrive, LabMachine, register


def test_register_fills_the_type_and_view_tables_and_extensions(lab: Lab) -> None:
    bundle = EngineRegistry()
    register(bundle, lab, "EXCH01", {"C:\\mounted": str(lab.path / "host")})
    assert bundle.types.resolve("System.Net.Dns").full_name == "System.Net.Dns"
    assert bundle.types.resolve("IO.Directory").full_name == "System.IO.Directory"
    assert bundle.views.find(["System.IO.FileSystemInfo"]) is not None
    hostname = bundle.commands.resolve("HOSTNAME")
    assert hostname is not None and hostname.name == "hostname.exe"
    assert bundle.variables["env:COMPUTERNAME"] == "EXCH01"
    assert bundle.variables["env:USERDNSDOMAIN"] == "CONTOSO.COM"
    machine = bundle.extensions["windows.machine"]
    assert isinstance(machine, LabMachine) and machine.machine_name() == "EXCH01"
    assert isinstance(bundle.extensions["windows.cert_drive"], CertificateDrive)
    (lab.path / "host").mkdir()
    machine.write_file_bytes("C:\\mounted\\x.cer", b"1")
    assert (lab.path / "host" / "x.cer").read_bytes() == b"1"
