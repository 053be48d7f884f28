"""A fresh lab holds what Exchange setup leaves on each server (§11)."""

from __future__ import annotations

from cryptography import x509

from exchange_sim.certs.facts import CertificateFacts
from exchange_sim.lab import DEFAULT_WEB_SITE, EXCHANGE_BACK_END, Lab


def _facts(lab: Lab, server: str, thumbprint: str) -> CertificateFacts:
    entry = lab.store(server, "My").get(thumbprint)
    assert entry is not None
    return CertificateFacts.of(x509.load_der_x509_certificate(entry.certificate_der))


def test_contoso_fixture_describes_one_2019_server(contoso: Lab) -> None:
    assert contoso.name == "Contoso"
    assert [(d.name, d.authoritative) for d in contoso.accepted_domains] == [("contoso.com", True)]
    [server] = contoso.servers()
    assert (server.name, server.fqdn, server.version, server.netbios) == (
        "EXCH01", "exch01.contoso.com", "2019", "EXCH01")
    assert server.roles == ("Mailbox",)
    assert contoso.server("EXCH01.CONTOSO.COM") == server
    assert contoso.server("exch02") is None


def test_entrust_fixture_has_two_2007_servers_with_classic_roles(entrust: Lab) -> None:
    assert entrust.name == "Entrust Lab"
    assert [s.name for s in entrust.servers()] == ["MAIL1", "MAIL2"]
    assert all(s.version == "2007" for s in entrust.servers())
    assert entrust.server("mail2").roles == ("Mailbox", "ClientAccess", "HubTransport")


def test_2019_setup_certificate_lives_60_months_and_is_sha1_self_signed(contoso: Lab) -> None:
    thumbprint = contoso.config("EXCH01").internal_transport_thumbprint
    facts = _facts(contoso, "EXCH01", thumbprint)
    assert facts.subject == "CN=EXCH01"
    assert facts.dns_names == ("EXCH01", "EXCH01.contoso.com")
    assert facts.signature_algorithm == "sha1RSA"
    assert facts.public_key_size == 2048
    assert facts.is_self_signed
    months = (facts.not_after.year - facts.not_before.year) * 12 + facts.not_after.month - facts.not_before.month
    assert months == 60
    entry = contoso.store("EXCH01", "My").get(thumbprint)
    assert entry.friendly_name == "Microsoft Exchange"
    assert entry.has_private_key and not entry.exportable


def test_setup_certificate_is_trusted_bound_to_both_sites_and_granted_to_network_service(
    contoso: Lab,
) -> None:
    config = contoso.config("EXCH01")
    thumbprint = config.internal_transport_thumbprint
    assert thumbprint in contoso.store("EXCH01", "Root")
    assert contoso.store("EXCH01", "Root").get(thumbprint).has_private_key is False
    bindings = {b.site_id: b for b in config.iis_bindings()}
    assert bindings[DEFAULT_WEB_SITE].thumbprint == thumbprint
    assert bindings[DEFAULT_WEB_SITE].site_name == "Default Web Site"
    assert bindings[EXCHANGE_BACK_END].thumbprint == thumbprint
    assert config.network_service_acl(thumbprint)
    assert config.pop_certificate_name == "exch01.contoso.com"
    assert config.imap_certificate_name == "exch01.contoso.com"


def test_2019_server_holds_the_organisation_auth_certificate(contoso: Lab) -> None:
    auth = contoso.auth_config()
    assert auth.current_thumbprint is not None and auth.next_thumbprint is None
    facts = _facts(contoso, "EXCH01", auth.current_thumbprint)
    assert facts.subject == "CN=Microsoft Exchange Server Auth Certificate"
    assert facts.dns_names == ()
    assert (facts.not_after - facts.not_before).days == 1800
    entry = contoso.store("EXCH01", "My").get(auth.current_thumbprint)
    assert entry.exportable and entry.friendly_name == "Microsoft Exchange Server Auth Certificate"
    assert contoso.config("EXCH01").network_service_acl(auth.current_thumbprint)
    assert auth.current_thumbprint not in contoso.store("EXCH01", "Root")


