foreach ($c $certs) { }
