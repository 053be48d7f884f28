"""What certificate-detail runbooks read from `Cert:\\` items: typed Extensions, PublicKey.Key.KeySize,
Export([X509ContentType]::Cert) to a file, and a PFX opened with a SecureString and key-storage flags."""

from __future__ import annotations

import subprocess

from exchange_sim.lab import Lab



def _openssl_text(der: bytes) -> str:
    return subprocess.run(["openssl", "x509", "-inform", "DER", "-noout", "-text"], input=der,
                          capture_output=True, check=True).stdout.decode()


def _exchange_entry(lab: Lab):  # type: ignore[no-untyped-def]
    return next(e for e in lab.store("EXCH01", "My").list() if e.friendly_name == "Microsoft Exchange")


def test_extensions_are_typed_and_read_as_openssl_reads_them(lab: Lab, run_runbook) -> None:
    entry = _exchange_entry(lab)
    result = run_runbook(f"""
        $item = Get-Item Cert:\\LocalMachine\\My\\{entry.thumbprint}
        foreach ($ext in $item.Extensions) {{
            switch ($ext.Oid.FriendlyName) {{
                'Key Usage' {{
                    $ku = New-Object System.Security.Cryptography.X509Certificates.X509KeyUsageExtension $ext, $true
                    "usage=$($ku.KeyUsages)"
                }}
                'Enhanced Key Usage' {{
                    $eku = New-Object System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension $ext, $false
                    foreach ($oid in $eku.EnhancedKeyUsages) {{ "eku=$($oid.FriendlyName) ($($oid.Value))" }}
                }}
                'Basic Constraints' {{ "ca=$($ext.CertificateAuthority)" }}
            }}
        }}
        "bits=$($item.PublicKey.Key.KeySize)"
    """)
    assert result.exit_code == 0, result.stderr
    text = _openssl_text(entry.certificate_der)
    assert "Digital Signature, Key Encipherment" in text
    assert "usage=KeyEncipherment, DigitalSignature" in result.stdout
    assert "TLS Web Server Authentication" in text
    assert "eku=Server Authentication (1.3.6.1.5.5.7.3.1)" in result.stdout
    assert "ca=False" in result.stdout
    assert f"bits={text.split('Public-Key: (')[1].split(' bit')[0]}" in result.stdout


def test_export_as_cert_writes_the_der_file_openssl_reads(lab: Lab, run_runbook) -> None:
    entry = _exchange_entry(lab)
    result = run_runbook(f"""
        $cert = Get-ChildItem Cert:\\LocalMachine\\My | Where-Object {{ $_.Thumbprint -match '{entry.thumbprint}' }}
        $type = [System.Security.Cryptography.X509Certificates.X509ContentType]::Cert
        New-Item -ItemType Directory C:\\Export | Out-Null
        [System.IO.File]::WriteAllBytes('C:\\Export\\exchange.cer', $cert.Export($type))
    """)
    assert result.exit_code == 0, result.stderr
    written = lab.filesystem("EXCH01").read_bytes("C:\\Export\\exchange.cer")
    fingerprint = subprocess.run(["openssl", "x509", "-inform", "DER", "-noout", "-fingerprint", "-sha1"],
                                 input=written, capture_output=True, check=True).stdout.decode()
    assert fingerprint.split("=", 1)[1].strip().replace(":", "") == entry.thumbprint


def test_pfx_opened_with_a_secure_string_and_key_flags_lands_in_the_store(lab: Lab, run_runbook) -> None:
    result = run_runbook("""
        $new = New-ExchangeCertificate -SubjectName 'CN=renewed.contoso.com' -DomainName renewed.contoso.com `
            -PrivateKeyExportable $true -Services None
        $secret = ConvertTo-SecureString 'Pfx#2026' -AsPlainText -Force
        $bytes = (Export-ExchangeCertificate -Thumbprint $new.Thumbprint -BinaryEncoded -Password $secret).FileData
        Remove-ExchangeCertificate -Thumbprint $new.Thumbprint -Confirm:$false
        $flags = [Security.Cryptography.X509Certificates.X509KeyStorageFlags]::PersistKeySet -bor
            [Security.Cryptography.X509Certificates.X509KeyStorageFlags]::MachineKeySet -bor
            [Security.Cryptography.X509Certificates.X509KeyStorageFlags]::Exportable
        $pfx = [Security.Cryptography.X509Certificates.X509Certificate2]::new($bytes, $secret, $flags)
        $store = [Security.Cryptography.X509Certificates.X509Store]::new('My', 'LocalMachine')
        try {
            $store.Open([Security.Cryptography.X509Certificates.OpenFlags]::ReadWrite)
            $store.Add($pfx)
            $store.Close()
        } finally {
            $store.Dispose()
            $pfx.Dispose()
        }
        "back=$($new.Thumbprint)"
    """)
    assert result.exit_code == 0, result.stderr
    thumbprint = result.stdout.split("back=")[1].split()[0]
    stored = [e for e in lab.store("EXCH01", "My").list() if e.thumbprint == thumbprint]
    assert stored and stored[0].has_private_key
