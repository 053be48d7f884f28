Get-Item x 1>&2
