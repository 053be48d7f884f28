<#
.SYNOPSIS
    Rotates the Exchange Auth (OAuth) certificate: new self-signed certificate, publish, clear.
#>
[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
param(
    [ValidateRange(1, 48)]
    [int]$EffectiveInHours = 1
)

$identity = [Security.Principal.WindowsIdentity]::GetCurrent()
$principal = New-Object Security.Principal.WindowsPrincipal($identity)
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    Write-Error 'Run this script from an elevated Exchange Management Shell.'
    exit 1
}

$domain = (Get-AcceptedDomain | Where-Object { $_.Default -eq $true }).DomainName.ToString()
$authConfig = Get-AuthConfig
$current = Get-ExchangeCertificate -Thumbprint $authConfig.CurrentCertificateThumbprint -ErrorAction SilentlyContinue
if ($current) {
    Write-Verbose "Current Auth certificate $($current.Thumbprint) expires $($current.NotAfter)"
}

# New-ExchangeCertificate asks whether to overwrite the default SMTP certificate: answer No
# by not passing -Force and enabling no services at all.
$newCert = New-ExchangeCertificate -KeySize 2048 -PrivateKeyExportable $true `
    -SubjectName "cn=Microsoft Exchange Server Auth Certificate" `
    -FriendlyName 'Microsoft Exchange Server Auth Certificate' `
    -DomainName @() -Services None

$when = (Get-Date).ToUniversalTime().AddHours($EffectiveInHours)
if ($PSCmdlet.ShouldProcess($newCert.Thumbprint, 'Set as next Auth certificate')) {
    Set-AuthConfig -NewCertificateThumbprint $newCert.Thumbprint -NewCertificateEffectiveDate $when -Force
    Set-AuthConfig -PublishCertificate
    Set-AuthConfig -ClearPreviousCertificate
}

foreach ($pool in 'MSExchangeOWAAppPool', 'MSExchangeECPAppPool') {
    Restart-WebAppPool -Name $pool
    Write-Host "Restarted $pool"
}

$result = [pscustomobject]@{
    Domain      = $domain
    Thumbprint  = $newCert.Thumbprint
    EffectiveAt = $when
    Previous    = if ($current) { $current.Thumbprint } else { $null }
}
$result | Format-List
