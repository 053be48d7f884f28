$total = 0
$total += 5
$total -= 1
$total *= 2
$total /= 4
$total %= 3
$a = $b = 5
$a, $b = $b, $a
$first, $rest = 1, 2, 3
