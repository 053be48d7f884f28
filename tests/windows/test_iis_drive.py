"""The IIS: drive's provider over a lab server: SslBindings in step with the lab's IIS bindings
(the rows Enable-ExchangeCertificate -Services IIS sets), New-Item/Remove-Item rebinding them."""

from __future__ import annotations

import pytest

from exchange_sim.lab import Lab
from exchange_sim.powershell.values.exceptions import ArgumentException, IOException, ItemNotFoundException
from exchange_sim.windows.iis import Iis
from exchange_sim.windows.iis_drive import IisDrive

SSL = "\\\\EXCH01\\SslBindings"


@pytest.fixture
def drive(lab: Lab) -> IisDrive:
    return IisDrive(Iis(lab, lab.server("EXCH01")))


def _site_thumbprint(lab: Lab, site_id: int = 1) -> str | None:
    return next(b.thumbprint for b in lab.config("EXCH01").iis_bindings() if b.site_id == site_id)


def test_the_drive_root_holds_app_pools_sites_and_ssl_bindings(drive: IisDrive) -> None:
    assert [path for path, _item, container in drive.children(drive.root) if container] == [
        "\\\\EXCH01\\AppPools", "\\\\EXCH01\\Sites", "\\\\EXCH01\\SslBindings"]
    assert drive.is_container("\\\\EXCH01\\sslbindings") and drive.normalize("\\\\EXCH01\\sslbindings") == SSL


def test_ssl_binding_443_names_the_thumbprint_iis_serves(drive: IisDrive, lab: Lab) -> None:
    item = drive.item(f"{SSL}\\0.0.0.0!443").ps_properties()
    assert (item["IPAddress"], item["Port"], item["Store"]) == ("0.0.0.0", 443, "My")
    assert item["Thumbprint"] == _site_thumbprint(lab) and item["Sites"] == ["Default Web Site"]
    assert [path for path, _item, _c in drive.children(SSL)] == [f"{SSL}\\0.0.0.0!443", f"{SSL}\\0.0.0.0!444"]
    assert not drive.exists(f"{SSL}\\0.0.0.0!8443")
    with pytest.raises(ItemNotFoundException, match=r"Cannot find path 'IIS:\\SslBindings\\10.0.0.1!443'"):
        drive.item(f"{SSL}\\10.0.0.1!443")


def test_remove_then_new_item_rebinds_the_default_web_site(drive: IisDrive, lab: Lab) -> None:
    other = lab.store("EXCH01", "My").list()[-1].thumbprint
    drive.remove_item(f"{SSL}\\0.0.0.0!443", False, {})
    assert _site_thumbprint(lab) is None and not drive.exists(f"{SSL}\\0.0.0.0!443")
    created = drive.new_item(f"{SSL}\\0.0.0.0!443", None, other.lower(), False)
    assert created.thumbprint == other == _site_thumbprint(lab)
    assert [e.kind for e in lab.events.records()] == ["SslBindingChanged", "SslBindingChanged"]


def test_new_item_over_an_existing_binding_is_refused_unless_forced(drive: IisDrive, lab: Lab) -> None:
    before = _site_thumbprint(lab)
    other = lab.store("EXCH01", "My").list()[-1].thumbprint
    with pytest.raises(IOException, match="Cannot create a file when that file already exists"):
        drive.new_item(f"{SSL}\\0.0.0.0!443", None, other, False)
    assert _site_thumbprint(lab) == before
    drive.new_item(f"{SSL}\\0.0.0.0!444", None, other, True)
    assert _site_thumbprint(lab, 2) == other and _site_thumbprint(lab) == before


def test_bindings_only_on_the_sites_ports(drive: IisDrive) -> None:
    with pytest.raises(ArgumentException, match="only on 0.0.0.0!443 and 0.0.0.0!444"):
        drive.new_item(f"{SSL}\\0.0.0.0!8443", None, "AB" * 20, False)


def test_runbook_rebinds_iis_through_the_drive_and_exchange_sees_it(run_runbook, lab: Lab) -> None:
    done = run_runbook(
        "Import-Module WebAdministration\n"
        "$c = New-ExchangeCertificate -SubjectName 'cn=mail.contoso.com' -DomainName mail.contoso.com -Services None\n"
        "$binding = 'IIS:\\SslBindings\\0.0.0.0!443'\n"
        "if (Test-Path $binding) { Remove-Item $binding }\n"
        "Test-Path $binding\n"
        "New-Item $binding -Value $c | Out-Null\n"
        "(Get-Item $binding).Thumbprint -eq $c.Thumbprint\n"
        "(Get-ExchangeCertificate $c.Thumbprint).Services\n"
        "(Get-ChildItem IIS:\\SslBindings | Where-Object Port -eq 443).Sites\n"
        "$c.Thumbprint\n"
    )
    assert done.stderr == "", done.stderr
    lines = done.stdout.split("\n")
    assert lines[:4] == ["False", "True", "IIS", "Default Web Site"]
    assert _site_thumbprint(lab) == lines[4]


def test_new_item_on_a_bound_address_fails_and_keeps_the_binding(run_runbook, lab: Lab) -> None:
    before = _site_thumbprint(lab)
    done = run_runbook("$c = Get-ExchangeCertificate | Select-Object -Last 1\n"
                       "New-Item IIS:\\SslBindings\\0.0.0.0!443 -Value $c\n")
    assert "Cannot create a file when that file already exists." in done.stderr
    assert _site_thumbprint(lab) == before
