if ($a -eq 1
