$thumb =
