switch (1, 2, 3) {
    1 { 'one' }
    2 { 'two'; continue }
    3 { 'three' }
}
