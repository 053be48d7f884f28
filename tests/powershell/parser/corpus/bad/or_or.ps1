Test-Path C:\x || Write-Host missing
