filter Select-Thumbprint {
    $_.Thumbprint
}
Get-ExchangeCertificate | Select-Thumbprint
