"""§6.2 on a real lab: PFX round trip between servers, duplicates, damaged data and wrong passwords."""
from __future__ import annotations

from pathlib import Path

import pytest

from exchange_sim.lab.organization import Lab
from exchange_sim.targets.export import export_certificate
from exchange_sim.targets.failures import CertificateFailure
from exchange_sim.targets.import_certificate import import_certificate


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Lab, str, bytes]:
    lab = Lab.create(Path(tmp_path_factory.mktemp("contoso-import")) / "lab", "contoso")
    server = lab.servers()[0]
    with lab.transaction():
        entry = next(e for e in lab.store(server.name, "My").list() if e.has_private_key and e.exportable)
        pfx = export_certificate(lab, server, str(entry.thumbprint), "P@ssw0rd").data
    return lab, str(entry.thumbprint).upper(), pfx


def test_importing_a_certificate_already_in_my_is_a_duplicate_error(exported: tuple[Lab, str, bytes]) -> None:
    lab, thumbprint, pfx = exported
    with pytest.raises(CertificateFailure) as raised, lab.transaction():
        import_certificate(lab, lab.servers()[0], pfx, "P@ssw0rd", exportable=False)
    assert raised.value.key == "ImportCertificateAlreadyExists" and str(raised.value).endswith("already exists.")


def test_wrong_pfx_password_cannot_be_imported(exported: tuple[Lab, str, bytes]) -> None:
    lab, _, pfx = exported
    with pytest.raises(CertificateFailure) as raised, lab.transaction():
        import_certificate(lab, lab.servers()[0], pfx, "wrong", exportable=False)
    assert raised.value.key == "ImportCertificateDataInvalid" and raised.value.category == "ReadError"


def test_truncated_data_cannot_be_imported(exported: tuple[Lab, str, bytes]) -> None:
    lab, _, pfx = exported
    with pytest.raises(CertificateFailure) as raised, lab.transaction():
        import_certificate(lab, lab.servers()[0], pfx[: len(pfx) // 2], "P@ssw0rd", exportable=False)
    assert raised.value.category == "ReadError"


def test_no_data_is_an_invalid_argument_without_rpc_prefix(exported: tuple[Lab, str, bytes]) -> None:
    lab, _, _ = exported
    with pytest.raises(CertificateFailure) as raised, lab.transaction():
        import_certificate(lab, lab.servers()[0], None, None, exportable=False)
    assert raised.value.key == "ImportCertificateDataIsNull" and not raised.value.rpc


def test_pfx_removed_then_reimported_returns_with_its_key(exported: tuple[Lab, str, bytes]) -> None:
    lab, thumbprint, pfx = exported
    server = lab.servers()[0]
    with lab.transaction():
        lab.store(server.name, "My").remove(thumbprint)
        imported = import_certificate(lab, server, pfx, "P@ssw0rd", exportable=True)
        entry = lab.store(server.name, "My").get(imported)
    assert imported == thumbprint
    assert entry is not None and entry.has_private_key and entry.exportable
