"""Crypto values: the only package that touches key material and ASN.1. It imports nothing of ours.

Import from the modules; everything they hand out is a frozen value or a `cryptography` object.

- thumbprint: Thumbprint(hex) .of(cert) .of_der(der) .parse(text) (§2.7); InvalidThumbprint
- keys: generate_rsa_key(bits); encrypt_private_key / decrypt_private_key (PKCS#8, PBES2-AES-256); private_key_der /
  load_private_key_der; InvalidKeySize, PrivateKeyDataInvalid
- key_pool: KeyPool(sizes, depth) .start() .take(bits) .stop(wait=True) .available(bits)
  .wait_until_full(timeout) .export_pooled() .preload(blobs) .refill_process_id
- key_process: KeyProcess().generate(bits) .stop() — keys made in a child process (the GIL);
  KeyProcessGone
- names: parse_distinguished_name, format_distinguished_name (Windows order and quoting),
  common_name, is_valid_domain_name, domain_matches; InvalidDistinguishedName
- builders: self_signed_certificate (§5.3; hash_name="sha1" works), certificate_request (§5.4),
  new_certificate_authority, issue_subordinate_authority, issue_certificate, requested_dns_names
- requests: request_placeholder (the REQUEST-store dummy), completes_request, request_is_intact
- formats: read_certificate_data -> CertificateBundle (§6.3, by content), leaf_of (§6.2),
  export_pkcs12, request_text / request_der / request_base64, load_request, certificate_pem /
  certificate_der, load_certificate_der, pkcs7_chain; CertificateDataError and subclasses
  WrongPassword, CertificateDataInvalid, Base64DataInvalid, RequestDataInvalid
- facts: CertificateFacts.of(cert) (§2.5), usability_problem(facts, has_private_key) (§4.2)
- chain: evaluate_trust(cert, intermediates=, roots={"Registry": [...], ...}, now=) ->
  TrustVerdict(status, root_ca_type, chain) (§2.3, §2.4); PENDING_REQUEST
- validity: add_months, self_signed_validity(now, version), AUTH_CERTIFICATE_LIFETIME
- signatures, der: internals (SHA-1 signing/verification that `cryptography` refuses; DER walking)
"""
