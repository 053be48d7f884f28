Enable-ExchangeCertificate -Services IIS,
