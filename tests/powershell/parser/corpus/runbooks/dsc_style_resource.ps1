# A DSC-style resource module for the certificate bound to Exchange services: Get/Set/Test,
# idempotent, Services compared with the desired list.
function Get-TargetResource {
    [CmdletBinding()]
    [OutputType([System.Collections.Hashtable])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Thumbprint,

        [ValidateSet('Present', 'Absent')]
        [string]$Ensure = 'Present'
    )

    $cert = Get-ExchangeCertificate -Thumbprint $Thumbprint -ErrorAction SilentlyContinue
    return @{
        Thumbprint = $Thumbprint
        Ensure     = if ($cert) { 'Present' } else { 'Absent' }
        Services   = if ($cert) { [string[]]($cert.Services.ToString() -split ',\s*') } else { @() }
    }
}

function Test-TargetResource {
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Thumbprint,
        [string[]]$Services = @('IIS', 'SMTP'),
        [ValidateSet('Present', 'Absent')]
        [string]$Ensure = 'Present'
    )

    $current = Get-TargetResource -Thumbprint $Thumbprint -Ensure $Ensure
    if ($current.Ensure -ne $Ensure) { return $false }
    if ($Ensure -eq 'Absent') { return $true }
    $difference = Compare-Object -ReferenceObject ($Services | Sort-Object) -DifferenceObject ($current.Services | Sort-Object)
    return ($null -eq $difference)
}

function Set-TargetResource {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Thumbprint,
        [string[]]$Services = @('IIS', 'SMTP'),
        [ValidateSet('Present', 'Absent')]
        [string]$Ensure = 'Present',
        [string]$PfxPath
    )

    $null = $PSBoundParameters.Remove('Ensure')
    if ($Ensure -eq 'Absent') {
        if ($PSCmdlet.ShouldProcess($Thumbprint, 'Remove certificate')) {
            Remove-ExchangeCertificate -Thumbprint $Thumbprint -Confirm:$false
        }
        return
    }
    if (-not (Get-ExchangeCertificate -Thumbprint $Thumbprint -ErrorAction SilentlyContinue)) {
        $bytes = Get-Content -Path $PfxPath -Encoding Byte -ReadCount 0
        Import-ExchangeCertificate -FileData $bytes -PrivateKeyExportable $true | Out-Null
    }
    $enable = @{
        Thumbprint = $Thumbprint
        Services   = $Services -join ','
        Force      = $true
    }
    Enable-ExchangeCertificate @enable
}

Export-ModuleMember -Function *-TargetResource
