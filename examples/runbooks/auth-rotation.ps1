<#
.SYNOPSIS
  Replaces the organisation's OAuth (Auth) certificate: new self-signed certificate, published as the
  next certificate, made current, previous one cleared.
#>
$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    throw 'Run this from an elevated Exchange Management Shell.'
}

$domain = (Get-AcceptedDomain | Where-Object { $_.Default -eq $true } | Select-Object -First 1).DomainName
$new = New-ExchangeCertificate -KeySize 2048 -PrivateKeyExportable $true `
    -SubjectName 'cn=Microsoft Exchange Server Auth Certificate' `
    -FriendlyName 'Microsoft Exchange Server Auth Certificate' `
    -DomainName @() -Services SMTP
# The SMTP overwrite prompt is answered "No": the Auth certificate must not take over SMTP.

Set-AuthConfig -NewCertificateThumbprint $new.Thumbprint -NewCertificateEffectiveDate (Get-Date) -Force
Set-AuthConfig -PublishCertificate
Set-AuthConfig -ClearPreviousCertificate

Restart-WebAppPool MSExchangeOWAAppPool
Restart-WebAppPool MSExchangeECPAppPool
$auth = Get-AuthConfig
"Auth certificate for {0}: {1}" -f $domain, $auth.CurrentCertificateThumbprint
