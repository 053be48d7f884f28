"""Crypto values: the only package that touches key material and ASN.1.

Import from the modules (`exchange_sim.certs.thumbprint`, `.keys`, `.names`, `.builders`,
`.formats`, `.facts`, `.chain`); everything they hand out is a frozen value or a
`cryptography` object.
"""
