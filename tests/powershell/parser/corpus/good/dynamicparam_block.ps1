function Get-Thing {
    [CmdletBinding()]
    param()
    dynamicparam { $null }
    end { 'thing' }
}
