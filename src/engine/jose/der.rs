//! Just enough DER to read and build public keys: TLV reading, SPKI inspection, PKCS#1 wrapping,
//! ECDSA signature conversion, and the public key of an X.509 certificate.

/// One DER element: tag, contents, and the rest of the input after it.
fn tlv(b: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let tag = *b.first()?;
    let first = *b.get(1)? as usize;
    let (len, hdr) = if first < 0x80 {
        (first, 2)
    } else {
        let n = first & 0x7f;
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for i in 0..n {
            len = (len << 8) | *b.get(2 + i)? as usize;
        }
        (len, 2 + n)
    };
    let body = b.get(hdr..hdr.checked_add(len)?)?;
    Some((tag, body, &b[hdr + len..]))
}

fn encode_len(len: usize, out: &mut Vec<u8>) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .into_iter()
            .skip_while(|&b| b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
}

fn element(tag: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    encode_len(body.len(), &mut out);
    out.extend_from_slice(body);
    out
}

/// What kind of public key a SubjectPublicKeyInfo holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyKind {
    /// RSA with its modulus size in bits.
    Rsa { bits: usize },
    /// EC on a named curve (`P-256`, `P-384`, `P-521`, or the OID when unknown).
    Ec { curve: String },
    /// Ed25519.
    Ed25519,
    /// Something else (algorithm OID in dotted form).
    Other(String),
}

impl KeyKind {
    /// Human description.
    pub fn describe(&self) -> String {
        match self {
            KeyKind::Rsa { bits } => format!("RSA {bits}-bit"),
            KeyKind::Ec { curve } => format!("EC {curve}"),
            KeyKind::Ed25519 => "Ed25519 (OKP)".to_string(),
            KeyKind::Other(oid) => format!("unknown key type (OID {oid})"),
        }
    }
}

const OID_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
const OID_EC: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
const OID_ED25519: &[u8] = &[0x2b, 0x65, 0x70];
const OID_P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const OID_P384: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
const OID_P521: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x23];

fn dotted(oid: &[u8]) -> String {
    let mut parts = Vec::new();
    if let Some(&f) = oid.first() {
        parts.push((f / 40) as u64);
        parts.push((f % 40) as u64);
    }
    let mut acc = 0u64;
    for &b in oid.iter().skip(1) {
        acc = (acc << 7) | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            parts.push(acc);
            acc = 0;
        }
    }
    parts
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

/// Bit length of a DER INTEGER's contents (ignoring a leading zero byte).
fn int_bits(v: &[u8]) -> usize {
    let v: &[u8] = match v.iter().position(|&b| b != 0) {
        Some(i) => &v[i..],
        None => return 0,
    };
    v.len() * 8 - v[0].leading_zeros() as usize
}

/// Reads the key type (and size) out of a DER SubjectPublicKeyInfo.
pub fn spki_kind(spki: &[u8]) -> Option<KeyKind> {
    let (0x30, body, _) = tlv(spki)? else {
        return None;
    };
    let (0x30, alg, rest) = tlv(body)? else {
        return None;
    };
    let (0x06, oid, params) = tlv(alg)? else {
        return None;
    };
    let (0x03, bits, _) = tlv(rest)? else {
        return None;
    };
    let key = bits.get(1..)?;
    Some(if oid == OID_RSA {
        let (0x30, seq, _) = tlv(key)? else {
            return None;
        };
        let (0x02, n, _) = tlv(seq)? else { return None };
        KeyKind::Rsa { bits: int_bits(n) }
    } else if oid == OID_EC {
        let (0x06, curve, _) = tlv(params)? else {
            return None;
        };
        KeyKind::Ec {
            curve: match curve {
                c if c == OID_P256 => "P-256".to_string(),
                c if c == OID_P384 => "P-384".to_string(),
                c if c == OID_P521 => "P-521".to_string(),
                c => dotted(c),
            },
        }
    } else if oid == OID_ED25519 {
        KeyKind::Ed25519
    } else {
        KeyKind::Other(dotted(oid))
    })
}

/// Wraps a PKCS#1 RSAPublicKey into a SubjectPublicKeyInfo (WebCrypto imports only SPKI).
pub fn wrap_pkcs1(pkcs1: &[u8]) -> Vec<u8> {
    let mut alg = element(0x06, OID_RSA);
    alg.extend([0x05, 0x00]);
    let alg = element(0x30, &alg);
    let mut bits = vec![0u8];
    bits.extend_from_slice(pkcs1);
    let mut body = alg;
    body.extend(element(0x03, &bits));
    element(0x30, &body)
}

