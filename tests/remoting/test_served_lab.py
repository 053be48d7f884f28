"""Issue 5's acceptance: `exchange-sim serve` started as a process on a lab of its own, driven by the real
pywinrm and pypsrp clients; what they see is checked against the lab, `exchange-sim run` and openssl."""

from __future__ import annotations

import hashlib
import json
import signal
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest
import requests
import winrm
from pypsrp.complex_objects import ObjectMeta
from pypsrp.host import PSHost, PSHostUserInterface
from pypsrp.powershell import PowerShell, RunspacePool
from pypsrp.wsman import WSMan
from winrm.exceptions import InvalidCredentialsError

from exchange_sim.lab import Lab
from tests.remoting.test_hostile_input import _fault_code, _mutations

SERVER = "EXCH01"
ADMIN = ("CONTOSO\\administrator", "P@ssw0rd!")  # the contoso fixture's [[users]] entry
RUNBOOK = ("runbook", "Runb00k!pass")  # added with `exchange-sim lab user add`
VIEWER = ("viewer", "V1ew!only")  # added with --role "View-Only Organization Management"
BIN = Path(sys.executable).parent


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "exchange-sim"), *args], capture_output=True, text=True, check=False)


class Served:
    def __init__(self, lab: Path, endpoints: list[dict]) -> None:
        self.lab = lab
        self.endpoints = endpoints

    def url(self, service: str, scheme: str) -> str:
        return self.endpoint(service, scheme)["url"]

    def endpoint(self, service: str, scheme: str) -> dict:
        return next(e for e in self.endpoints if (e["server"], e["service"], e["scheme"]) == (SERVER, service, scheme))

    def ntlm(self, user: tuple[str, str] = ADMIN) -> winrm.Session:
        return winrm.Session(self.url("WinRM", "http"), auth=user, transport="ntlm")

    def wsman(self, service: str = "IIS", scheme: str = "http") -> WSMan:
        endpoint = self.endpoint(service, scheme)
        return WSMan(endpoint["host"], port=endpoint["port"], path=endpoint["url"].split("/", 3)[3],
                     ssl=scheme == "https", username="administrator", password=ADMIN[1], auth="ntlm",
                     cert_validation=False)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    lab = tmp_path_factory.mktemp("served") / "lab"
    created = _cli("lab", "new", str(lab))
    assert created.returncode == 0, created.stderr
    added = _cli("lab", "user", "add", str(lab), RUNBOOK[0], "--password", RUNBOOK[1])
    assert added.returncode == 0, added.stderr
    viewer = _cli("lab", "user", "add", str(lab), VIEWER[0], "--password", VIEWER[1],
                  "--role", "View-Only Organization Management")
    assert viewer.returncode == 0, viewer.stderr
    process = subprocess.Popen([str(BIN / "exchange-sim"), "serve", "--lab", str(lab)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    endpoints_file = lab / "endpoints.json"
    try:
        deadline = time.monotonic() + 120
        while not endpoints_file.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert endpoints_file.exists(), process.stderr.read() if process.poll() is not None else "no endpoints.json"
        yield Served(lab, json.loads(endpoints_file.read_text()))
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "Traceback" not in err


def _sha1_presented(port: int) -> str:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with socket.create_connection(("127.0.0.1", port)) as raw, context.wrap_socket(raw) as tls:
        return hashlib.sha1(tls.getpeercert(binary_form=True)).hexdigest().upper()


def _list_view(text: str) -> list[dict[str, str]]:
    """`Format-List` console text as records."""
    records: list[dict[str, str]] = []
    for block in text.replace("\r\n", "\n").strip().split("\n\n"):
        record = {}
        for line in block.splitlines():
            name, _, value = line.partition(":")
            record[name.strip()] = value.strip()
        if record:
            records.append(record)
    return records


FLOW_2016 = """
$password = ConvertTo-SecureString 'Flow-P@ss1' -AsPlainText -Force
$new = New-ExchangeCertificate -SubjectName 'CN=flow.contoso.com' -DomainName flow.contoso.com -PrivateKeyExportable $true -Services None
$backup = Export-ExchangeCertificate -Thumbprint $new.Thumbprint -BinaryEncoded -Password $password
Remove-ExchangeCertificate -Thumbprint $new.Thumbprint -Confirm:$false
$imported = Import-ExchangeCertificate -FileData $backup.FileData -Password $password -PrivateKeyExportable $true
Enable-ExchangeCertificate -Thumbprint $imported.Thumbprint -Services SMTP -Force
$export = Export-ExchangeCertificate -Thumbprint $imported.Thumbprint -BinaryEncoded -Password $password
"new $($new.Thumbprint) exported $($export.FileData.Length) bytes"
Get-ExchangeCertificate -Thumbprint $imported.Thumbprint | Format-List Thumbprint,Services,Status
"""


def test_run_ps_over_ntlm_runs_the_2016_certificate_flow_as_one_script(served: Served) -> None:
    result = served.ntlm().run_ps(FLOW_2016)
    assert (result.status_code, result.std_err) == (0, b"")
    first, _, rest = result.std_out.decode("cp437").partition("\r\n")
    new_thumbprint, exported = first.split()[1], int(first.split()[3])
    assert exported > 1000
    [shown] = _list_view(rest)
    assert shown == {"Thumbprint": new_thumbprint, "Services": "SMTP", "Status": "Valid"}
    with Lab.open(served.lab) as lab:  # the cmdlets' transactions committed to the lab itself
        entry = lab.store(SERVER, "My").get(new_thumbprint)
        assert entry is not None and entry.has_private_key


def test_failing_cmdlet_gives_status_1_and_the_cleaned_error_text(served: Served) -> None:
    result = served.ntlm().run_ps("'before'; Get-ExchangeCertificate -Thumbprint ABCDEF7890123456789012345678901234567890")
    assert result.status_code == 1
    assert result.std_out == b"before\r\n"
    text = result.std_err.decode()
    assert not text.startswith("#< CLIXML")  # pywinrm's cleaner understood the stream
    assert "ABCDEF7890123456789012345678901234567890" in text.splitlines()[0]
    assert "    + CategoryInfo          :" in text


def test_exit_3_gives_status_3(served: Served) -> None:
    result = served.ntlm().run_ps("Write-Output 'leaving'; exit 3")
    assert (result.status_code, result.std_out) == (3, b"leaving\r\n")


def test_a_user_added_with_lab_user_can_connect(served: Served) -> None:
    result = served.ntlm(RUNBOOK).run_cmd("whoami")
    assert (result.status_code, result.std_out) == (0, b"contoso\\runbook\r\n")


IDENTITY_SCRIPT = ("$env:USERNAME; $env:USERDOMAIN; whoami; [Environment]::UserName; "
                   "[Security.Principal.WindowsIdentity]::GetCurrent().Name; $env:USERPROFILE; (Get-Location).Path")


def test_a_remote_powershell_runs_as_the_connected_lab_user_over_winrs(served: Served) -> None:
    result = served.ntlm(RUNBOOK).run_ps(IDENTITY_SCRIPT)
    assert result.status_code == 0, result.std_err
    assert result.std_out.decode().splitlines() == [
        "runbook", "CONTOSO", "contoso\\runbook", "runbook", "CONTOSO\\runbook", "C:\\Users\\runbook",
        "C:\\Users\\runbook"]


def test_a_psrp_runspace_runs_as_the_connected_lab_user(served: Served) -> None:
    endpoint = served.endpoint("WinRM", "http")
    wsman = WSMan(endpoint["host"], port=endpoint["port"], path="wsman", ssl=False, username=RUNBOOK[0],
                  password=RUNBOOK[1], auth="ntlm")
    with wsman, RunspacePool(wsman, configuration_name="Microsoft.PowerShell") as pool:
        ps = PowerShell(pool)
        ps.add_script(IDENTITY_SCRIPT)
        output = ps.invoke()
    assert not ps.had_errors
    assert output == ["runbook", "CONTOSO", "contoso\\runbook", "runbook", "CONTOSO\\runbook", "C:\\Users\\runbook",
                      "C:\\Users\\runbook"]


def test_basic_over_https_trusting_the_certificate_exported_from_the_lab(served: Served, tmp_path: Path) -> None:
    # WinRM's HTTPS listener takes a server-auth certificate naming the FQDN; this one also names localhost so
    # the client's host name check passes on loopback.
    made = served.ntlm().run_ps("(New-ExchangeCertificate -SubjectName 'CN=exch01.contoso.com' "
                                "-DomainName exch01.contoso.com,localhost -Services None).Thumbprint")
    thumbprint = made.std_out.decode().strip()
    with Lab.open(served.lab) as lab:
        der = lab.store(SERVER, "My").get(thumbprint).certificate_der
    trust = tmp_path / "listener.pem"
    trust.write_text(ssl.DER_cert_to_PEM_cert(der))
    port = served.endpoint("WinRM", "https")["port"]
    session = winrm.Session(f"https://localhost:{port}/wsman", auth=("administrator", ADMIN[1]), transport="ssl",
                            ca_trust_path=str(trust))
    result = session.run_ps("Get-ExchangeCertificate | Where-Object { $_.Subject -eq 'CN=exch01.contoso.com' } | "
                            "Select-Object -ExpandProperty Thumbprint")
    assert (result.status_code, result.std_out.decode().split()) == (0, [thumbprint])


def test_basic_over_plain_http_is_refused_by_default(served: Served) -> None:
    session = winrm.Session(served.url("WinRM", "http"), auth=ADMIN, transport="basic")
    with pytest.raises(InvalidCredentialsError):
        session.run_cmd("hostname")


def test_wrong_password_is_401_and_nothing_runs(served: Served) -> None:
    with pytest.raises(InvalidCredentialsError):
        served.ntlm((ADMIN[0], "wrong")).run_ps("New-ExchangeCertificate -SubjectName 'CN=never.contoso.com'")
    response = requests.post(served.url("WinRM", "https"), data=b"<x/>", auth=("administrator", "wrong"), verify=False)
    assert response.status_code == 401
    listed = served.ntlm().run_ps("Get-ExchangeCertificate | Where-Object { $_.Subject -like '*never*' }")
    assert (listed.status_code, listed.std_out.strip()) == (0, b"")


def test_fifty_fuzzed_envelopes_each_get_a_fault_and_the_server_keeps_serving(served: Served) -> None:
    url = served.url("WinRM", "https")
    with requests.Session() as http:
        http.auth = ("administrator", ADMIN[1])
        answered = 0
        for body in _mutations(51):
            if not body:
                continue  # an empty POST is the end of an NTLM handshake, not a malformed envelope
            # verify per request: REQUESTS_CA_BUNDLE in the environment would override a Session's own setting
            response = http.post(url, data=body, headers={"Content-Type": "application/soap+xml;charset=UTF-8"},
                                 verify=False)
            assert response.status_code == 500, body
            assert _fault_code(response.content).isdigit()
            answered += 1
    assert answered == 50
    assert served.ntlm().run_ps("$env:COMPUTERNAME").std_out == b"EXCH01\r\n"


def _exchange_pool(served: Served) -> tuple[WSMan, RunspacePool]:
    wsman = served.wsman()
    return wsman, RunspacePool(wsman, configuration_name="Microsoft.Exchange")


def _invoke(pool: RunspacePool, cmdlet: str, *parameters: tuple[str, object]) -> list:
    ps = PowerShell(pool)
    ps.add_cmdlet(cmdlet)
    for name, value in parameters:
        ps.add_parameter(name, value)
    output = ps.invoke()
    assert not ps.had_errors, [str(e) for e in ps.streams.error]
    return output


def test_psrp_get_exchange_certificate_matches_what_run_prints(served: Served) -> None:
    wsman, pool = _exchange_pool(served)
    with wsman, pool:
        remote = _invoke(pool, "Get-ExchangeCertificate", ("Server", SERVER))
    printed = _cli("run", "--lab", str(served.lab), "--command",
                   "Get-ExchangeCertificate | Format-List Thumbprint,Services,Status")
    assert printed.returncode == 0, printed.stderr
    local = _list_view(printed.stdout)
    assert len(remote) == len(local) >= 2
    for certificate, shown in zip(remote, local):
        properties = certificate.adapted_properties
        assert certificate.types[0] == "Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate"
        assert properties["Thumbprint"] == shown["Thumbprint"]
        assert str(properties["Services"]) == shown["Services"]
        assert str(properties["Status"]) == shown["Status"]
        assert properties["Services"].types[0] == "Microsoft.Exchange.Management.SystemConfigurationTasks.AllowedServices"
        assert properties["Status"].types[0] == "Microsoft.Exchange.Management.SystemConfigurationTasks.CertificateStatus"


def test_psrp_import_with_file_data_and_securestring_then_enable_then_export_pfx(served: Served,
                                                                                 tmp_path: Path) -> None:
    wsman, pool = _exchange_pool(served)
    with wsman, pool:
        pool.exchange_keys()  # pypsrp needs the session key before it can send a SecureString

        def secure(text: str) -> object:
            return pool.serialize(text, ObjectMeta("SS"))

        [made] = _invoke(pool, "New-ExchangeCertificate", ("SubjectName", "CN=psrp.contoso.com"),
                         ("DomainName", ["psrp.contoso.com"]), ("PrivateKeyExportable", True), ("Services", "None"))
        thumbprint = made.adapted_properties["Thumbprint"]
        [backup] = _invoke(pool, "Export-ExchangeCertificate", ("Thumbprint", thumbprint), ("BinaryEncoded", None),
                           ("Password", secure("Source-P@ss1")))
        pfx = backup.adapted_properties["FileData"]
        assert isinstance(pfx, bytes)
        _invoke(pool, "Remove-ExchangeCertificate", ("Thumbprint", thumbprint), ("Confirm", False))
        [imported] = _invoke(pool, "Import-ExchangeCertificate", ("FileData", pfx),
                             ("Password", secure("Source-P@ss1")), ("PrivateKeyExportable", True))
        assert imported.adapted_properties["Thumbprint"] == thumbprint
        assert _invoke(pool, "Enable-ExchangeCertificate", ("Thumbprint", thumbprint), ("Services", "IIS"),
                       ("Force", None)) == []
        [exported] = _invoke(pool, "Export-ExchangeCertificate", ("Thumbprint", thumbprint), ("BinaryEncoded", None),
                             ("Password", secure("Export-P@ss2")))
        # Enabled for IIS: the next handshake on the IIS listener presents it.
        assert _sha1_presented(served.endpoint("IIS", "https")["port"]) == thumbprint
    assert exported.types[0] == "Microsoft.Exchange.Data.BinaryFileDataObject"
    (tmp_path / "exported.pfx").write_bytes(exported.adapted_properties["FileData"])
    checked = subprocess.run(["openssl", "pkcs12", "-in", str(tmp_path / "exported.pfx"), "-passin",
                              "pass:Export-P@ss2", "-nokeys", "-clcerts"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    pem = checked.stdout[checked.stdout.index("-----BEGIN"):]
    assert hashlib.sha1(ssl.PEM_cert_to_DER_cert(pem)).hexdigest().upper() == thumbprint


def test_psrp_script_on_the_exchange_endpoint_is_refused(served: Served) -> None:
    wsman, pool = _exchange_pool(served)
    with wsman, pool:
        ps = PowerShell(pool)
        ps.add_script("Get-ExchangeCertificate | ForEach-Object { $_.Thumbprint }")
        assert ps.invoke() == []
    assert ps.had_errors
    assert "no-language mode" in str(ps.streams.error[0])


def test_psrp_command_outside_the_exchange_catalog_is_not_recognized(served: Served) -> None:
    wsman, pool = _exchange_pool(served)
    with wsman, pool:
        ps = PowerShell(pool)
        ps.add_cmdlet("ConvertTo-SecureString").add_parameter("String", "x")
        ps.invoke()
        names = [m.name for m in pool.get_command_metadata(["*-ExchangeCertificate"])]
    assert ps.had_errors
    assert "'ConvertTo-SecureString' is not recognized" in str(ps.streams.error[0])
    assert "Enable-ExchangeCertificate" in names and "Get-ExchangeCertificate" in names


def test_psrp_scripts_run_on_the_powershell_configuration(served: Served) -> None:
    wsman = served.wsman("WinRM", "http")
    with wsman, RunspacePool(wsman, configuration_name="Microsoft.PowerShell") as pool:
        ps = PowerShell(pool)
        ps.add_script("$n = (Get-ExchangeCertificate | Measure-Object).Count; Write-Warning 'counted'; $n")
        [count] = ps.invoke()
    assert not ps.had_errors
    assert count >= 2
    assert [w.message for w in ps.streams.warning] == ["counted"]


def test_psrp_prompt_without_a_client_host_fails_the_pipeline(served: Served) -> None:
    wsman, pool = _exchange_pool(served)
    with wsman, pool:
        [made] = _invoke(pool, "New-ExchangeCertificate", ("SubjectName", "CN=prompt.contoso.com"),
                         ("Services", "None"))
        ps = PowerShell(pool)
        # Replacing the default SMTP certificate asks for confirmation unless -Force is given.
        ps.add_cmdlet("Enable-ExchangeCertificate").add_parameter("Thumbprint", made.adapted_properties["Thumbprint"])
        ps.add_parameter("Services", "SMTP")
        ps.invoke()
    assert ps.had_errors
    assert "does not support user interaction" in str(ps.streams.error[-1])


class _AnsweringInterface(PSHostUserInterface):
    """A client host answering every ReadLine with Y (pypsrp's base class keeps what Write calls showed)."""

    def ReadLine(self, runspace, pipeline) -> str:  # noqa: N802 - pypsrp's name for the host method
        return "Y"


def test_psrp_prompt_is_a_host_call_when_the_client_brings_a_host(served: Served) -> None:
    ui = _AnsweringInterface()
    host = PSHost(None, None, False, "answering host", None, ui, "1.0")
    wsman = served.wsman()
    with wsman, RunspacePool(wsman, configuration_name="Microsoft.Exchange", host=host) as pool:
        [made] = _invoke(pool, "New-ExchangeCertificate", ("SubjectName", "CN=asked.contoso.com"), ("Services", "None"))
        thumbprint = made.adapted_properties["Thumbprint"]
        assert _invoke(pool, "Enable-ExchangeCertificate", ("Thumbprint", thumbprint), ("Services", "SMTP")) == []
        [after] = _invoke(pool, "Get-ExchangeCertificate", ("Thumbprint", thumbprint))
    assert "Overwrite the existing default SMTP certificate?" in "".join(ui.stdout)
    assert "SMTP" in str(after.adapted_properties["Services"])


def _readme_snippets() -> list[str]:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Remoting"):]
    section = section[:section.index("\n## ", 1)]
    return [block.split("\n", 1)[1] for block in section.split("```python")[1:]
            for block in [block.split("```", 1)[0]]]


def test_readme_snippets_run_as_pasted(served: Served, tmp_path: Path) -> None:
    snippets = _readme_snippets()
    assert len(snippets) == 2
    ports = {"15985": served.endpoint("WinRM", "http")["port"], "15987": served.endpoint("IIS", "http")["port"]}
    outputs = []
    for index, snippet in enumerate(snippets):
        for documented, actual in ports.items():
            snippet = snippet.replace(documented, str(actual))
        script = tmp_path / f"snippet{index}.py"
        script.write_text(snippet, encoding="utf-8")
        ran = subprocess.run([sys.executable, "-W", "ignore", str(script)], capture_output=True, text=True, timeout=120)
        assert ran.returncode == 0, ran.stderr
        outputs.append(ran.stdout)
    assert outputs[0].startswith("0 ") and "Thumbprint : " in outputs[0]
    assert "Status     : Valid" in outputs[0]
    lines = outputs[1].splitlines()
    assert any(line.endswith("IMAP, POP, IIS, SMTP Valid") for line in lines)
    assert lines[-1].endswith("bytes of PFX") and int(lines[-1].split()[0]) > 1000


def test_powershell_file_runs_a_script_of_the_lab_file_system_with_its_arguments(served: Served) -> None:
    from exchange_sim.lab.filesystem import server_root

    folder = server_root(served.lab, SERVER) / "C" / "Runbooks"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "count.ps1").write_text("param([string]$Label)\n"
                                      "\"$Label $((Get-ExchangeCertificate | Measure-Object).Count)\"\nexit 4\n",
                                      encoding="utf-8")
    result = served.ntlm().run_cmd("powershell", ["-NoProfile", "-File", "C:\\Runbooks\\count.ps1", "certs"])
    assert result.status_code == 4, result.std_err
    label, count = result.std_out.decode().split()
    assert label == "certs" and int(count) >= 2


def test_powershell_file_that_does_not_exist_is_powershell_exe_s_message(served: Served) -> None:
    result = served.ntlm().run_cmd("powershell", ["-File", "C:\\nowhere.ps1"])
    assert result.status_code == -196608
    assert result.std_err.startswith(b"The argument 'C:\\nowhere.ps1' to the -File parameter does not exist.")


def test_parse_error_arrives_as_clixml_and_exit_code_1(served: Served) -> None:
    result = served.ntlm().run_cmd("powershell", ["-Command", "if ("])
    assert result.status_code == 1
    assert result.std_err.startswith(b"#< CLIXML\r\n<Objs ")  # run_cmd leaves the stream as powershell.exe wrote it
    assert b'<S S="Error">' in result.std_err


class _ServingOthersInterface(PSHostUserInterface):
    """While the server waits for this host's answer, another client runs a command to its end."""

    def __init__(self, served: Served) -> None:
        super().__init__()
        self.served = served
        self.meanwhile: winrm.Response | None = None

    def ReadLine(self, runspace, pipeline) -> str:  # noqa: N802 - pypsrp's name for the host method
        self.meanwhile = self.served.ntlm().run_ps("(Get-ExchangeCertificate | Measure-Object).Count")
        return "N"


def test_a_pipeline_waiting_for_its_client_does_not_hold_up_other_clients(served: Served) -> None:
    ui = _ServingOthersInterface(served)
    wsman = served.wsman()
    host = PSHost(None, None, False, "slow host", None, ui, "1.0")
    with wsman, RunspacePool(wsman, configuration_name="Microsoft.Exchange", host=host) as pool:
        [made] = _invoke(pool, "New-ExchangeCertificate", ("SubjectName", "CN=waiting.contoso.com"), ("Services", "None"))
        thumbprint = made.adapted_properties["Thumbprint"]
        _invoke(pool, "Enable-ExchangeCertificate", ("Thumbprint", thumbprint), ("Services", "SMTP"))
    assert ui.meanwhile is not None and ui.meanwhile.status_code == 0
    assert int(ui.meanwhile.std_out) >= 2


def test_many_clients_at_once_all_get_their_answers(served: Served) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def winrs_client(index: int) -> bytes:
        session = served.ntlm()
        return b"".join(session.run_ps(f"'{index}'; (Get-ExchangeCertificate | Measure-Object).Count").std_out
                        for _ in range(3))

    def psrp_client(index: int) -> list[str]:
        wsman = served.wsman("WinRM", "http")
        with wsman, RunspacePool(wsman, configuration_name="Microsoft.Exchange") as pool:
            return [c.adapted_properties["Thumbprint"] for c in _invoke(pool, "Get-ExchangeCertificate")]

    with ThreadPoolExecutor(8) as workers:
        winrs = list(workers.map(winrs_client, range(6)))
        psrp = list(workers.map(psrp_client, range(4)))
    for index, text in enumerate(winrs):
        lines = text.decode().split()
        assert lines[0::2] == [str(index)] * 3
        assert len(set(lines[1::2])) == 1
    assert all(thumbprints == psrp[0] for thumbprints in psrp) and psrp[0]


def test_view_only_user_reads_certificates_but_has_no_cmdlet_that_changes_them(served: Served) -> None:
    viewer = served.ntlm(VIEWER)
    listed = viewer.run_ps("(Get-ExchangeCertificate).Count")
    refused = viewer.run_ps("New-ExchangeCertificate -SubjectName 'CN=viewer.contoso.com' -Services None")
    after = served.ntlm().run_ps("@(Get-ExchangeCertificate | ? Subject -eq 'CN=viewer.contoso.com').Count")
    assert listed.status_code == 0 and int(listed.std_out) >= 2
    assert refused.status_code == 1
    assert b"'New-ExchangeCertificate' is not recognized" in refused.std_err
    assert after.std_out.strip() == b"0"


def test_view_only_user_gets_only_the_get_cmdlets_over_psrp(served: Served) -> None:
    endpoint = served.endpoint("IIS", "http")
    wsman = WSMan(endpoint["host"], port=endpoint["port"], path=endpoint["url"].split("/", 3)[3], ssl=False,
                  username=VIEWER[0], password=VIEWER[1], auth="ntlm", cert_validation=False)
    with wsman, RunspacePool(wsman, configuration_name="Microsoft.Exchange") as pool:
        names = [m.name for m in pool.get_command_metadata(["*-ExchangeCertificate"])]
        ps = PowerShell(pool)
        ps.add_cmdlet("Remove-ExchangeCertificate").add_parameter("Thumbprint", "0" * 40)
        ps.invoke()
    assert names == ["Get-ExchangeCertificate"]
    assert ps.had_errors
    assert "'Remove-ExchangeCertificate' is not recognized" in str(ps.streams.error[0])