def test_2007_setup_certificate_lives_12_months_and_there_is_no_auth_certificate(entrust: Lab) -> None:
    for server in entrust.servers():
        entries = entrust.store(server, "My").list()
        assert len(entries) == 1
        facts = _facts(entrust, server.name, entries[0].thumbprint)
        assert facts.subject == f"CN={server.name}"
        months = (facts.not_after.year - facts.not_before.year) * 12 + facts.not_after.month - facts.not_before.month
        assert months == 12
        bindings = entrust.config(server).iis_bindings()
        assert [b.site_id for b in bindings] == [DEFAULT_WEB_SITE]
    assert entrust.auth_config().current_thumbprint is None
    first, second = (entrust.store(s, "My").list()[0].thumbprint for s in entrust.servers())
    assert first != second


def test_seeded_certificates_are_dated_by_the_lab_clock(tmp_path) -> None:
    fixture = tmp_path / "pinned.toml"
    fixture.write_text(
        '[organization]\nname = "Pinned"\naccepted_domains = ["pinned.test"]\n'
        '[[servers]]\nname = "OLD1"\nfqdn = "old1.pinned.test"\nversion = "2010"\n'
        '[clock]\npinned = "2020-03-01T08:00:00Z"\n'
    )
    lab = Lab.create(tmp_path / "lab", fixture=fixture)
    try:
        [entry] = lab.store("OLD1", "My").list()
        facts = _facts(lab, "OLD1", entry.thumbprint)
        assert facts.not_before.isoformat() == "2020-03-01T08:00:00+00:00"
        assert facts.not_after.isoformat() == "2025-03-01T08:00:00+00:00"
        assert lab.clock.now().isoformat() == "2020-03-01T08:00:00+00:00"
    finally:
        lab.close()


def test_setup_creates_the_default_receive_connectors_per_version(contoso: Lab, entrust: Lab) -> None:
    assert [c.name for c in contoso.receive_connectors("EXCH01")] == [
        "Default EXCH01", "Client Proxy EXCH01", "Default Frontend EXCH01",
        "Outbound Proxy Frontend EXCH01", "Client Frontend EXCH01",
    ]
    assert [c.name for c in entrust.receive_connectors("MAIL2")] == ["Default MAIL2", "Client MAIL2"]
    assert all(c.fqdn == "mail2.entrust.com" and c.tls_certificate_name is None
               for c in entrust.receive_connectors("mail2"))


def test_contoso_has_an_internet_send_connector_without_a_certificate(contoso: Lab) -> None:
    [connector] = contoso.send_connectors()
    assert (connector.name, connector.address_spaces, connector.tls_certificate_name) == ("Internet", ("*",), None)


def test_a_server_with_wmsvc_also_holds_the_iis_management_certificate(tmp_path) -> None:
    fixture = tmp_path / "wmsvc.toml"
    fixture.write_text(
        '[organization]\nname = "W"\naccepted_domains = ["w.test"]\n'
        '[[servers]]\nname = "WEB1"\nversion = "2016"\nwmsvc = true\n'
    )
    lab = Lab.create(tmp_path / "lab", fixture=fixture)
    try:
        entries = {e.friendly_name: e for e in lab.store("WEB1", "My").list()}
        assert set(entries) == {"Microsoft Exchange", "Microsoft Exchange Server Auth Certificate", "WMSVC-SHA2"}
        wmsvc = entries["WMSVC-SHA2"]
        facts = _facts(lab, "WEB1", wmsvc.thumbprint)
        assert facts.subject == "CN=WMSvc-SHA2-WEB1" and facts.signature_algorithm == "sha256RSA"
        assert facts.not_after.year - facts.not_before.year == 10
        assert wmsvc.exportable and wmsvc.thumbprint in lab.store("WEB1", "Root")
        assert wmsvc.thumbprint not in lab.config("WEB1").iis_thumbprints()
    finally:
        lab.close()
