from __future__ import annotations

import pytest

from exchange_sim.lab import Lab
from exchange_sim.powershell.values.exceptions import ArgumentException, CryptographicException
from exchange_sim.windows.x509 import X509Certificate2
from exchange_sim.windows.x509_store import OpenFlags, StoreLocation, StoreName, X509Store


def _exchange_certificate(lab: Lab) -> X509Certificate2:
    entry = next(e for e in lab.store("EXCH01", "My").list() if e.friendly_name == "Microsoft Exchange")
    key = lab.private_key("EXCH01", entry.thumbprint)
    certificate = X509Certificate2.from_store_entry(entry)
    return X509Certificate2(certificate.certificate, "Copied", True, None, key)


def test_opened_machine_store_lists_the_lab_certificates(lab: Lab) -> None:
    store = X509Store(lab, "EXCH01", "My", "LocalMachine")
    store.open("ReadOnly")
    thumbprints = [certificate.thumbprint for certificate in store.certificates()]
    assert thumbprints == [entry.thumbprint for entry in lab.store("EXCH01", "My").list()]


def test_unopened_store_has_no_certificates(lab: Lab) -> None:
    assert X509Store(lab, "EXCH01", "My", "LocalMachine").certificates() == []


def test_enum_constructor_names_the_same_store(lab: Lab) -> None:
    store = X509Store(lab, "EXCH01", StoreName.CertificateAuthority, StoreLocation.LocalMachine)
    assert (store.name, store.location) == ("CA", "LocalMachine")


def test_added_certificate_lands_in_the_lab_store_with_its_key(lab: Lab) -> None:
    certificate = _exchange_certificate(lab)
    store = X509Store(lab, "EXCH01", "Root", "LocalMachine")
    lab.store("EXCH01", "Root").remove(certificate.thumbprint)
    store.open("ReadWrite")
    store.add(certificate)
    stored = lab.store("EXCH01", "Root").get(certificate.thumbprint)
    assert stored is not None and stored.friendly_name == "Copied" and stored.has_private_key
    assert lab.store("EXCH01", "Root").private_key(certificate.thumbprint) is not None


def test_removed_certificate_leaves_the_lab_store(lab: Lab) -> None:
    certificate = _exchange_certificate(lab)
    store = X509Store(lab, "EXCH01", "My", "LocalMachine")
    store.open(OpenFlags.ReadWrite | OpenFlags.OpenExistingOnly)
    store.remove(certificate)
    assert lab.store("EXCH01", "My").get(certificate.thumbprint) is None


def test_read_only_store_refuses_changes(lab: Lab) -> None:
    store = X509Store(lab, "EXCH01", "My", "LocalMachine")
    store.open("ReadOnly")
    with pytest.raises(CryptographicException, match="Access is denied."):
        store.add(_exchange_certificate(lab))


def test_unopened_store_refuses_changes(lab: Lab) -> None:
    with pytest.raises(CryptographicException, match="has not been opened"):
        X509Store(lab, "EXCH01", "My", "LocalMachine").remove(_exchange_certificate(lab))


def test_open_flags_from_text_combine(lab: Lab) -> None:
    store = X509Store(lab, "EXCH01", "my", "localmachine")
    store.open("ReadWrite, IncludeArchived")
    assert store.ps_properties()["IsOpen"] is True
    with pytest.raises(ArgumentException, match="'Write' is not a valid OpenFlags"):
        store.open("Write")


def test_unknown_location_is_an_argument_error(lab: Lab) -> None:
    with pytest.raises(ArgumentException, match="not a valid StoreLocation"):
        X509Store(lab, "EXCH01", "My", "Server")
