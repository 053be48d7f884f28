"Name: $($cert.Subject.Split(',')[0])"
"Days: $(($cert.NotAfter - (Get-Date)).Days)"
"Nested: $("inner $x")"
