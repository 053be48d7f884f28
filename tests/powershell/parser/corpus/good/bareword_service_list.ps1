Enable-ExchangeCertificate -Thumbprint $t -Services IIS,SMTP -Force
Enable-ExchangeCertificate -Thumbprint $t -Services POP, IMAP, SMTP, IIS
