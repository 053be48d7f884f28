#Requires -Version 3.0
# Multi-server expiry report: one HTML table of every Exchange certificate and its days left.
param(
    [int]$WarningDays = 30,
    [string]$OutFile = "$env:TEMP\ExchangeCertificates.html",
    [string[]]$MailTo = @('exchange-admins@contoso.com')
)

$head = @"
<style>
body { font-family: Segoe UI, sans-serif; }
table { border-collapse: collapse; }
td, th { border: 1px solid #999; padding: 2px 6px; }
.expiring { background-color: #fdd; }
</style>
<title>Exchange certificates on $(Get-Date -Format 'yyyy-MM-dd')</title>
"@

$letters = @{ W = 'IIS'; S = 'SMTP'; I = 'IMAP'; P = 'POP'; U = 'UM' }
$rows = New-Object System.Collections.Generic.List[object]
$today = Get-Date

foreach ($server in Get-ExchangeServer | Where-Object { $_.IsClientAccessServer -or $_.ServerRole -match 'Mailbox' }) {
    try {
        $certs = @(Get-ExchangeCertificate -Server $server.Name -ErrorAction Stop)
    }
    catch {
        Write-Warning "Cannot read certificates on $($server.Name): $_"
        continue
    }
    foreach ($cert in $certs) {
        $services = ($cert.ServicesStringForm.ToCharArray() | ForEach-Object { $letters["$_"] }) -join ', '
        $cn = ($cert.Subject -split ',')[0] -replace '^CN=', ''
        $days = [int]($cert.NotAfter - $today).TotalDays
        $row = New-Object PSObject -Property ([ordered]@{
            Server     = $server.Name
            CommonName = $cn
            Issuer     = ($cert.Issuer -split ',')[0].Substring(3)
            Services   = $services
            Expires    = $cert.NotAfter.ToString('yyyy-MM-dd')
            DaysLeft   = $days
        })
        $row | Add-Member -MemberType NoteProperty -Name Thumbprint -Value $cert.Thumbprint
        $rows.Add($row)
    }
}

$expiring = @($rows | Where-Object { $_.DaysLeft -le $WarningDays } | Sort-Object DaysLeft)
$body = $rows | Sort-Object Server, DaysLeft |
    Select-Object Server, CommonName, Issuer, Services, Expires, DaysLeft, @{ Name = 'Status'; Expression = {
        if ($_.DaysLeft -lt 0) { 'EXPIRED' } elseif ($_.DaysLeft -le $WarningDays) { 'renew soon' } else { 'ok' }
    } } |
    ConvertTo-Html -Head $head -PreContent "<h2>$($expiring.Count) certificate(s) expire within $WarningDays days</h2>"

$body | Out-File -FilePath $OutFile -Encoding utf8
Write-Output ("Report written to {0} ({1} rows)" -f $OutFile, $rows.Count)

if ($expiring.Count -gt 0) {
    $mail = @{
        To         = $MailTo
        From       = "reports@contoso.com"
        Subject    = "[Exchange] $($expiring.Count) certificate(s) expiring"
        Body       = ($body | Out-String)
        BodyAsHtml = $true
        SmtpServer = 'smtp.contoso.com'
    }
    Send-MailMessage @mail
}
