Get-ExchangeCertificate | ? { $_.Status -eq 'Valid' } | % { $_.Thumbprint }
gci Cert:\LocalMachine\My | where Subject -like '*mail*' | select -f 1
