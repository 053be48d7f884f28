Get-Date )
