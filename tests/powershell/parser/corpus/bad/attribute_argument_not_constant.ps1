param([ValidateSet($choices)][string]$Mode)
