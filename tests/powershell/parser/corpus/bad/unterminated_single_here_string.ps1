$body = @'
text
