$tries = 0
do {
    $tries++
} while ($tries -lt 3)
