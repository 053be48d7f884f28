Get-Item -Path:
