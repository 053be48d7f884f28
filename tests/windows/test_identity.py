"""The admin check runbooks start with: the lab user is an administrator of the server."""

from __future__ import annotations


def test_the_lab_user_is_in_the_administrator_role_by_enum_cast_and_group_name(run_runbook) -> None:
    done = run_runbook(
        "$id = [System.Security.Principal.WindowsIdentity]::GetCurrent()\n"
        "$p = New-Object System.Security.Principal.WindowsPrincipal($id)\n"
        "$p.IsInRole([System.Security.Principal.WindowsBuiltInRole]::Administrator)\n"
        "([Security.Principal.WindowsPrincipal]$id).IsInRole([Security.Principal.WindowsBuiltInRole] 'Administrator')\n"
        "$p.IsInRole('BUILTIN\\Administrators'); $p.IsInRole('Organization Management')\n"
        "$p.IsInRole([Security.Principal.WindowsBuiltInRole]::Guest); $p.IsInRole('Guests')\n"
        "$id.Name\n"
    )
    assert done.stdout.split() == ["True", "True", "True", "True", "False", "False", "CONTOSO\\Administrator"]
