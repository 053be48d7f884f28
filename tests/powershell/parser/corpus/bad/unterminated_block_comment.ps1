Get-Date
<# never closed
