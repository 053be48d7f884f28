# a line comment
Get-Date # trailing comment
<# a block
   comment #>
Get-Date <# inline #> -Format 'yyyy'
Write-Output a#b
$x = 1 <# before operator #> + 2
