Get-ExchangeCertificate -Thumbprint $t | Format-List
$x = 1
