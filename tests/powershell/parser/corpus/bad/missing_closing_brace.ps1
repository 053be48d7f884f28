foreach ($c in $certs) {
    $c.Thumbprint
