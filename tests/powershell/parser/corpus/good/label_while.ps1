:retry while ($true) {
    break retry
}
