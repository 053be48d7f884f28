Enable-ExchangeCertificate –Thumbprint 5113AE0233A72FCCB75D1D3E00000000000000A1 –Services IIS,SMTP
Get-ExchangeCertificate —Server EX01 ― ErrorAction Stop
if ($a –eq $b) { 'same' }
