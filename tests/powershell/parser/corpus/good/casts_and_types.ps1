[int]'42'
[string]42
[datetime]'2026-11-28'
[byte[]]$bytes = 1, 2, 3
[void]$list.Add(1)
[int[,]]$grid = $null
[System.Collections.Generic.Dictionary[string, int]]$map = @{}
