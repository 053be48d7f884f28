"""Native programs runbooks call (hostname, whoami, certutil -store, net start/stop), run as
`exchange-sim run` runs them: their console text, $LASTEXITCODE and, for net, the services' state."""

from __future__ import annotations

from cryptography import x509

from exchange_sim.certs.facts import CertificateFacts
from exchange_sim.lab import Lab


def test_hostname_and_whoami_answer_from_the_lab(run_runbook) -> None:
    done = run_runbook("hostname\nwhoami\nwhoami /upn\n\"[$(hostname)]\"\nwhoami /bogus\n$LASTEXITCODE\n")
    assert done.stdout.splitlines() == ["EXCH01", "contoso\\administrator", "Administrator@contoso.com", "[EXCH01]",
                                        "ERROR: Invalid argument/option - '/bogus'.", 'Type "WHOAMI /?" for usage.',
                                        "1"]


def test_certutil_store_lists_the_lab_store_in_certutils_layout(run_runbook, lab: Lab) -> None:
    done = run_runbook("certutil -store My\n$LASTEXITCODE\n")
    lines = done.stdout.splitlines()
    entries = lab.store("EXCH01", "My").list()
    assert lines[0] == 'My "Personal"'
    assert lines[-2:] == ["CertUtil: -store command completed successfully.", "0"]
    hashes = [line.split(": ")[1] for line in lines if line.startswith("Cert Hash(sha1): ")]
    assert hashes == [entry.thumbprint.lower() for entry in entries]
    facts = CertificateFacts.of(x509.load_der_x509_certificate(entries[0].certificate_der))
    block = lines[1:lines.index("================ Certificate 1 ================")]
    assert block[:2] == ["================ Certificate 0 ================", f"Serial Number: {facts.serial_number.lower()}"]
    assert f"Subject: {facts.subject}" in block and "Encryption test passed" in block


def test_certutil_one_certificate_and_a_missing_store(run_runbook, lab: Lab) -> None:
    thumbprint = lab.store("EXCH01", "Root").list()[0].thumbprint
    done = run_runbook(f"certutil -store Root {thumbprint.lower()}\ncertutil -store Nope\n$LASTEXITCODE\n")
    assert done.stdout.count("================ Certificate") == 1
    assert "CertUtil: -store command FAILED: 0x80070002 (WIN32: 2 ERROR_FILE_NOT_FOUND)" in done.stdout
    assert done.stdout.splitlines()[-1] == "-2147024894"


def test_net_stop_and_start_change_the_service_and_print_as_net_exe(run_runbook, lab: Lab) -> None:
    done = run_runbook("net stop MSExchangeTransport\n(Get-Service MSExchangeTransport).Status\n"
                       "net start MSExchangeTransport\nnet start MSExchangeTransport\n$LASTEXITCODE\n")
    lines = done.stdout.splitlines()
    assert lines[:4] == ["The Microsoft Exchange Transport service is stopping.",
                         "The Microsoft Exchange Transport service was stopped successfully.", "", "Stopped"]
    assert "The requested service has already been started." in lines and lines[-1] == "2"
    assert [e.kind for e in lab.events.records()] == ["ServiceStopped", "ServiceStarted"]


def test_net_stop_with_dependents_needs_yes(run_runbook, lab: Lab) -> None:
    refused = run_runbook("net stop MSExchangeADTopology\n$LASTEXITCODE\n")
    assert "The following services are dependent on the Microsoft Exchange Active Directory Topology service." \
        in refused.stdout
    assert refused.stdout.splitlines()[-1] == "2" and lab.events.records() == []
    run_runbook("net stop MSExchangeADTopology /y\n")
    assert lab.service_states("EXCH01").get("MSExchangeADTopology").status == "Stopped"
    assert lab.service_states("EXCH01").get("MSExchangeTransport").status == "Stopped"


def test_net_with_an_unknown_service_name(run_runbook) -> None:
    done = run_runbook("net start NoSuchService\n")
    assert done.stdout.splitlines()[:3] == ["The service name is invalid.", "",
                                            "More help is available by typing NET HELPMSG 2185."]
