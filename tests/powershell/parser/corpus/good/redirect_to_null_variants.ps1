$null = New-Item -ItemType Directory C:\temp -Force
[void](New-Item -ItemType Directory C:\temp -Force)
New-Item -ItemType Directory C:\temp -Force | Out-Null
New-Item -ItemType Directory C:\temp -Force > $null
