$s.Trim().ToUpper()
$s.Split(',')[0]
$list.Add( 1 )
$x.Replace('a',
           'b')
$items.Where{ $_ -gt 1 }
$items.ForEach({ $_ * 2 })
