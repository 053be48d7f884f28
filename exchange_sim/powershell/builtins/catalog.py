"""Which module of the core cmdlets declares each command, and their aliases: what a session knows
before it imports any of them (`register` defers each family until one of its commands is looked up).

Kept in step with the declarations by tests/powershell/builtins/test_builtins_catalog.py.
"""

from __future__ import annotations

# Family module (under exchange_sim.powershell.builtins) -> the commands it declares.
FAMILIES: dict[str, tuple[str, ...]] = {
    "filtering": ("Where-Object", "ForEach-Object"),
    "selecting": ("Select-Object",),
    "ordering": ("Sort-Object", "Group-Object"),
    "measuring": ("Measure-Object", "Compare-Object"),
    "members": ("Add-Member", "New-Object", "Get-Member"),
    "formatting": ("Format-Table", "Format-List", "Out-String", "Out-Null", "Out-Default", "Out-Host"),
    "output": (
        "Write-Host", "Write-Output", "Write-Error", "Write-Warning", "Write-Verbose", "Write-Debug",
        "Write-Information", "Write-Progress",
    ),
    "variables": ("Get-Variable", "Set-Variable", "New-Variable", "Remove-Variable", "Clear-Variable"),
    "dates": ("Get-Date",),
    "security": ("Get-Credential", "Read-Host", "ConvertTo-SecureString", "ConvertFrom-SecureString"),
    "utility": ("Start-Sleep", "Get-Random", "Set-StrictMode", "Invoke-Expression"),
    "discovery": ("Get-Command", "Get-Alias", "Get-Help"),
    "conversion": (
        "ConvertTo-Json", "ConvertFrom-Json", "ConvertTo-Csv", "ConvertFrom-Csv", "ConvertTo-Html",
    ),
    "text_search": ("Select-String",),
    "content": ("Get-Content", "Set-Content", "Add-Content", "Out-File", "Tee-Object", "Export-Csv", "Import-Csv"),
    "items": (
        "Get-Item", "Get-ChildItem", "New-Item", "Remove-Item", "Copy-Item", "Move-Item", "Rename-Item",
        "mkdir",
    ),
    "locations": (
        "Get-Location", "Set-Location", "Push-Location", "Pop-Location", "Test-Path", "Resolve-Path",
        "Join-Path", "Split-Path",
    ),
    "modules": ("Import-Module", "Export-ModuleMember", "Get-Module", "Remove-Module"),
    "drives": ("Get-PSDrive", "Get-PSProvider"),
}

# Alias -> command, as PowerShell 5.1 defines them for these cmdlets.
ALIASES: dict[str, str] = {
    "where": "Where-Object", "?": "Where-Object", "foreach": "ForEach-Object", "%": "ForEach-Object",
    "select": "Select-Object", "sort": "Sort-Object", "group": "Group-Object", "measure": "Measure-Object",
    "compare": "Compare-Object", "diff": "Compare-Object", "gm": "Get-Member", "ft": "Format-Table",
    "fl": "Format-List", "oh": "Out-Host", "echo": "Write-Output", "write": "Write-Output",
    "gv": "Get-Variable", "sv": "Set-Variable", "set": "Set-Variable", "nv": "New-Variable",
    "rv": "Remove-Variable", "clv": "Clear-Variable", "sleep": "Start-Sleep", "iex": "Invoke-Expression",
    "gcm": "Get-Command", "gal": "Get-Alias", "help": "Get-Help", "man": "Get-Help", "sls": "Select-String",
    "gc": "Get-Content", "type": "Get-Content", "cat": "Get-Content", "sc": "Set-Content",
    "ac": "Add-Content", "tee": "Tee-Object", "epcsv": "Export-Csv", "ipcsv": "Import-Csv", "gi": "Get-Item",
    "gci": "Get-ChildItem", "ls": "Get-ChildItem", "dir": "Get-ChildItem", "ni": "New-Item",
    "ri": "Remove-Item", "rm": "Remove-Item", "rmdir": "Remove-Item", "del": "Remove-Item",
    "erase": "Remove-Item", "rd": "Remove-Item", "cpi": "Copy-Item", "cp": "Copy-Item", "copy": "Copy-Item",
    "mi": "Move-Item", "mv": "Move-Item", "move": "Move-Item", "rni": "Rename-Item", "ren": "Rename-Item",
    "gl": "Get-Location", "pwd": "Get-Location", "sl": "Set-Location", "cd": "Set-Location",
    "chdir": "Set-Location", "pushd": "Push-Location", "popd": "Pop-Location", "rvpa": "Resolve-Path",
    "ipmo": "Import-Module", "gmo": "Get-Module", "rmo": "Remove-Module", "md": "mkdir",
    "gdr": "Get-PSDrive",
}
