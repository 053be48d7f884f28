$list = 1..10
$list[0]
$list[-1]
$list[2..4]
$list[0, 2, 4]
$list[0][0]
