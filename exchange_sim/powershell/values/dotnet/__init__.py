"""The .NET surface runbooks use: instance members of strings, numbers, dates, collections; static members
of `[string]`, `[Math]`, `[Convert]`, `[IO.Path]`, `[datetime]`, `[regex]` ...; SecureString and PSCredential."""
