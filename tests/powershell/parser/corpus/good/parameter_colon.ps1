Remove-ExchangeCertificate -Thumbprint $old -Confirm:$false
New-ExchangeCertificate -PrivateKeyExportable:$true -Force: $true
