$t = [int]
$u = [System.String]
[string[]]
$v = [hashtable]
