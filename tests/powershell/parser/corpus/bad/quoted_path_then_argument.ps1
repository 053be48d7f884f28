"C:\Tools\renew.exe" renew
