$total = 1 +
    2 +
    3
$list = 'a',
    'b'
if ($a -and
    $b) { 'both' }
