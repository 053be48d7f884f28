Get-Date
}
