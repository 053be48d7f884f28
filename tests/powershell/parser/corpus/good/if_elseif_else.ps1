$count = 3
if ($count -gt 5) {
    'many'
}
elseif ($count -gt 1) {
    'some'
}
else {
    'none'
}
