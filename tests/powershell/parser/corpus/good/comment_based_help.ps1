<#
.SYNOPSIS
    Lists Exchange certificates that expire soon.
.PARAMETER Days
    How many days ahead to look.
#>
param([int]$Days = 30)

function Get-Soon {
    <#
    .SYNOPSIS
        Inner help.
    #>
    param($d)
    $d
}

# .SYNOPSIS
# Help written as line comments.
function Get-Other { 'x' }
