Write-Output @
