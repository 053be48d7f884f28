$a = 1 + 2 * 3
$b = $x -or $y -and $z
$c = -not $p -eq $q
$d = 1, 2 + 3
$e = 'a,b' -split ',' -join ';'
$f = -2..2
$g = [int]$s + 1
$h = 10 % 3 -band 1
