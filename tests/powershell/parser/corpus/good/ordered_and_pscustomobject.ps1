$o = [ordered]@{ Thumbprint = $t; Days = 30 }
$p = [pscustomobject]@{
    Server = $env:COMPUTERNAME
    Expires = $cert.NotAfter
}
