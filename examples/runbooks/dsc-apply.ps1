<#
.SYNOPSIS
  Applies the ExchangeCertificateResource module beside this script: tests, sets when needed, tests again.
#>
param(
    [Parameter(Mandatory = $true)][string]$Thumbprint,
    [string[]]$Services = @('IIS', 'SMTP')
)
Import-Module (Join-Path $PSScriptRoot 'ExchangeCertificateResource.psm1')

$before = Test-TargetResource -Thumbprint $Thumbprint -Services $Services
if (-not $before) { Set-TargetResource -Thumbprint $Thumbprint -Services $Services }
$after = Test-TargetResource -Thumbprint $Thumbprint -Services $Services
"in desired state before: $before, after: $after"
