[CmdletBinding()]
param(
    [Parameter(Mandatory)][string]$Thumbprint,
    [ValidateSet('IIS', 'SMTP', 'IMAP', 'POP')][string[]]$Services = @('IIS', 'SMTP'),
    [switch]$Force
)
Enable-ExchangeCertificate -Thumbprint $Thumbprint -Services $Services -Force:$Force
