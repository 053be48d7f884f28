Import-ExchangeCertificate –FileName “C:\certificates\mail.pfx” –Password (ConvertTo-SecureString ‘P@ssw0rd’ –AsPlainText –Force)
$mixed = ‘abc'
$double = „German“
