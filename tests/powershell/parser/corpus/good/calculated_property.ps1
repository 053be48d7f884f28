Get-ExchangeCertificate | Select-Object Subject, @{n='Days';e={ ($_.NotAfter - (Get-Date)).Days }}, @{Name='Services'; Expression={ $_.Services -join ',' }}
