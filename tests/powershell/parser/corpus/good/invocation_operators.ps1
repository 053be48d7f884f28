$sb = { param($x) $x * 2 }
& $sb 21
& 'C:\Program Files\tool.exe' -v
. .\helpers.ps1
. $PSScriptRoot\common.ps1
