Write-Host "Now: $(Get-Date"
