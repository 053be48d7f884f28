Write-Host "abc
