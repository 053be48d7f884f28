Get-Content < C:\x.txt
