"""§10: Exchange failures become ErrorRecords with Exchange's FQID shape, category and exception type."""
from __future__ import annotations

import re

from exchange_sim.exchange.errors import error_hex_id, failure_record
from exchange_sim.powershell.values.exceptions import ArgumentException, ErrorCategory, InvalidOperationException
from exchange_sim.targets import failures

THUMB = "611C687DFC4343A5A03E0005A1EC6E9B6AFF586D"


def test_error_id_ends_in_hex_and_the_task_class() -> None:
    record = failure_record(failures.certificate_not_found("EX01", THUMB, cmdlet_is_get=True), "GetExchangeCertificate")
    assert re.search(r" [0-9A-F]{8},Microsoft\.Exchange\.Management\.SystemConfigurationTasks\.GetExchangeCertificate$",
                     record.fully_qualified_error_id)
    assert record.fully_qualified_error_id.startswith("[Server=EX01] [FailureCategory=Cmdlet-InvalidOperationException] ")


def test_same_error_key_gets_the_same_hex_id_and_different_keys_differ() -> None:
    assert error_hex_id("CertificateNotFound") == error_hex_id("CertificateNotFound")
    assert error_hex_id("CertificateNotFound") != error_hex_id("ImportCertificateAlreadyExists")


def test_rpc_failure_is_an_invalid_operation_with_the_rpc_message() -> None:
    record = failure_record(failures.import_data_invalid("EX01"), "ImportExchangeCertificate")
    assert isinstance(record.exception, InvalidOperationException)
    assert record.category is ErrorCategory.ReadError
    assert record.message.startswith("A special Rpc error occurs on server EX01: ")


def test_client_argument_failure_is_an_argument_exception() -> None:
    record = failure_record(failures.import_data_is_null("EX01"), "ImportExchangeCertificate")
    assert isinstance(record.exception, ArgumentException)
    assert record.category is ErrorCategory.InvalidArgument
