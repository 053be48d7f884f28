Write-Host (Get-Date
