[ValidateRange(1, 5)][int]$level = 3
$level
