Get-Mailbox -Filter { Name -like 'a*' } -ResultSize Unlimited
Set-Thing -Values 1, 2, 3 -Names ('a', 'b')
New-Object -TypeName PSObject -Property @{ Days = 30 }
