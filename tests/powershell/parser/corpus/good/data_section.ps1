data messages {
    ConvertFrom-StringData @'
Hello = Hello there
Bye = Goodbye
'@
}
data -SupportedCommand ConvertFrom-StringData { 'x' }
