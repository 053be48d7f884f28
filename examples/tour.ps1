<#
.SYNOPSIS
    A tour of exchange-sim on the default lab (Contoso, server EXCH01, Exchange 2019).

.DESCRIPTION
    Walks the certificate life cycle that vendor articles describe: look at what setup left,
    make a request for a CA, make a self-signed certificate, enable it for IIS, back it up as a
    password-protected PFX, remove it and restore it from the backup. It tidies up after itself,
    so it can be run again and again on the same lab.
#>
param(
    [string]$SubjectName = 'mail.contoso.com'
)

Write-Host "Certificates on $env:COMPUTERNAME as setup left them:"
Get-ExchangeCertificate | Format-Table

# A request for a public CA, the 2016+/SE way: the cmdlet returns the text, the script writes it.
$request = New-ExchangeCertificate -GenerateRequest -SubjectName "C=US, O=Contoso, CN=$SubjectName" `
    -DomainName $SubjectName, "autodiscover.contoso.com" -PrivateKeyExportable $true
New-Item -ItemType Directory -Path C:\certs -Force | Out-Null
Set-Content -Path C:\certs\mail.req -Value $request
Write-Host "Request written to C:\certs\mail.req; it waits in the REQUEST store:"
Get-ExchangeCertificate | Where-Object { $_.Status -eq 'PendingRequest' } | Format-Table

# A self-signed certificate, enabled for IIS.
$cert = New-ExchangeCertificate -SubjectName "CN=$SubjectName" -DomainName $SubjectName -PrivateKeyExportable $true -Services None
Enable-ExchangeCertificate -Thumbprint $cert.Thumbprint -Services IIS -Force
Write-Host "After enabling $($cert.Thumbprint) for IIS:"
Get-ExchangeCertificate | Format-Table

# Back it up, remove it, restore it.
$password = ConvertTo-SecureString 'Tour-P@ssw0rd' -AsPlainText -Force
$backup = Export-ExchangeCertificate -Thumbprint $cert.Thumbprint -BinaryEncoded -Password $password
[System.IO.File]::WriteAllBytes('C:\certs\mail.pfx', $backup.FileData)
Remove-ExchangeCertificate -Thumbprint $cert.Thumbprint -Confirm:$false
$restored = Import-ExchangeCertificate -FileData ([System.IO.File]::ReadAllBytes('C:\certs\mail.pfx')) -Password $password -PrivateKeyExportable $true
Write-Host "Restored $($restored.Thumbprint) from C:\certs\mail.pfx:"
$restored | Format-List Subject, Thumbprint, HasPrivateKey, PrivateKeyExportable, Services, NotAfter

# Tidy up: give IIS back to setup's certificate, drop the tour's certificate and the request.
$setup = Get-ExchangeCertificate | Where-Object { $_.Subject -eq "CN=$env:COMPUTERNAME" } | Select-Object -First 1
if ($setup) { Enable-ExchangeCertificate -Thumbprint $setup.Thumbprint -Services IIS -Force }
Remove-ExchangeCertificate -Thumbprint $restored.Thumbprint -Confirm:$false
Get-ExchangeCertificate | Where-Object { $_.Status -eq 'PendingRequest' } | Remove-ExchangeCertificate -Confirm:$false
Write-Host "Back to where we started:"
Get-ExchangeCertificate | Format-Table