/// Converts a DER `SEQUENCE { INTEGER r, INTEGER s }` ECDSA signature to raw R||S of `size` bytes each.
pub fn ecdsa_der_to_raw(sig: &[u8], size: usize) -> Option<Vec<u8>> {
    let (0x30, body, rest) = tlv(sig)? else {
        return None;
    };
    if !rest.is_empty() {
        return None;
    }
    let (0x02, r, after) = tlv(body)? else {
        return None;
    };
    let (0x02, s, _) = tlv(after)? else {
        return None;
    };
    let mut out = Vec::with_capacity(size * 2);
    for v in [r, s] {
        let v = match v.iter().position(|&b| b != 0) {
            Some(i) => &v[i..],
            None => &[][..],
        };
        if v.len() > size {
            return None;
        }
        out.extend(std::iter::repeat_n(0, size - v.len()));
        out.extend_from_slice(v);
    }
    Some(out)
}

/// The SubjectPublicKeyInfo of an X.509 certificate (DER), as its whole DER element.
/// Walks Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue } and
/// TBSCertificate ::= SEQUENCE { [0] version OPTIONAL, serialNumber, signature, issuer, validity,
/// subject, subjectPublicKeyInfo, ... } (RFC 5280 section 4.1); that is all a key needs.
pub fn certificate_spki(cert: &[u8]) -> Result<Vec<u8>, String> {
    certificate_spki_der(cert)
        .map(<[u8]>::to_vec)
        .ok_or_else(|| "not a valid X.509 certificate".to_string())
}

fn certificate_spki_der(cert: &[u8]) -> Option<&[u8]> {
    let (0x30, outer, rest) = tlv(cert)? else {
        return None;
    };
    if !rest.is_empty() {
        return None;
    }
    let (0x30, tbs, after_tbs) = tlv(outer)? else {
        return None;
    };
    let (0x30, _, after_alg) = tlv(after_tbs)? else {
        return None;
    };
    let (0x03, _, end) = tlv(after_alg)? else {
        return None;
    };
    if !end.is_empty() {
        return None;
    }
    let mut rest = tbs;
    if rest.first() == Some(&0xa0) {
        rest = tlv(rest)?.2;
    }
    // serialNumber INTEGER, then signature, issuer, validity and subject SEQUENCEs.
    for want in [0x02, 0x30, 0x30, 0x30, 0x30] {
        let (tag, _, next) = tlv(rest)?;
        if tag != want {
            return None;
        }
        rest = next;
    }
    let (0x30, _, after_spki) = tlv(rest)? else {
        return None;
    };
    let spki = &rest[..rest.len() - after_spki.len()];
    spki_kind(spki).map(|_| spki)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_signature_to_raw() {
        // r = 1, s = 0x80 (needs a leading zero in DER).
        let der = [0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x02, 0x00, 0x80];
        let raw = ecdsa_der_to_raw(&der, 32).unwrap();
        assert_eq!(raw.len(), 64);
        assert_eq!(raw[31], 1);
        assert_eq!(raw[63], 0x80);
        assert!(ecdsa_der_to_raw(&[1, 2, 3], 32).is_none());
    }

    #[test]
    fn pkcs1_wrap_reads_back_as_rsa() {
        // RSAPublicKey { n = 0x00 c1 (…256 bytes…), e = 65537 }
        let mut n = vec![0x00, 0xc1];
        n.extend(std::iter::repeat_n(0x11, 255));
        let mut seq = element(0x02, &n);
        seq.extend(element(0x02, &[0x01, 0x00, 0x01]));
        let pkcs1 = element(0x30, &seq);
        assert_eq!(
            spki_kind(&wrap_pkcs1(&pkcs1)),
            Some(KeyKind::Rsa { bits: 2048 })
        );
    }
}

/// Property: any element DER writes, DER reads back, whatever its length's encoding.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(crate::engine::core::test_support::fixed_seed())]

        #[test]
        fn length_encoding_round_trips(tag in any::<u8>(), len in 0usize..70_000, fill in any::<u8>(), tail in proptest::collection::vec(any::<u8>(), 0..8)) {
            let body = vec![fill; len];
            let mut e = element(tag, &body);
            e.extend_from_slice(&tail);
            let (t, b, rest) = tlv(&e).expect("what element writes, tlv reads");
            prop_assert_eq!(t, tag);
            prop_assert_eq!(b, &body[..]);
            prop_assert_eq!(rest, &tail[..]);
        }
    }
}
