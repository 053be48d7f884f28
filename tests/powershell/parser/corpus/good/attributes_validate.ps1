param(
    [ValidateRange(1, 365)][int]$Days = 30,
    [ValidateNotNullOrEmpty()][string]$Domain = 'contoso.com',
    [ValidateScript({ Test-Path $_ })][string]$Path = 'C:\temp',
    [ValidatePattern('^[0-9A-F]{40}$')][string]$Thumbprint
)
