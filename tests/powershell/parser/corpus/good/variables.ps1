$_
$PSItem
$env:TEMP
${env:ProgramFiles(x86)}
${C:\temp\x.txt}
${my var}
$script:counter
$global:settings
$using:remoteVar
$$
$?
$^
$ok?
