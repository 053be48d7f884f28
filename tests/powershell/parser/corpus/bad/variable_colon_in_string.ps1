Write-Host "$server: done"
