'{0} expires on {1:yyyy-MM-dd}' -f $cert.Subject, $cert.NotAfter
"{0,-40} {1}" -f 'Thumbprint', 'Services'
