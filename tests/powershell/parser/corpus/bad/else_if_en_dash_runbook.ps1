$c = Get-ExchangeCertificate –Thumbprint $t
if ($c.Services –match 'IIS') {
    'web'
}
else if ($c) {
    'other'
}
