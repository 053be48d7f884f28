trap [System.DivideByZeroException] {
    'caught'
    continue
}
trap { break }
1 / 0
