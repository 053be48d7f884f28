<#
  A DSC-style resource for an Exchange certificate's services: Get / Test / Set, idempotent.
#>

function Get-TargetResource {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)][string]$Thumbprint,
        [string[]]$Services = @()
    )
    $cert = Get-ExchangeCertificate -Thumbprint $Thumbprint -ErrorAction SilentlyContinue
    @{
        Thumbprint = $Thumbprint
        Ensure     = if ($cert) { 'Present' } else { 'Absent' }
        Services   = if ($cert) { @(($cert.Services.ToString() -split ',\s*') | Where-Object { $_ -ne 'None' }) } else { @() }
    }
}

function Test-TargetResource {
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory = $true)][string]$Thumbprint,
        [string[]]$Services = @()
    )
    $current = Get-TargetResource @PSBoundParameters
    if ($current.Ensure -ne 'Present') { return $false }
    $missing = @($Services | Where-Object { $current.Services -notcontains $_ })
    Write-Verbose ("Missing services: {0}" -f ($missing -join ','))
    return $missing.Count -eq 0
}

function Set-TargetResource {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)][string]$Thumbprint,
        [string[]]$Services = @()
    )
    if (Test-TargetResource @PSBoundParameters) { return }
    if ($PSCmdlet.ShouldProcess($Thumbprint, "Enable for $($Services -join ',')")) {
        Enable-ExchangeCertificate -Thumbprint $Thumbprint -Services $Services -Force
    }
}

Export-ModuleMember -Function Get-TargetResource, Set-TargetResource, Test-TargetResource
