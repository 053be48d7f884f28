function Get-X {
    if ($a) {
        1
    }
