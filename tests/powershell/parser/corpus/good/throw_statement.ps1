if (-not $cert) { throw "Certificate $thumb not found" }
try { throw } catch { $_ }
