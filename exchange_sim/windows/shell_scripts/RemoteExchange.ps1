# Exchange Management Shell start-up script of an exchange-sim lab server (2010 and later).
# The shell's shortcut dot-sources this file and then runs `Connect-ExchangeServer -auto`; runbooks do
# the same. Connect-ExchangeServer opens implicit remoting to the server's /PowerShell/ endpoint,
# as the shell does on a real server.

function Get-ExBanner {
    Write-Host ''
    Write-Host '         Welcome to the Exchange Management Shell!'
    Write-Host ''
    Write-Host 'Full list of cmdlets: Get-Command'
    Write-Host 'Only Exchange cmdlets: Get-ExCommand'
    Write-Host 'Cmdlets that match a specific string: Help *<string>*'
    Write-Host 'Get general help: Help'
    Write-Host 'Get help for a cmdlet: Help <cmdlet name> or <cmdlet name> -?'
    Write-Host 'Exchange team blog: Get-ExBlog'
    Write-Host 'Show full output for a command: <command> | Format-List'
    Write-Host ''
}

function Get-ExCommand {
    param([string]$Name = '*')
    Get-Command -Name $Name -CommandType Cmdlet, Function |
        Where-Object { $_.Source -like 'Microsoft.Exchange*' -or $_.Source -like 'tmp_*' }
}

function Get-ExBlog {
    Start-Process 'https://techcommunity.microsoft.com/t5/exchange-team-blog/bg-p/Exchange'
}

function Connect-ExchangeServer {
    [CmdletBinding(DefaultParameterSetName = 'Auto')]
    param(
        [Parameter(ParameterSetName = 'Default', Position = 0)]
        [string]$ServerFqdn,
        [Parameter(ParameterSetName = 'Auto')]
        [switch]$Auto,
        [switch]$ClearCache,
        [string]$UserName,
        [string]$Forest,
        [switch]$Prompt,
        [string]$ClientApplication
    )
    if (-not $ServerFqdn) {
        # -Auto: the Exchange server this shell runs on.
        $ServerFqdn = [System.Net.Dns]::GetHostEntry($env:COMPUTERNAME).HostName
    }
    Write-Verbose "Connecting to $ServerFqdn." -Verbose
    $session = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri "http://$ServerFqdn/PowerShell/" -Authentication Kerberos
    if ($session) {
        Import-PSSession $session -AllowClobber -DisableNameChecking | Out-Null
        Write-Verbose "Connected to $ServerFqdn." -Verbose
    }
}

Get-ExBanner
