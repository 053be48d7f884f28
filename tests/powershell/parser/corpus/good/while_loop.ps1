$n = 0
while ($n -lt 3) {
    $n += 1
}
