C:\Windows\System32\certutil.exe -store my
.\renew.ps1 -Verbose
\\FILESRV01\share\deploy.cmd
