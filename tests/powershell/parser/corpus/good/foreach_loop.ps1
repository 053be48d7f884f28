foreach ($server in Get-ExchangeServer) {
    Get-ExchangeCertificate -Server $server.Name
}
