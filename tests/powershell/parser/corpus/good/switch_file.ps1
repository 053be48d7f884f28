switch -File C:\certificates\list.txt {
    default { $_.Trim() }
}
