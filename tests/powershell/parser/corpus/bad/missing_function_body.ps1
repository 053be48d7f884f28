function Get-X
