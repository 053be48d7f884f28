$x = -$y
$x = +$y
$x = !$flag
$x = -not $flag
$x = -bnot 5
$x = -split 'a b c'
$x = -join ('a', 'b')
$x = , 1
++$i
--$i
$i--
