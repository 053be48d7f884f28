function Add-Two($a, $b = 2) {
    return $a + $b
}
Add-Two 1
