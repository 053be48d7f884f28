Get-ExchangeCertificate
| Format-List
