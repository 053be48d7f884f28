$empty = @{}
$h = @{ Name = 'mail'; Port = 25 }
$h2 = @{
    'Content-Type' = 'text/plain'
    1 = 'one'
    $key = 'variable key'
    (Get-Date).Year = 'year'
    When = Get-Date
}
