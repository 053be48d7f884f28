$head = @"
<style>
td { padding: 2px; }
</style>
<title>Certificates on $server</title>
"@
$raw = @'
No $expansion
"quotes" and 'quotes'
'@
$empty = @"
"@
$formatted = @"
{0} days
"@ -f 30
