Get-ChildItem $dir\certificates
Write-Output $x-old abc$(1+1) $(1+1)abc
Get-Item Cert:\LocalMachine\My\$thumb
