<#
.SYNOPSIS
  Mails an HTML report of every Exchange server's certificates and the days each has left.
#>
param(
    [int]$WarningDays = 30,
    [string]$To = 'messaging-team@contoso.com',
    [string]$SmtpServer = 'smtp.contoso.com'
)

$today = Get-Date
$rows = foreach ($server in Get-ExchangeServer | Sort-Object Name) {
    foreach ($cert in Get-ExchangeCertificate -Server $server.Name) {
        $left = ($cert.NotAfter - $today).Days
        New-Object PSObject -Property ([ordered]@{
            Server     = $server.Name
            Subject    = $cert.Subject
            Thumbprint = $cert.Thumbprint
            Services   = $cert.Services
            Expires    = $cert.NotAfter.ToString('yyyy-MM-dd')
            DaysLeft   = $left
            State      = if ($left -lt 0) { 'Expired' } elseif ($left -le $WarningDays) { 'Renew soon' } else { 'OK' }
        })
    }
}

$head = @"
<style>
  table { border-collapse: collapse; }
  td, th { border: 1px solid #999; padding: 2px 6px; }
</style>
"@
$soon = @($rows | Where-Object { $_.State -ne 'OK' })
$body = $rows | ConvertTo-Html -Head $head -PreContent ("<h1>Certificates: {0} need attention</h1>" -f $soon.Count) | Out-String
Send-MailMessage -To $To -From 'exchange-reports@contoso.com' -Subject ("Exchange certificates {0:yyyy-MM-dd}" -f $today) `
    -Body $body -BodyAsHtml -SmtpServer $SmtpServer
"{0} certificates on {1} servers, {2} need attention" -f @($rows).Count, @($rows | Select-Object -ExpandProperty Server -Unique).Count, $soon.Count
