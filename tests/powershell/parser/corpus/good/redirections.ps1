Get-ExchangeCertificate > C:\temp\certs.txt
Get-ExchangeCertificate >> C:\temp\certs.txt
Get-Item C:\nope 2> $null
Get-Item C:\nope 2>&1
Get-Item C:\nope *> C:\temp\all.txt
$report > C:\temp\report.txt
