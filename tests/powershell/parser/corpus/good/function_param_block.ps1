function Get-ExpiringCertificate {
    param(
        [string]$Server = $env:COMPUTERNAME,
        [int]$Days = 30
    )
    Get-ExchangeCertificate -Server $Server | Where-Object { $_.NotAfter -lt (Get-Date).AddDays($Days) }
}
