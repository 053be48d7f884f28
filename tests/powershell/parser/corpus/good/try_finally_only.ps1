try { Remove-Item C:\temp\x.req } finally { 'cleanup' }
