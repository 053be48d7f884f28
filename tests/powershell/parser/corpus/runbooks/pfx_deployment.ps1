# Export a certificate once, import it on every Mailbox server and enable it there.
param(
    [Parameter(Mandatory = $true)][string]$Thumbprint,
    [string]$SourceServer = 'EX01',
    [string]$Share = '\\FILESRV01\certs'
)

$password = Read-Host -AsSecureString -Prompt 'PFX password'
$export = Export-ExchangeCertificate -Server $SourceServer -Thumbprint $Thumbprint -BinaryEncoded `
    -Password $password
Set-Content -Path "$Share\$Thumbprint.pfx" -Value $export.FileData -Encoding Byte

$targets = Get-MailboxServer | Where-Object { $_.Name -ne $SourceServer } | Select-Object -ExpandProperty Name
$results = foreach ($target in $targets) {
    $data = Get-Content -Path "$Share\$Thumbprint.pfx" -Encoding Byte -ReadCount 0
    try {
        Import-ExchangeCertificate -Server $target -FileData $data -Password $password -ErrorAction Stop | Out-Null
        Enable-ExchangeCertificate -Server $target -Thumbprint $Thumbprint -Services IIS, SMTP -Force
        [pscustomobject]@{ Server = $target; Result = 'OK' }
    }
    catch [System.Management.Automation.RemoteException] {
        [pscustomobject]@{ Server = $target; Result = "failed: $($_.Exception.Message)" }
    }
}
$results | Format-Table -AutoSize
$failed = @($results | ? { $_.Result -ne 'OK' }).Count
exit $failed
