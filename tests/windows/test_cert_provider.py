"""`Cert:` as a drive of the session: listing, Get-Item, Test-Path, Set-Location and Remove-Item over the
lab's stores, seen at once by the Exchange cmdlets."""

from __future__ import annotations

from datetime import timedelta

from exchange_sim.lab import Lab
from exchange_sim.powershell.values.objects import get_property


def _my_thumbprints(lab: Lab) -> set[str]:
    with lab.transaction():
        return {entry.thumbprint for entry in lab.store("EXCH01", "My").list()}


def test_cert_root_lists_the_store_locations(shell) -> None:
    ps = shell()
    assert [get_property(item, "Location") for item in ps.run("Get-ChildItem Cert:\\")] == [
        "CurrentUser", "LocalMachine"]
    assert ps.run("(Get-ChildItem Cert:\\LocalMachine).Name") == ["My", "REQUEST", "Root", "CA"]


def test_cert_store_lists_the_certificates_get_exchange_certificate_shows(lab: Lab, shell) -> None:
    ps = shell()
    listed = ps.run("Get-ChildItem Cert:\\LocalMachine\\My | ForEach-Object { $_.Thumbprint }")
    assert set(listed) == _my_thumbprints(lab)
    assert set(ps.run("Get-ExchangeCertificate | ForEach-Object { $_.Thumbprint }")) == set(listed)


def test_certificate_items_carry_their_provider_path(lab: Lab, shell) -> None:
    thumbprint = sorted(_my_thumbprints(lab))[0]
    ps = shell()
    (item,) = ps.run(f"Get-Item Cert:\\LocalMachine\\My\\{thumbprint.lower()}")
    assert get_property(item, "Thumbprint") == thumbprint
    assert get_property(item, "PSPath") == f"Microsoft.PowerShell.Security\\Certificate::LocalMachine\\My\\{thumbprint}"
    assert get_property(item, "HasPrivateKey") is True
    assert ps.run(f"Test-Path Cert:\\LocalMachine\\My\\{thumbprint}") == [True]
    assert ps.run("Test-Path Cert:\\LocalMachine\\My\\" + "0" * 40) == [False]
    assert ps.run("Test-Path Cert:\\LocalMachine\\Nowhere") == [False]


def test_recurse_walks_locations_stores_and_certificates(lab: Lab, shell) -> None:
    ps = shell()
    found = ps.run("Get-ChildItem Cert:\\LocalMachine -Recurse | Where-Object { -not $_.PSIsContainer } |"
                   " ForEach-Object { $_.Thumbprint }")
    assert _my_thumbprints(lab) <= set(found)


def test_set_location_into_a_store_makes_relative_paths_certificates(lab: Lab, shell) -> None:
    thumbprint = sorted(_my_thumbprints(lab))[0]
    ps = shell()
    ps.run("Set-Location Cert:\\LocalMachine\\My")
    assert [str(p) for p in ps.run("Get-Location")] == ["Cert:\\LocalMachine\\My"]
    assert ps.run(f"(Get-Item .\\{thumbprint}).Thumbprint") == [thumbprint]
    ps.run("cd ..")
    assert [str(p) for p in ps.run("Get-Location")] == ["Cert:\\LocalMachine"]


def test_remove_item_deletes_the_certificate_for_exchange_too(lab: Lab, shell) -> None:
    ps = shell()
    (thumbprint,) = ps.run("(New-ExchangeCertificate -SubjectName 'cn=gone.contoso.com' -Services None).Thumbprint")
    assert thumbprint in _my_thumbprints(lab)
    ps.run(f"Remove-Item Cert:\\LocalMachine\\My\\{thumbprint} -DeleteKey")
    assert thumbprint not in _my_thumbprints(lab)
    with lab.transaction():
        assert lab.private_key("EXCH01", thumbprint) is None
    ps.run(f"Get-Item Cert:\\LocalMachine\\My\\{thumbprint}")
    assert "PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand" in ps.errors


def test_a_missing_certificate_path_is_path_not_found(shell) -> None:
    ps = shell()
    ps.run("Remove-Item Cert:\\LocalMachine\\My\\" + "A" * 40)
    assert "PathNotFound,Microsoft.PowerShell.Commands.RemoveItemCommand" in ps.errors


def test_dns_name_and_expiring_in_days_filter_certificates(lab: Lab, shell) -> None:
    ps = shell()
    (thumbprint,) = ps.run("(New-ExchangeCertificate -SubjectName 'cn=owa.contoso.com' -DomainName owa.contoso.com"
                           " -Services None).Thumbprint")
    assert ps.run("(Get-ChildItem Cert:\\LocalMachine\\My -DnsName 'owa.*').Thumbprint") == [thumbprint]
    assert ps.run("Get-ChildItem Cert:\\LocalMachine\\My -DnsName nothing.example") == []
    assert ps.run("Get-ChildItem Cert:\\LocalMachine\\My -ExpiringInDays 30") == []
    (not_after,) = ps.run(f"(Get-Item Cert:\\LocalMachine\\My\\{thumbprint}).NotAfter")
    lab.clock.pin(not_after - timedelta(days=10))  # the lab clock is UTC, as NotAfter shows it
    expiring = ps.run("(Get-ChildItem Cert:\\LocalMachine\\My -ExpiringInDays 30).Thumbprint")
    assert thumbprint in expiring
