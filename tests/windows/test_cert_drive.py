from __future__ import annotations

import pytest

from exchange_sim.lab import Lab
from exchange_sim.powershell.values.exceptions import ItemNotFoundException, NotSupportedException
from exchange_sim.powershell.values.objects import get_property
from exchange_sim.windows.cert_drive import CertificateDrive, StoreItem, StoreLocationItem
from exchange_sim.windows.x509 import X509Certificate2


@pytest.fixture
def drive(lab: Lab) -> CertificateDrive:
    return CertificateDrive(lab, "EXCH01")


def _my_thumbprints(lab: Lab) -> list[str]:
    return [entry.thumbprint for entry in lab.store("EXCH01", "My").list()]


def test_personal_store_lists_the_lab_certificates(drive: CertificateDrive, lab: Lab) -> None:
    items = drive.children("Cert:\\LocalMachine\\My")
    assert all(isinstance(item, X509Certificate2) for item in items)
    assert [get_property(item, "Thumbprint") for item in items] == _my_thumbprints(lab)
    assert len(items) >= 2


def test_store_names_are_case_insensitive(drive: CertificateDrive) -> None:
    assert len(drive.children("cert:\\localmachine\\MY")) == len(drive.children("Cert:\\LocalMachine\\My"))


def test_machine_location_lists_its_stores(drive: CertificateDrive) -> None:
    names = [item.name for item in drive.children("Cert:\\LocalMachine") if isinstance(item, StoreItem)]
    assert names == ["My", "REQUEST", "Root", "CA"]


def test_drive_root_lists_both_locations(drive: CertificateDrive) -> None:
    items = drive.children("Cert:\\")
    locations = [item.location for item in items if isinstance(item, StoreLocationItem)]
    assert locations == ["CurrentUser", "LocalMachine"]


def test_recursive_listing_reaches_the_certificates(drive: CertificateDrive, lab: Lab) -> None:
    listed = drive.children("Cert:\\LocalMachine", recurse=True)
    certificates = [item for item in listed if isinstance(item, X509Certificate2)]
    total = sum(len(lab.store("EXCH01", store).list()) for store in ("My", "REQUEST", "Root", "CA"))
    assert len(certificates) == total


def test_current_user_personal_store_is_empty(drive: CertificateDrive) -> None:
    assert drive.children("Cert:\\CurrentUser\\My") == []
    assert drive.exists("Cert:\\CurrentUser\\My")


def test_certificate_item_is_found_by_thumbprint_in_any_case(drive: CertificateDrive, lab: Lab) -> None:
    thumbprint = _my_thumbprints(lab)[0]
    item = drive.get_item(f"Cert:\\LocalMachine\\My\\{thumbprint.lower()}")
    assert isinstance(item, X509Certificate2)
    assert item.thumbprint == thumbprint
    assert drive.exists(f"Microsoft.PowerShell.Security\\Certificate::LocalMachine\\My\\{thumbprint}")


def test_missing_certificate_is_path_not_found(drive: CertificateDrive) -> None:
    path = "Cert:\\LocalMachine\\My\\" + "AB" * 20
    expected = r"^Cannot find path 'Cert:\\LocalMachine\\My\\(AB){20}' because it does not exist\.$"
    with pytest.raises(ItemNotFoundException, match=expected):
        drive.get_item(path)
    assert not drive.exists(path)
    assert not drive.exists("Cert:\\LocalMachine\\Nope")


def test_removed_certificate_leaves_the_lab_store(drive: CertificateDrive, lab: Lab) -> None:
    thumbprint = _my_thumbprints(lab)[-1]
    removed = drive.remove(f"Cert:\\LocalMachine\\My\\{thumbprint}")
    assert removed.thumbprint == thumbprint
    assert thumbprint not in _my_thumbprints(lab)
    assert lab.private_key("EXCH01", thumbprint) is None
    assert not drive.exists(f"Cert:\\LocalMachine\\My\\{thumbprint}")


def test_removing_a_missing_certificate_is_path_not_found(drive: CertificateDrive) -> None:
    with pytest.raises(ItemNotFoundException):
        drive.remove("Cert:\\LocalMachine\\My\\" + "CD" * 20)


def test_removing_a_store_is_refused(drive: CertificateDrive, lab: Lab) -> None:
    before = _my_thumbprints(lab)
    with pytest.raises(NotSupportedException):
        drive.remove("Cert:\\LocalMachine\\My")
    assert _my_thumbprints(lab) == before
