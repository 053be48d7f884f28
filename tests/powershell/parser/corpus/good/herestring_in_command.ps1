ConvertTo-Html -Head @"
<title>Report</title>
"@ -Body 'x'
