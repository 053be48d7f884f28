$body = @"
text
