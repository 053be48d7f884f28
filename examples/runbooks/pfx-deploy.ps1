<#
.SYNOPSIS
  Copies a certificate with its key from one Exchange server to others and enables it there.
#>
param(
    [Parameter(Mandatory = $true)][string]$Thumbprint,
    [Parameter(Mandatory = $true)][string]$From,
    [Parameter(Mandatory = $true)][string[]]$To,
    [string]$Services = 'IIS,SMTP',
    [string]$Share = 'C:\Deploy'
)

$password = ConvertTo-SecureString 'Dep1oy!Pfx' -AsPlainText -Force
$pfx = Join-Path $Share "$Thumbprint.pfx"
if (-not (Test-Path $Share)) { New-Item -ItemType Directory -Path $Share | Out-Null }

$export = Export-ExchangeCertificate –Server $From –Thumbprint $Thumbprint –BinaryEncoded –Password $password
Set-Content -Path $pfx -Value $export.FileData -Encoding Byte

foreach ($server in $To) {
    $bytes = Get-Content -Path $pfx -Encoding Byte -ReadCount 0
    Import-ExchangeCertificate –Server $server –FileData $bytes –Password $password -PrivateKeyExportable $true | Out-Null
    Enable-ExchangeCertificate –Server $server –Thumbprint $Thumbprint –Services $Services -Force
    "{0}: {1}" -f $server, (Get-ExchangeCertificate -Server $server -Thumbprint $Thumbprint).Services
}
