function Enable-Certificates {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('Thumb')]
        [string[]]$Thumbprint
    )
    begin { $done = 0 }
    process {
        foreach ($t in $Thumbprint) {
            if ($PSCmdlet.ShouldProcess($t, 'Enable')) { $done++ }
        }
    }
    end { "$done certificates enabled" }
}
