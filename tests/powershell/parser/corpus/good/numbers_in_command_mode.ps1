Write-Output 1.50 0x10 1kb 7z 1.5.3 -1
