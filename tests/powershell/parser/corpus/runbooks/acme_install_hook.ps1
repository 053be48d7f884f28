<#
.SYNOPSIS
    Install hook for an ACME client: imports the renewed certificate into Exchange,
    enables it for the requested services and removes older certificates with the same subject.
.PARAMETER Thumbprint
    Thumbprint of the new certificate (already in Cert:\LocalMachine\My), or empty to import PfxPath.
.EXAMPLE
    .\acme_install_hook.ps1 5113AE0233A72FCCB75D1D3E0000000000000001 'IIS,SMTP' -Force
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [string]$Thumbprint,
    [Parameter(Position = 1)]
    [string]$Services = 'IIS,SMTP',
    [string]$PfxPath,
    [string]$PfxPassword,
    [switch]$Force
)

$ErrorActionPreference = 'Stop'

if (-not (Get-PSSnapin -Name Microsoft.Exchange.Management.PowerShell.SnapIn -ErrorAction SilentlyContinue)) {
    Get-PSSnapin -Registered |
        Where-Object { $_.Name -like 'Microsoft.Exchange.Management.PowerShell*' } |
        Add-PSSnapin
}

function Write-Log([string]$Message, [string]$Level = 'INFO') {
    $stamp = Get-Date -Format 'yyyy-MM-dd HH:mm:ss'
    Write-Host ("[{0}] {1,-5} {2}" -f $stamp, $Level, $Message)
}

if ([string]::IsNullOrEmpty($Thumbprint)) {
    $importParams = @{
        FileData             = [System.IO.File]::ReadAllBytes($PfxPath)
        Password             = (ConvertTo-SecureString $PfxPassword -AsPlainText -Force)
        PrivateKeyExportable = $true
        ErrorAction          = 'Stop'
    }
    $imported = Import-ExchangeCertificate @importParams
    $Thumbprint = $imported.Thumbprint
    Write-Log "Imported $($imported.Subject) as $Thumbprint"
}

$storeItem = Get-ChildItem -Path Cert:\LocalMachine -Recurse |
    Where-Object { $_.Thumbprint -eq $Thumbprint } |
    Select-Object -f 1
if ($null -eq $storeItem) {
    throw "Certificate $Thumbprint was not found under Cert:\LocalMachine"
}

try {
    Enable-ExchangeCertificate -Thumbprint $Thumbprint -Services $Services -Force:$Force -ErrorAction Stop
    Write-Log "Enabled $Thumbprint for $Services"
}
catch {
    Write-Log "Enable failed: $($_.Exception.Message)" 'ERROR'
    exit 1
}

$new = Get-ExchangeCertificate -Thumbprint $Thumbprint
Get-ExchangeCertificate |
    Where-Object { $_.Subject -eq $new.Subject -and $_.Thumbprint -ne $new.Thumbprint -and $_.NotAfter -lt $new.NotAfter } |
    ForEach-Object {
        Write-Log "Removing old certificate $($_.Thumbprint) (expires $($_.NotAfter.ToShortDateString()))"
        $_ | Remove-ExchangeCertificate -Confirm:$false
    }

Write-Log 'Done'
