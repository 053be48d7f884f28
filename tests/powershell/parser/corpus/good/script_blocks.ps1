$filter = { $_.IsSelfSigned -eq $false }
$withParam = { param([string]$Name) "Hello $Name" }
$blocks = { begin { 0 } process { $_ } end { 1 } }
& $withParam -Name 'World'
$filter.Invoke($cert)
