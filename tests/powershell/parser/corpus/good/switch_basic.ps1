switch ($service) {
    IIS { 'web' }
    SMTP { 'mail' }
    default { 'other' }
}
