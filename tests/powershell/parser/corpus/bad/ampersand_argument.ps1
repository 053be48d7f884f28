Write-Output a & b
