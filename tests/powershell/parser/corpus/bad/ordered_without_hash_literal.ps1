$o = [ordered]$list
