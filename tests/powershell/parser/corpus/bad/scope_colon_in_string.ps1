Write-Host "Count: $script: items"
