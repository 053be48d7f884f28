#Requires -Version 3.0
#requires -RunAsAdministrator
#Requires -Modules WebAdministration, PKI
Get-Date
