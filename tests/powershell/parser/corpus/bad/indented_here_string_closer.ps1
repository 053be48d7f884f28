$text = @'
line
    '@
