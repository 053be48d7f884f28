. ([scriptblock]::Create('1'))
& (Get-Command Get-Date)
&'C:\tool.exe'
