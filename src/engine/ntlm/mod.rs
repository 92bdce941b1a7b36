//! NTLM and Negotiate: the wire format (`wire.rs`) and what it means (`report.rs`), shared by
//! credentials (`Authorization: NTLM …`) and challenges (`WWW-Authenticate: NTLM …`).

pub mod report;
pub mod wire;

pub use report::{analyze, decode_message, ids};

#[cfg(test)]
pub(crate) mod tests {
    use super::wire::test_vectors::{OID_KRB5, OID_SPNEGO};
    use super::wire::SIGNATURE;
    use super::*;
    use crate::engine::core::b64;
    use crate::engine::core::finding::{Part, Report};

    fn unhex(s: &str) -> Vec<u8> {
        let s: String = s.split_whitespace().collect();
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(s.get(i..i + 2).unwrap_or_default(), 16).unwrap())
            .collect()
    }

    fn field<'a>(r: &'a Report, label: &str) -> Option<&'a str> {
        r.parts.iter().find_map(|p| match p {
            Part::Fields { rows, .. } => rows
                .iter()
                .find(|f| f.label == label)
                .map(|f| f.value.as_str()),
            _ => None,
        })
    }

    /// MS-NLMP §4.2.4.3: the NTLMv2 CHALLENGE_MESSAGE.
    const V2_CHALLENGE: &str = "4e544c4d53535000 02000000 0c000c00 38000000 33828ae2 0123456789abcdef 0000000000000000 24002400 44000000 060070170000000f 530065007200760065007200 0200 0c00 44006f006d00610069006e00 0100 0c00 530065007200760065007200 00000000";

    #[test]
    fn ms_nlmp_4_2_4_3_challenge() {
        let r = decode_message(&unhex(V2_CHALLENGE));
        assert_eq!(field(&r, "Target name"), Some("Server"));
        assert_eq!(field(&r, "Server challenge"), Some("0123456789abcdef"));
        assert_eq!(field(&r, "NetBIOS domain"), Some("Domain"));
        assert_eq!(field(&r, "NetBIOS computer"), Some("Server"));
        assert!(field(&r, "Flags").unwrap().contains("TARGET_INFO"));
        assert_eq!(
            field(&r, "Version"),
            Some("Windows 6.0 build 6000 (NTLM revision 15)")
        );
    }

    /// Builds an AUTHENTICATE message like MS-NLMP §4.2.4.3's (Domain\User on COMPUTER, NTLMv2).
    pub(crate) fn type3(nt_len: usize, user: &str) -> Vec<u8> {
        let u16le = |s: &str| {
            s.encode_utf16()
                .flat_map(|c| c.to_le_bytes())
                .collect::<Vec<u8>>()
        };
        let payload: Vec<Vec<u8>> = vec![
            vec![0; 24],
            vec![0xaa; nt_len],
            u16le("Domain"),
            u16le(user),
            u16le("COMPUTER"),
            vec![],
        ];
        let mut head = Vec::new();
        head.extend_from_slice(SIGNATURE);
        head.extend_from_slice(&3u32.to_le_bytes());
        let mut off = 72u32 + 16;
        let mut data = Vec::new();
        for p in &payload {
            head.extend_from_slice(&(p.len() as u16).to_le_bytes());
            head.extend_from_slice(&(p.len() as u16).to_le_bytes());
            head.extend_from_slice(&off.to_le_bytes());
            off += p.len() as u32;
            data.extend_from_slice(p);
        }
        head.extend_from_slice(&0xe2888215u32.to_le_bytes());
        head.extend_from_slice(&[6, 0, 0x70, 0x17, 0, 0, 0, 15]);
        head.extend_from_slice(&[0; 16]);
        head.extend(data);
        head
    }

    #[test]
    fn type3_ntlmv2_and_v1() {
        let r = analyze("NTLM", &b64::encode(&type3(72, "User")));
        assert_eq!(field(&r, "User"), Some("User"));
        assert_eq!(field(&r, "Domain"), Some("Domain"));
        assert_eq!(field(&r, "Workstation"), Some("COMPUTER"));
        assert_eq!(field(&r, "Response"), Some("NTLMv2"));
        let r = analyze("NTLM", &b64::encode(&type3(24, "User")));
        assert!(r.has_id("ntlm.ntlmv1_response"));
    }

    #[test]
    fn negotiate_variants() {
        let r = analyze("Negotiate", &b64::encode(&type3(72, "User")));
        assert!(r.has_id("ntlm.ntlm_inside_negotiate"));
        let mut krb = vec![0x60, 0x82, 0x01, 0x00];
        krb.extend_from_slice(OID_SPNEGO);
        krb.extend_from_slice(&[0xa0, 0x10, 0x30, 0x0e]);
        krb.extend_from_slice(OID_KRB5);
        let r = analyze("Negotiate", &b64::encode(&krb));
        assert!(r.has_id("ntlm.kerberos_ticket_not_decodable"));
    }

    #[test]
    fn truncated_messages_do_not_panic() {
        let full = type3(72, "User");
        for n in 0..full.len() {
            let _ = decode_message(&full[..n]);
        }
        let r = decode_message(&full[..70]);
        assert!(r.has_id("ntlm.ntlm_message_malformed"));
    }
}
