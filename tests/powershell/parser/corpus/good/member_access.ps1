$cert.Thumbprint
$cert.SubjectName.Name
$cert.'Friendly Name'
$prop = 'Subject'
$cert.$prop
$cert.($prop)
(Get-Date).AddDays(30).ToString('yyyy-MM-dd')
$cert.
    NotAfter
