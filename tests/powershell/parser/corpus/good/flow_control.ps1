foreach ($i in 1..10) {
    if ($i -eq 2) { continue }
    if ($i -eq 5) { break }
}
function f { return 42 }
function g { return }
if ($false) { exit 2 }
if ($false) { exit }
