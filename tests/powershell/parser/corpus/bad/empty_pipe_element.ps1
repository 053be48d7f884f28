Get-ExchangeCertificate |
