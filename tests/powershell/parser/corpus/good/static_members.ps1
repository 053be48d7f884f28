[string]::IsNullOrEmpty($x)
[System.IO.File]::ReadAllBytes('C:\certificates\x.pfx')
[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12
[Text.Encoding]::UTF8.GetBytes('abc')
[datetime]::ParseExact('20261128', 'yyyyMMdd', $null)
