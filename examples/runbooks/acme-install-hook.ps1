<#
.SYNOPSIS
  Install hook for an ACME client: put the renewed certificate to work in Exchange.
.DESCRIPTION
  Called by the ACME client after a renewal with positional arguments, as such hooks usually are:
    acme-install-hook.ps1 <thumbprint> <services> [<removeOld 0|1>] [<pfx path>] [<pfx password>]
  If the certificate is not yet in LocalMachine\My it is imported from the PFX file.
#>
param(
    [Parameter(Position = 0, Mandatory = $true)][string]$Thumbprint,
    [Parameter(Position = 1, Mandatory = $true)][string]$Services,
    [Parameter(Position = 2)][int]$RemoveOld = 0,
    [Parameter(Position = 3)][string]$PfxPath,
    [Parameter(Position = 4)][string]$PfxPassword
)

# Load the Exchange snap-in when the shell does not have it yet.
if (-not (Get-Command Enable-ExchangeCertificate -ErrorAction SilentlyContinue)) {
    Get-PSSnapin -Registered |
        Where-Object { $_.Name -match 'Microsoft\.Exchange\.Management\.PowerShell\.(Admin|E2010|SnapIn)' } |
        Add-PSSnapin -ErrorAction SilentlyContinue
}

$certificate = Get-ChildItem -Path Cert:\LocalMachine -Recurse |
    Where-Object { $_.Thumbprint -eq $Thumbprint } |
    Select-Object -f 1

if ($certificate -eq $null -or $certificate.PSPath -notlike '*LocalMachine\My\*') {
    Write-Host "Importing $PfxPath"
    $import = @{
        FileData             = [System.IO.File]::ReadAllBytes($PfxPath)
        Password             = ConvertTo-SecureString $PfxPassword -AsPlainText -Force
        PrivateKeyExportable = $true
    }
    Import-ExchangeCertificate @import -ErrorAction Stop | Out-Null
}

try {
    Enable-ExchangeCertificate -Thumbprint $Thumbprint -Services $Services -Force -ErrorAction Stop
    Write-Host "Enabled $Thumbprint for $Services"
}
catch {
    Write-Error "Enable-ExchangeCertificate failed: $($_.Exception.Message)"
    exit 2
}

if ($RemoveOld -eq 1) {
    $subject = (Get-ExchangeCertificate -Thumbprint $Thumbprint).Subject
    Get-ExchangeCertificate |
        Where-Object { $_.Subject -eq $subject -and $_.Thumbprint -ne $Thumbprint } |
        Remove-ExchangeCertificate -Confirm:$false
}
