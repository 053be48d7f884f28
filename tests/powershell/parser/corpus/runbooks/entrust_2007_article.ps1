# Steps pasted from a vendor article for Exchange 2007: the text editor turned dashes into
# en/em dashes and quotes into typographic quotes. PowerShell accepts all of them.
New-ExchangeCertificate –GenerateRequest –Path c:\certificates\mail_contoso_com.csr –KeySize 2048 –SubjectName “c=US, s=Washington, l=Redmond, o=Contoso Ltd, cn=mail.contoso.com” –DomainName mail.contoso.com, autodiscover.contoso.com –PrivateKeyExportable $True

Import-ExchangeCertificate –Path c:\certificates\certnew.cer | Enable-ExchangeCertificate –Services “IIS, SMTP”

Get-ExchangeCertificate —DomainName mail.contoso.com | Format-List *

Enable-ExchangeCertificate –Thumbprint 5113AE0233A72FCCB75D1D3E0000000000000001 –Services IIS,SMTP,POP,IMAP –Confirm:$false
$cert = Get-ExchangeCertificate | Where-Object { $_.Subject –like ‘*mail.contoso.com*’ }
Write-Host “Installed certificate $($cert.Thumbprint)”
Get-ExchangeCertificate | Where-Object { $_.Services -match "SMTP" }
