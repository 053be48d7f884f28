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
Write-Host "The request for the CA begins: $($request.Substring(0, 40))"
Write-Host "It waits in the REQUEST store:"
Get-ExchangeCertificate | Where-Object { $_.Status -eq 'PendingRequest' } | Format-Table

# A self-signed certificate, enabled for IIS.
$cert = New-ExchangeCertificate -SubjectName "CN=$SubjectName" -DomainName $SubjectName -PrivateKeyExportable $true -Services None
$thumbprint = $cert.Thumbprint
Enable-ExchangeCertificate -Thumbprint $thumbprint -Services IIS -Force
Write-Host "After enabling $thumbprint for IIS:"
Get-ExchangeCertificate | Format-Table

# Back it up, remove it, restore it.
$password = ConvertTo-SecureString 'Tour-P@ssw0rd' -AsPlainText -Force
$backup = Export-ExchangeCertificate -Thumbprint $thumbprint -BinaryEncoded -Password $password
Remove-ExchangeCertificate -Thumbprint $thumbprint -Confirm:$false
$restored = Import-ExchangeCertificate -FileData $backup.FileData -Password $password -PrivateKeyExportable $true
Write-Host "Restored $($restored.Thumbprint) from its backup:"
$restored | Format-List Subject, Thumbprint, HasPrivateKey, PrivateKeyExportable, Services, NotAfter

# Tidy up: give IIS back to setup's certificate, drop the tour's certificate and the request.
$setup = Get-ExchangeCertificate | Where-Object { $_.Subject -eq "CN=$env:COMPUTERNAME" } | Select-Object -First 1
$setupThumbprint = $setup.Thumbprint
if ($setup) { Enable-ExchangeCertificate -Thumbprint $setupThumbprint -Services IIS -Force }
$restoredThumbprint = $restored.Thumbprint
Remove-ExchangeCertificate -Thumbprint $restoredThumbprint -Confirm:$false
$pending = Get-ExchangeCertificate | Where-Object { $_.Status -eq 'PendingRequest' } | Select-Object -ExpandProperty Thumbprint
foreach ($requestThumbprint in $pending) { Remove-ExchangeCertificate -Thumbprint $requestThumbprint -Confirm:$false }
Write-Host "Back to where we started:"
Get-ExchangeCertificate | Format-Table
