$text = @" trailing
body
"@
