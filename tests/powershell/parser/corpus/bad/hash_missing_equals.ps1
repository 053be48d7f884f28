$h = @{ Name 'a' }
