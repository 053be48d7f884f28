# Exchange Management Shell start-up script of an exchange-sim lab server (Exchange 2007).
# 2007's shell runs locally: this file loads the management snap-in (exshell.psc1 does on a real
# server) and prints the shell's welcome.

if (-not (Get-PSSnapin Microsoft.Exchange.Management.PowerShell.Admin -ErrorAction SilentlyContinue)) {
    Add-PSSnapin Microsoft.Exchange.Management.PowerShell.Admin
}

function Get-ExBanner {
    Write-Host ''
    Write-Host '         Welcome to the Exchange Management Shell!'
    Write-Host ''
    Write-Host 'Full list of cmdlets: get-command'
    Write-Host 'Only Exchange cmdlets: get-excommand'
    Write-Host 'Cmdlets for a specific role: get-help -role *UM* or *Mailbox*'
    Write-Host 'Get general help: help'
    Write-Host 'Get help for a cmdlet: help <cmdlet-name> or <cmdlet-name> -?'
    Write-Host 'Show quick reference guide: quickref'
    Write-Host 'Exchange team blog: get-exblog'
    Write-Host 'Show full output for a cmd: <cmd> | format-list'
    Write-Host ''
}

function Get-ExCommand {
    param([string]$Name = '*')
    Get-Command -Name $Name -CommandType Cmdlet | Where-Object { $_.Source -like 'Microsoft.Exchange*' }
}

Get-ExBanner
