$label = if ($days -lt 30) { 'expiring' } else { 'ok' }
