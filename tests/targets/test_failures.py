"""§10: a target's failures carry Exchange's key, category and the RPC prefix where Exchange adds it."""
from __future__ import annotations

from exchange_sim.targets import failures

THUMB = "611C687DFC4343A5A03E0005A1EC6E9B6AFF586D"


def test_rpc_failures_name_the_server_in_the_special_rpc_prefix() -> None:
    failure = failures.certificate_not_found("EX01", THUMB, cmdlet_is_get=False)
    assert str(failure) == f"A special Rpc error occurs on server EX01: The certificate with thumbprint {THUMB} was not found."


def test_certificate_not_found_is_uncategorized_on_get_and_object_not_found_elsewhere() -> None:
    assert failures.certificate_not_found("EX01", THUMB, cmdlet_is_get=True).category == "NotSpecified"
    assert failures.certificate_not_found("EX01", THUMB, cmdlet_is_get=False).category == "ObjectNotFound"


def test_client_side_failure_has_no_rpc_prefix() -> None:
    failure = failures.import_data_is_null("EX01")
    assert not str(failure).startswith("A special Rpc error")
    assert failure.key == "ImportCertificateDataIsNull" and failure.category == "InvalidArgument"


def test_unusable_certificate_names_the_reason() -> None:
    assert "(reason: PrivateKeyMissing)" in str(failures.certificate_not_valid("EX01", THUMB, "PrivateKeyMissing"))


def test_send_connector_refusal_lists_the_connectors() -> None:
    failure = failures.cannot_remove_send_connector_certificate("EX01", THUMB, ("Internet", "Partner"))
    assert "tagged with following Send Connectors : Internet, Partner" in str(failure)
