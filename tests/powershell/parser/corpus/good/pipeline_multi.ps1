Get-ExchangeCertificate | Where-Object { $_.IsSelfSigned } | Sort-Object NotAfter | Select-Object -First 1
