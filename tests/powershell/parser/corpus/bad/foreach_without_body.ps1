foreach ($c in $certs)
