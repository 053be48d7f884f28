$s -eq 'IIS'; $s -ne 'x'; $n -gt 1; $n -ge 1; $n -lt 1; $n -le 1
$s -like '*IIS*'; $s -notlike 'x*'; $s -match '^CN='; $s -notmatch 'y'
$s -ceq 'IIS'; $s -ilike 'i*'; $s -creplace 'a', 'b'; $l -contains 'a'; $l -notcontains 'b'
'a' -in $l; 'b' -notin $l; $o -is [string]; $o -isnot [int]; $o -as [int]
$s -replace 'CN=', ''
1 -shl 2; 8 -shr 1; 5 -bor 2; 5 -bxor 1; $true -xor $false
