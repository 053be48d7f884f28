Get-Item x 2> a.txt 2> b.txt
