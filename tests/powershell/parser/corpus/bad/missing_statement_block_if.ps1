if ($a) 'x'
