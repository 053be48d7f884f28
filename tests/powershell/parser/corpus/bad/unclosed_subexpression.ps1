$now = $(Get-Date
