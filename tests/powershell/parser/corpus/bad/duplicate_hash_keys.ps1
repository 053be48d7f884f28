$h = @{ Name = 'a'; name = 'b' }
