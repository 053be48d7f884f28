$count = $(Get-ExchangeCertificate).Count
$all = @(Get-ExchangeCertificate)
Write-Host "Found $($all.Count) certificates on $(hostname)"
$many = $(1; 2; 3)
