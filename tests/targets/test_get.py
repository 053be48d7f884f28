"""§4.2 on a real contoso lab: listing, lookup by thumbprint and by domain name."""
from __future__ import annotations

from pathlib import Path

import pytest

from exchange_sim.lab.organization import Lab
from exchange_sim.targets.failures import CertificateFailure
from exchange_sim.targets.get import get_certificates


@pytest.fixture(scope="module")
def contoso(tmp_path_factory: pytest.TempPathFactory) -> Lab:
    return Lab.create(Path(tmp_path_factory.mktemp("contoso-get")) / "lab", "contoso")


def test_unfiltered_list_is_sorted_newest_first(contoso: Lab) -> None:
    server = contoso.servers()[0]
    with contoso.transaction():
        found = get_certificates(contoso, server)
    assert found
    assert [c.not_before for c in found] == sorted((c.not_before for c in found), reverse=True)


def test_lookup_by_lower_case_thumbprint_finds_the_certificate(contoso: Lab) -> None:
    server = contoso.servers()[0]
    with contoso.transaction():
        first = get_certificates(contoso, server)[0]
        found = get_certificates(contoso, server, thumbprint=first.thumbprint.lower())
    assert [c.thumbprint for c in found] == [first.thumbprint]


def test_unknown_thumbprint_was_not_found_with_the_rpc_prefix(contoso: Lab) -> None:
    server = contoso.servers()[0]
    with contoso.transaction(), pytest.raises(CertificateFailure) as raised:
        get_certificates(contoso, server, thumbprint="00" * 20)
    assert str(raised.value) == (f"A special Rpc error occurs on server {server.name}: "
                                 f"The certificate with thumbprint {'00' * 20} was not found.")
    assert raised.value.category == "NotSpecified"


def test_domain_name_filter_returns_only_certificates_naming_the_host(contoso: Lab) -> None:
    server = contoso.servers()[0]
    with contoso.transaction():
        found = get_certificates(contoso, server, domain_names=(server.fqdn.upper(),))
        nothing = get_certificates(contoso, server, domain_names=("nowhere.example",))
    assert found and all(server.fqdn.lower() in [d.lower() for d in c.certificate_domains] for c in found)
    assert nothing == []
