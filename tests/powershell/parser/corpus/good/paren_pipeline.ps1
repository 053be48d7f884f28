(Get-ExchangeCertificate | Measure-Object).Count
($x = 5)
(Get-Credential).Password
