Get-ExchangeCertificate |
    Where-Object { $_.Services -match 'IIS' } |
    Format-List Thumbprint, Subject
