$list = New-Object System.Collections.Generic.List[string]
$typed = [System.Collections.Generic.List[string]]::new()
$typed.Add('x')
$pairs = [System.Collections.Generic.List[System.Collections.Generic.KeyValuePair[string,int]]]::new()
