icacls C:\certificates --% /grant Administrators:(OI)(CI)F
certutil --% -repairstore my "1234abcd"
