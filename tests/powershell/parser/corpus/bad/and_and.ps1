Get-Service W3SVC && Restart-Service W3SVC
