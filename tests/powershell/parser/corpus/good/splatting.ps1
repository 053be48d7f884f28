$params = @{
    Thumbprint = $t
    Services   = 'IIS', 'SMTP'
    Force      = $true
}
Enable-ExchangeCertificate @params
Get-ExchangeCertificate @PSBoundParameters -ErrorAction Stop
