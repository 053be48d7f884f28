Write-Output `$notAVariable a`tb `#notAComment
