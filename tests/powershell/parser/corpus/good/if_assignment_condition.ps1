if ($cert = Get-ExchangeCertificate -Thumbprint $t -ErrorAction SilentlyContinue) {
    $cert.Subject
}
