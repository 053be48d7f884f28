switch -Regex -CaseSensitive ($subject) {
    '^CN=mail' { 'mail' ; break }
    { $_ -like '*autodiscover*' } { 'autodiscover' }
    default { 'unknown' }
}
switch -w ('a.contoso.com') { '*.contoso.com' { 'internal' } }
