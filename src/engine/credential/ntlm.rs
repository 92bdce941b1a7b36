//! NTLM (MS-NLMP) messages and SPNEGO/Kerberos tokens, as sent with `NTLM` or `Negotiate`.

use crate::engine::core::b64;
use crate::engine::core::finding::{Field, Finding, Part, Report, SpecRef};
use crate::engine::core::{text, time};

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "Anonymous authentication"
    pub const ANONYMOUS_AUTHENTICATION: FindingId = FindingId("ntlm.anonymous_authentication");
    /// "Handshake step 1 of 3"
    pub const HANDSHAKE_STEP_1_3: FindingId = FindingId("ntlm.handshake_step_1_3");
    /// "Handshake step 2 of 3"
    pub const HANDSHAKE_STEP_2_3: FindingId = FindingId("ntlm.handshake_step_2_3");
    /// "A Kerberos ticket, not decodable here"
    pub const KERBEROS_TICKET_NOT_DECODABLE: FindingId =
        FindingId("ntlm.kerberos_ticket_not_decodable");
    /// "Not an NTLM message"
    pub const NOT_NTLM_MESSAGE: FindingId = FindingId("ntlm.not_ntlm_message");
    /// "Not an NTLM or SPNEGO token"
    pub const NOT_NTLM_SPNEGO_TOKEN: FindingId = FindingId("ntlm.not_ntlm_spnego_token");
    /// "No NT response"
    pub const NO_NT_RESPONSE: FindingId = FindingId("ntlm.no_nt_response");
    /// "{scheme} with no token"
    pub const NO_TOKEN: FindingId = FindingId("ntlm.no_token");
    /// "NTLMv1 response"
    pub const NTLMV1_RESPONSE: FindingId = FindingId("ntlm.ntlmv1_response");
    /// "NTLM inside Negotiate"
    pub const NTLM_INSIDE_NEGOTIATE: FindingId = FindingId("ntlm.ntlm_inside_negotiate");
    /// "The NTLM message is malformed"
    pub const NTLM_MESSAGE_MALFORMED: FindingId = FindingId("ntlm.ntlm_message_malformed");
    /// "An NTLM message wrapped in SPNEGO"
    pub const NTLM_MESSAGE_WRAPPED_SPNEGO: FindingId =
        FindingId("ntlm.ntlm_message_wrapped_spnego");
    /// "The token is not valid base64"
    pub const TOKEN_NOT_VALID_BASE64: FindingId = FindingId("ntlm.token_not_valid_base64");
    /// "User given as user@domain with a domain too"
    pub const USER_GIVEN_USER_DOMAIN: FindingId = FindingId("ntlm.user_given_user_domain");
}

const NLMP: SpecRef = SpecRef::new(
    "MS-NLMP §2.2.1",
    "https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-nlmp/907f519d-6217-45b1-b421-dca10fc8af0d",
);
const RFC4559: SpecRef = SpecRef::new(
    "RFC 4559 §4",
    "https://www.rfc-editor.org/rfc/rfc4559#section-4",
);

const SIGNATURE: &[u8; 8] = b"NTLMSSP\0";

/// NEGOTIATE flag names, bit 0 first (MS-NLMP §2.2.2.5).
const FLAGS: [&str; 32] = [
    "UNICODE",
    "OEM",
    "REQUEST_TARGET",
    "r10",
    "SIGN",
    "SEAL",
    "DATAGRAM",
    "LM_KEY",
    "r9",
    "NTLM",
    "r8",
    "ANONYMOUS",
    "OEM_DOMAIN_SUPPLIED",
    "OEM_WORKSTATION_SUPPLIED",
    "r7",
    "ALWAYS_SIGN",
    "TARGET_TYPE_DOMAIN",
    "TARGET_TYPE_SERVER",
    "r6",
    "EXTENDED_SESSIONSECURITY",
    "IDENTIFY",
    "r5",
    "REQUEST_NON_NT_SESSION_KEY",
    "TARGET_INFO",
    "r4",
    "VERSION",
    "r3",
    "r2",
    "r1",
    "128",
    "KEY_EXCH",
    "56",
];

/// Names of the set flags.
pub fn flag_names(flags: u32) -> Vec<&'static str> {
    (0..32)
        .filter(|b| flags & (1 << b) != 0)
        .map(|b| FLAGS[b as usize])
        .collect()
}

struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn u16(&self, at: usize) -> Option<u16> {
        Some(u16::from_le_bytes(self.0.get(at..at + 2)?.try_into().ok()?))
    }
    fn u32(&self, at: usize) -> Option<u32> {
        Some(u32::from_le_bytes(self.0.get(at..at + 4)?.try_into().ok()?))
    }
    /// A security buffer (len, maxlen, offset) at `at`, resolved to its bytes.
    fn buffer(&self, at: usize) -> Result<&[u8], String> {
        let len = self.u16(at).ok_or("message too short for its fields")? as usize;
        let off = self.u32(at + 4).ok_or("message too short for its fields")? as usize;
        if len == 0 {
            return Ok(&[]);
        }
        self.0.get(off..off.saturating_add(len)).ok_or_else(|| {
            format!(
                "a field points at bytes {off}..{} but the message has {}",
                off + len,
                self.0.len()
            )
        })
    }
}

fn string(bytes: &[u8], unicode: bool) -> String {
    if unicode {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        text::latin1(bytes)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn version(bytes: &[u8]) -> Option<String> {
    let v = bytes.get(..8)?;
    Some(format!(
        "Windows {}.{} build {} (NTLM revision {})",
        v[0],
        v[1],
        u16::from_le_bytes([v[2], v[3]]),
        v[7]
    ))
}

/// Decodes AV pairs (target information) into labelled rows.
fn av_pairs(mut b: &[u8]) -> Vec<Field> {
    let mut rows = Vec::new();
    while b.len() >= 4 {
        let id = u16::from_le_bytes([b[0], b[1]]);
        let len = u16::from_le_bytes([b[2], b[3]]) as usize;
        let Some(v) = b.get(4..4 + len) else { break };
        let (name, value) = match id {
            0 => break,
            1 => ("NetBIOS computer", string(v, true)),
            2 => ("NetBIOS domain", string(v, true)),
            3 => ("DNS computer", string(v, true)),
            4 => ("DNS domain", string(v, true)),
            5 => ("DNS forest", string(v, true)),
            6 => (
                "Flags",
                format!(
                    "0x{:08x}",
                    v.get(..4)
                        .map_or(0, |x| u32::from_le_bytes([x[0], x[1], x[2], x[3]]))
                ),
            ),
            7 => ("Timestamp", filetime(v)),
            8 => ("Single host", hex(v)),
            9 => ("Target SPN", string(v, true)),
            10 => ("Channel bindings", hex(v)),
            _ => ("Unknown AV pair", format!("id {id}: {}", hex(v))),
        };
        rows.push(Field::new(name, value));
        b = &b[4 + len..];
    }
    rows
}

fn filetime(v: &[u8]) -> String {
    let Some(raw) = v.get(..8) else { return hex(v) };
    let ticks = u64::from_le_bytes(raw.try_into().unwrap_or([0; 8]));
    let unix = (ticks / 10_000_000) as i64 - 11_644_473_600;
    time::utc(unix)
}

/// Decodes one NTLMSSP message into a report.
pub fn decode_message(msg: &[u8]) -> Report {
    let mut r = Report::new("An NTLM message.");
    if msg.len() < 12 || &msg[..8] != SIGNATURE {
        r.push(
            Finding::error(
                ids::NOT_NTLM_MESSAGE,
                "Not an NTLM message",
                "NTLM messages start with the bytes \"NTLMSSP\\0\"; this one does not.",
            )
            .spec(NLMP),
        );
        return r;
    }
    let b = Bytes(msg);
    let kind = b.u32(8).unwrap_or(0);
    let mut rows = Vec::new();
    let res: Result<(), String> = (|| {
        match kind {
            1 => {
                r.summary =
                    "NTLM message 1 of 3 (NEGOTIATE): the client starts the handshake.".into();
                let flags = b.u32(12).ok_or("message 1 is too short")?;
                rows.push(Field::new("Flags", flag_names(flags).join(" ")));
                let unicode = false;
                if flags & 0x1000 != 0 {
                    rows.push(Field::new("Domain", string(b.buffer(16)?, unicode)));
                }
                if flags & 0x2000 != 0 {
                    rows.push(Field::new("Workstation", string(b.buffer(24)?, unicode)));
                }
                if flags & 0x0200_0000 != 0 {
                    if let Some(v) = msg.get(32..40).and_then(version) {
                        rows.push(Field::new("Version", v));
                    }
                }
                r.push(Finding::info(ids::HANDSHAKE_STEP_1_3, "Handshake step 1 of 3", "The server should answer 401 with WWW-Authenticate: NTLM <message 2>, on the same connection. A proxy or load balancer that opens a new connection per request breaks NTLM here.").spec(NLMP));
            }
            2 => {
                r.summary = "NTLM message 2 of 3 (CHALLENGE): the server's challenge.".into();
                let flags = b.u32(20).ok_or("message 2 is too short")?;
                let unicode = flags & 1 != 0;
                rows.push(Field::new("Target name", string(b.buffer(12)?, unicode)));
                rows.push(Field::new("Flags", flag_names(flags).join(" ")));
                rows.push(Field::new(
                    "Server challenge",
                    hex(msg.get(24..32).ok_or("message 2 is too short")?),
                ));
                if flags & 0x0080_0000 != 0 {
                    let info = av_pairs(b.buffer(40)?);
                    if !info.is_empty() {
                        r.part(Part::Fields {
                            title: "Target information".into(),
                            rows: info,
                        });
                    }
                }
                if flags & 0x0200_0000 != 0 {
                    if let Some(v) = msg.get(48..56).and_then(version) {
                        rows.push(Field::new("Version", v));
                    }
                }
                r.push(
                    Finding::info(
                        ids::HANDSHAKE_STEP_2_3,
                        "Handshake step 2 of 3",
                        "The client must answer with message 3 on the same TCP connection.",
                    )
                    .spec(NLMP),
                );
            }
            3 => {
                r.summary = "NTLM message 3 of 3 (AUTHENTICATE): the client's proof.".into();
                let flags = b.u32(60).ok_or("message 3 is too short")?;
                let unicode = flags & 1 != 0;
                let lm = b.buffer(12)?;
                let nt = b.buffer(20)?;
                let domain = string(b.buffer(28)?, unicode);
                let user = string(b.buffer(36)?, unicode);
                rows.push(Field::new("Domain", text::visible(&domain)));
                rows.push(Field::new("User", text::visible(&user)));
                rows.push(Field::new(
                    "Workstation",
                    text::visible(&string(b.buffer(44)?, unicode)),
                ));
                rows.push(Field::new("Flags", flag_names(flags).join(" ")));
                if flags & 0x0200_0000 != 0 {
                    if let Some(v) = msg.get(64..72).and_then(version) {
                        rows.push(Field::new("Version", v));
                    }
                }
                let (kind, sev) = match nt.len() {
                    0 if user.is_empty() => ("anonymous (no response)", None),
                    0 => ("no NT response", Some(Finding::error(ids::NO_NT_RESPONSE, "No NT response", "The client sent a user but no NT response; the server cannot authenticate it."))),
                    24 if flags & 0x80000 != 0 => ("NTLMv1 with extended session security (NTLM2)", Some(Finding::warning(ids::NTLMV1_RESPONSE, "NTLMv1 response", "NTLMv1 is weak and disabled by policy on many domains (LmCompatibilityLevel 5): such servers answer 401 to it.").fix("Configure the client for NTLMv2."))),
                    24 => ("NTLMv1", Some(Finding::warning(ids::NTLMV1_RESPONSE, "NTLMv1 response", "NTLMv1 is weak and disabled by policy on many domains (LmCompatibilityLevel 5): such servers answer 401 to it.").fix("Configure the client for NTLMv2."))),
                    _ => ("NTLMv2", None),
                };
                rows.push(Field::new("Response", kind));
                rows.push(Field::new(
                    "LM response",
                    if lm.iter().all(|&x| x == 0) {
                        format!("{} zero bytes (unused)", lm.len())
                    } else {
                        format!("{} bytes", lm.len())
                    },
                ));
                if let Some(f) = sev {
                    r.push(f.spec(NLMP));
                }
                if nt.len() > 24 {
                    // NTProofStr (16) then the blob: type, reserved, timestamp at 8, client challenge at 16, AV pairs at 28.
                    let blob = &nt[16..];
                    let mut v2 = vec![Field::new("NTProofStr", hex(&nt[..16]))];
                    if let Some(ts) = blob.get(8..16) {
                        v2.push(Field::new("Client time", filetime(ts)));
                    }
                    if let Some(cc) = blob.get(16..24) {
                        v2.push(Field::new("Client challenge", hex(cc)));
                    }
                    v2.extend(av_pairs(blob.get(28..).unwrap_or(&[])));
                    r.part(Part::Fields {
                        title: "NTLMv2 response".into(),
                        rows: v2,
                    });
                }
                if user.is_empty() {
                    r.push(Finding::warning(ids::ANONYMOUS_AUTHENTICATION, "Anonymous authentication", "The client authenticated with no user name: it had no credentials for this server (not in the intranet zone, or no SSO).").spec(NLMP));
                }
                if !domain.is_empty() && user.contains('@') {
                    r.push(Finding::info(ids::USER_GIVEN_USER_DOMAIN, "User given as user@domain with a domain too", "Servers usually accept either form; if authentication fails, try DOMAIN\\user."));
                }
            }
            other => return Err(format!("message type {other} is not 1, 2 or 3")),
        }
        Ok(())
    })();
    if let Err(e) = res {
        r.push(
            Finding::error(
                ids::NTLM_MESSAGE_MALFORMED,
                "The NTLM message is malformed",
                format!("{e}."),
            )
            .spec(NLMP),
        );
    }
    if !rows.is_empty() {
        r.parts.insert(
            0,
            Part::Fields {
                title: "NTLM message".into(),
                rows,
            },
        );
    }
    r
}

const OID_SPNEGO: &[u8] = &[0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02];
const OID_KRB5: &[u8] = &[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02,
];
const OID_MS_KRB5: &[u8] = &[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x82, 0xf7, 0x12, 0x01, 0x02, 0x02,
];
const OID_NTLM: &[u8] = &[
    0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0a,
];

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Analyses the token after `NTLM` or `Negotiate`.
pub fn analyze(scheme: &str, token: &str) -> Report {
    let negotiate = scheme.eq_ignore_ascii_case("Negotiate");
    let mut r = Report::new(if negotiate {
        "A Negotiate (SPNEGO) token."
    } else {
        "An NTLM token."
    });
    let token = token.trim();
    if token.is_empty() {
        r.push(
            Finding::error(
                ids::NO_TOKEN,
                format!("{scheme} with no token"),
                "The client must send a base64 token after the scheme.",
            )
            .spec(RFC4559),
        );
        return r;
    }
    let bytes = match b64::decode(token) {
        Ok(d) => d.bytes,
        Err(e) => {
            r.push(
                Finding::error(
                    ids::TOKEN_NOT_VALID_BASE64,
                    "The token is not valid base64",
                    format!("{e}."),
                )
                .spec(RFC4559),
            );
            return r;
        }
    };
    if bytes.starts_with(SIGNATURE) {
        let inner = decode_message(&bytes);
        if negotiate {
            r.push(Finding::info(ids::NTLM_INSIDE_NEGOTIATE, "NTLM inside Negotiate", "The client chose NTLM, not Kerberos. Usually Kerberos failed: no SPN for this host name, the client is not in the domain, or the site is addressed by IP or an alias.").fix("For Kerberos, reach the server by a name with a registered SPN (setspn -L <account>).").spec(RFC4559));
        }
        r.summary = inner.summary.clone();
        r.absorb(inner);
        return r;
    }
    let mut rows = vec![Field::new("Length", format!("{} bytes", bytes.len()))];
    let mech = if find(&bytes, OID_KRB5).is_some() || find(&bytes, OID_MS_KRB5).is_some() {
        "Kerberos"
    } else if find(&bytes, OID_NTLM).is_some() {
        "NTLM"
    } else {
        "unknown"
    };
    let outer = match bytes.first() {
        Some(0x60) if find(&bytes, OID_SPNEGO).is_some() => "SPNEGO initial token (negTokenInit)",
        Some(0x60) => "GSS-API initial token",
        Some(0xa1) => "SPNEGO response token (negTokenResp)",
        Some(0x6e) => "raw Kerberos AP-REQ",
        _ => "unrecognised",
    };
    rows.push(Field::new("Token", outer));
    rows.push(Field::new("Mechanism", mech));
    if let Some(pos) = find(&bytes, SIGNATURE) {
        let inner = decode_message(&bytes[pos..]);
        r.push(
            Finding::info(
                ids::NTLM_MESSAGE_WRAPPED_SPNEGO,
                "An NTLM message wrapped in SPNEGO",
                "Negotiate fell back to NTLM.",
            )
            .spec(RFC4559),
        );
        r.absorb(inner);
    } else if mech == "Kerberos" || outer == "raw Kerberos AP-REQ" {
        r.push(Finding::info(ids::KERBEROS_TICKET_NOT_DECODABLE, "A Kerberos ticket, not decodable here", "It is encrypted for the server's service account. If the server rejects it: check the SPN (HTTP/host.name) is registered on the right account, clocks are within 5 minutes, and the server's keytab is current.").spec(RFC4559));
    } else if outer == "unrecognised" {
        r.push(
            Finding::warning(
                ids::NOT_NTLM_SPNEGO_TOKEN,
                "Not an NTLM or SPNEGO token",
                "The bytes do not start like any Negotiate token.",
            )
            .spec(RFC4559),
        );
    }
    r.parts.insert(
        0,
        Part::Fields {
            title: format!("{scheme} token"),
            rows,
        },
    );
    r
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn unhex(s: &str) -> Vec<u8> {
        let s: String = s.split_whitespace().collect();
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
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
