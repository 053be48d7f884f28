"""§7.2 and §3 on a real lab: enabling moves services; refusals change nothing."""
from __future__ import annotations

from pathlib import Path

import pytest

from exchange_sim.lab.organization import Lab
from exchange_sim.targets.enable import EnableChoices, enable_certificate
from exchange_sim.targets.failures import CertificateFailure
from exchange_sim.targets.get import get_certificates
from exchange_sim.targets.services import AllowedServices

YES = EnableChoices(replace_internal_transport=True, require_ssl=True)


@pytest.fixture
def contoso(tmp_path: Path) -> Lab:
    return Lab.create(tmp_path / "lab", "contoso")


def masks(lab: Lab) -> dict[str, str]:
    server = lab.servers()[0]
    with lab.transaction():
        return {c.thumbprint: c.ps_properties()["ServicesStringForm"] for c in get_certificates(lab, server)}


def auth_thumbprint(lab: Lab) -> str:
    return next(t for t, m in masks(lab).items() if m == "....S..")


def test_enabling_iis_gives_the_new_certificate_iis_and_back_end_keeps_the_old_one(contoso: Lab) -> None:
    server = contoso.servers()[0]
    target = auth_thumbprint(contoso)
    before = masks(contoso)
    with contoso.transaction():
        enable_certificate(contoso, server, target, AllowedServices.IIS, YES)
    after = masks(contoso)
    assert after[target] == "...WS.."
    old = next(t for t, m in before.items() if m == "IP.WS..")
    # Enable binds only the Default Web Site; the Back End site still uses setup's certificate.
    assert after[old] == "IP.WS.."
    with contoso.transaction():
        sites = {b.site_id: str(b.thumbprint).upper() for b in contoso.config(server.name).iis_bindings()}
    assert sites[1] == target and sites[2] == old


def test_federation_is_refused_and_nothing_changes(contoso: Lab) -> None:
    server = contoso.servers()[0]
    before = masks(contoso)
    with pytest.raises(CertificateFailure) as raised, contoso.transaction():
        enable_certificate(contoso, server, auth_thumbprint(contoso), AllowedServices.IIS | AllowedServices.Federation, YES)
    assert raised.value.key == "EnableCertificateFederation"
    assert masks(contoso) == before


def test_enabling_an_absent_thumbprint_is_object_not_found(contoso: Lab) -> None:
    with pytest.raises(CertificateFailure) as raised, contoso.transaction():
        enable_certificate(contoso, contoso.servers()[0], "EF" * 20, AllowedServices.IIS, YES)
    assert raised.value.category == "ObjectNotFound"
