$a = $b -Services IIS
