$stats.Count++
$h['k'] += 1
$obj.Items[0].Value = 5
