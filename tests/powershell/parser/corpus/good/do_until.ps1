do {
    Start-Sleep -Seconds 1
    $status = Get-Service MSExchangeTransport
} until ($status.Status -eq 'Running')
