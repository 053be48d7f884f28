$a = 1, 2, 3
$b = @()
$c = @(1)
$d = @(Get-ExchangeCertificate)
$e = ,(1, 2)
$f = @(
    'IMAP'
    'POP'
)
