"""Server configuration the exchange layer derives Services from (§3): stored, never derived here."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from exchange_sim.lab import DEFAULT_WEB_SITE, EXCHANGE_BACK_END, AuthConfig, Lab, LabError, SendConnector


def test_binding_the_default_web_site_leaves_the_back_end_alone(contoso_copy: Lab) -> None:
    config = contoso_copy.config("EXCH01")
    setup = config.internal_transport_thumbprint
    auth = contoso_copy.auth_config().current_thumbprint
    config.bind_iis(auth.lower())
    config.set_require_ssl(True)
    bindings = {b.site_id: b for b in config.iis_bindings()}
    assert bindings[DEFAULT_WEB_SITE].thumbprint == auth
    assert bindings[DEFAULT_WEB_SITE].require_ssl and config.require_ssl()
    assert bindings[EXCHANGE_BACK_END].thumbprint == setup
    assert not config.require_ssl(EXCHANGE_BACK_END)
    assert config.iis_thumbprints() == {auth, setup}


def test_transport_pop_imap_and_um_settings_persist(contoso_copy: Lab) -> None:
    config = contoso_copy.config("exch01.contoso.com")
    config.internal_transport_thumbprint = "ab" * 20
    config.pop_certificate_name = "mail.contoso.com"
    config.imap_certificate_name = "*.contoso.com"
    config.um_thumbprint = "CD" * 20
    config.um_callrouter_thumbprint = None
    config.um_startup_mode = "dual"
    again = Lab.open(contoso_copy.path)
    try:
        reread = again.config("EXCH01")
        assert reread.internal_transport_thumbprint == "AB" * 20
        assert (reread.pop_certificate_name, reread.imap_certificate_name) == ("mail.contoso.com", "*.contoso.com")
        assert (reread.um_thumbprint, reread.um_callrouter_thumbprint, reread.um_startup_mode) == ("CD" * 20, None, "Dual")
    finally:
        again.close()


def test_unknown_um_startup_mode_is_refused(contoso_copy: Lab) -> None:
    with pytest.raises(ValueError, match="TCP, TLS, Dual"):
        contoso_copy.config("EXCH01").um_startup_mode = "Fast"


def test_network_service_acl_belongs_to_a_my_store_entry(contoso_copy: Lab) -> None:
    config = contoso_copy.config("EXCH01")
    auth = contoso_copy.auth_config().current_thumbprint
    assert config.set_network_service_acl(auth, False)
    assert not config.network_service_acl(auth)
    assert not config.set_network_service_acl("EE" * 20, True)  # no such certificate, no key to grant on


def test_acl_survives_replacing_the_store_entry(contoso_copy: Lab) -> None:
    store = contoso_copy.store("EXCH01", "My")
    setup = contoso_copy.config("EXCH01").internal_transport_thumbprint
    entry = store.get(setup)
    store.add(entry)  # X509Store.Add of the same certificate again
    assert contoso_copy.config("EXCH01").network_service_acl(setup)


def test_federation_send_connectors_and_auth_config(contoso_copy: Lab) -> None:
    contoso_copy.add_federation_certificate("Microsoft Federation Gateway", "12" * 20)
    assert contoso_copy.config("EXCH01").federation_thumbprints == {"12" * 20}
    contoso_copy.remove_federation_certificate("Microsoft Federation Gateway", "12" * 20)
    assert contoso_copy.config("EXCH01").federation_thumbprints == set()

    contoso_copy.set_send_connector(SendConnector("Internet", "mail.contoso.com", "<I>CN=CA<S>CN=mail.contoso.com"))
    assert contoso_copy.send_connectors() == [
        SendConnector("Internet", "mail.contoso.com", "<I>CN=CA<S>CN=mail.contoso.com", ("*",))
    ]

    effective = datetime(2027, 2, 1, tzinfo=timezone.utc)
    current = contoso_copy.auth_config().current_thumbprint
    contoso_copy.set_auth_config(AuthConfig(current, "34" * 20, None, effective))
    assert contoso_copy.auth_config() == AuthConfig(current, "34" * 20, None, effective)


def test_unknown_server_and_store_are_lab_errors(contoso: Lab) -> None:
    with pytest.raises(LabError, match="no server 'EXCH09'"):
        contoso.store("EXCH09", "My")
    with pytest.raises(LabError, match="no certificate store 'Personal'"):
        contoso.store("EXCH01", "Personal")
    assert contoso.store("EXCH01", "root").name == "Root"
