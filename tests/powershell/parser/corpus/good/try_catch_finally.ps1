try {
    Enable-ExchangeCertificate -Thumbprint $t -Services IIS -ErrorAction Stop
}
catch [System.Management.Automation.ItemNotFoundException], [System.ArgumentException] {
    Write-Warning "not found: $($_.Exception.Message)"
}
catch {
    throw
}
finally {
    'done'
}
