Get-ExchangeCertificate | $filter
