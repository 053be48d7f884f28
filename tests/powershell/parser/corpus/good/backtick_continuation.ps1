New-ExchangeCertificate -GenerateRequest `
    -SubjectName 'CN=mail.contoso.com' `
    -DomainName mail.contoso.com, autodiscover.contoso.com `
    -PrivateKeyExportable $true
