//! The NTLM (MS-NLMP) wire format: messages 1, 2 and 3 parsed into types, and which mechanism
//! a SPNEGO token carries. No findings here: `report.rs` says what the values mean.

use crate::engine::core::text;
use crate::engine::core::text::hex;
use crate::engine::core::time;

/// Every NTLM message starts with these bytes.
pub const SIGNATURE: &[u8; 8] = b"NTLMSSP\0";

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

/// NEGOTIATE_EXTENDED_SESSIONSECURITY: an NTLMv1 response is NTLM2 session security.
pub const EXTENDED_SESSION_SECURITY: u32 = 0x80000;

/// Names of the set flags.
pub fn flag_names(flags: u32) -> Vec<&'static str> {
    (0..32)
        .filter(|b| flags & (1 << b) != 0)
        .map(|b| FLAGS[b as usize])
        .collect()
}

/// One decoded NTLM message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// Message 1: the client starts the handshake.
    Negotiate {
        /// NEGOTIATE flags.
        flags: u32,
        /// Domain, when supplied.
        domain: Option<String>,
        /// Workstation, when supplied.
        workstation: Option<String>,
        /// Windows version, when sent.
        version: Option<String>,
    },
    /// Message 2: the server's challenge.
    Challenge {
        /// NEGOTIATE flags.
        flags: u32,
        /// The target (domain or server) name.
        target_name: String,
        /// The 8-byte server challenge, in hex.
        server_challenge: String,
        /// Target information (AV pairs), as label and value.
        target_info: Vec<(&'static str, String)>,
        /// Windows version, when sent.
        version: Option<String>,
    },
    /// Message 3: the client's proof.
    Authenticate {
        /// NEGOTIATE flags.
        flags: u32,
        /// Length of the LM response, and whether it is all zero bytes.
        lm: (usize, bool),
        /// The NT response.
        nt: Vec<u8>,
        /// Domain name.
        domain: String,
        /// User name.
        user: String,
        /// Workstation name.
        workstation: String,
        /// Windows version, when sent.
        version: Option<String>,
    },
}

struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn u16(&self, at: usize) -> Option<u16> {
        Some(u16::from_le_bytes(
            self.0.get(at..at.checked_add(2)?)?.try_into().ok()?,
        ))
    }
    fn u32(&self, at: usize) -> Option<u32> {
        Some(u32::from_le_bytes(
            self.0.get(at..at.checked_add(4)?)?.try_into().ok()?,
        ))
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
                off.saturating_add(len),
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

/// Decodes AV pairs (target information) into labelled values.
pub fn av_pairs(mut b: &[u8]) -> Vec<(&'static str, String)> {
    let mut rows = Vec::new();
    while b.len() >= 4 {
        let id = u16::from_le_bytes([b[0], b[1]]);
        let len = u16::from_le_bytes([b[2], b[3]]) as usize;
        let Some(v) = b.get(4..4 + len) else { break };
        let row = match id {
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
        rows.push(row);
        b = &b[4 + len..];
    }
    rows
}

/// A Windows FILETIME (100 ns since 1601) as a UTC time.
pub fn filetime(v: &[u8]) -> String {
    let Some(raw) = v.get(..8) else { return hex(v) };
    let ticks = u64::from_le_bytes(raw.try_into().unwrap_or([0; 8]));
    let unix = (ticks / 10_000_000) as i64 - 11_644_473_600;
    time::utc(unix)
}

/// Why bytes are not an NTLM message, said as what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WireError {
    /// The bytes do not start with `NTLMSSP\0`.
    NoSignature,
    /// A field is missing or points outside the message.
    Malformed(String),
}

/// Parses one NTLMSSP message.
pub fn parse(msg: &[u8]) -> Result<Message, WireError> {
    if msg.len() < 12 || &msg[..8] != SIGNATURE {
        return Err(WireError::NoSignature);
    }
    let b = Bytes(msg);
    let bad = |s: &str| WireError::Malformed(s.to_string());
    let ver = |at: usize, flags: u32| {
        (flags & 0x0200_0000 != 0)
            .then(|| msg.get(at..at + 8).and_then(version))
            .flatten()
    };
    match b.u32(8).unwrap_or(0) {
        1 => {
            let flags = b.u32(12).ok_or_else(|| bad("message 1 is too short"))?;
            let opt = |bit: u32, at: usize| -> Result<Option<String>, WireError> {
                if flags & bit == 0 {
                    return Ok(None);
                }
                Ok(Some(string(
                    b.buffer(at).map_err(WireError::Malformed)?,
                    false,
                )))
            };
            Ok(Message::Negotiate {
                flags,
                domain: opt(0x1000, 16)?,
                workstation: opt(0x2000, 24)?,
                version: ver(32, flags),
            })
        }
        2 => {
            let flags = b.u32(20).ok_or_else(|| bad("message 2 is too short"))?;
            let unicode = flags & 1 != 0;
            let target_name = string(b.buffer(12).map_err(WireError::Malformed)?, unicode);
            let server_challenge = hex(msg
                .get(24..32)
                .ok_or_else(|| bad("message 2 is too short"))?);
            let target_info = if flags & 0x0080_0000 != 0 {
                av_pairs(b.buffer(40).map_err(WireError::Malformed)?)
            } else {
                Vec::new()
            };
            Ok(Message::Challenge {
                flags,
                target_name,
                server_challenge,
                target_info,
                version: ver(48, flags),
            })
        }
        3 => {
            let flags = b.u32(60).ok_or_else(|| bad("message 3 is too short"))?;
            let unicode = flags & 1 != 0;
            let field = |at: usize| b.buffer(at).map_err(WireError::Malformed);
            let lm = field(12)?;
            Ok(Message::Authenticate {
                flags,
                lm: (lm.len(), lm.iter().all(|&x| x == 0)),
                nt: field(20)?.to_vec(),
                domain: string(field(28)?, unicode),
                user: string(field(36)?, unicode),
                workstation: string(field(44)?, unicode),
                version: ver(64, flags),
            })
        }
        other => Err(WireError::Malformed(format!(
            "message type {other} is not 1, 2 or 3"
        ))),
    }
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

/// What a Negotiate token is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spnego {
    /// The outer framing, in words.
    pub outer: &'static str,
    /// The mechanism it names: Kerberos, NTLM or unknown.
    pub mech: &'static str,
    /// Where an embedded NTLM message starts, if any.
    pub ntlm_at: Option<usize>,
}

/// Reads the framing and mechanism of a SPNEGO / GSS-API / Kerberos token.
pub fn spnego(bytes: &[u8]) -> Spnego {
    let mech = if find(bytes, OID_KRB5).is_some() || find(bytes, OID_MS_KRB5).is_some() {
        "Kerberos"
    } else if find(bytes, OID_NTLM).is_some() {
        "NTLM"
    } else {
        "unknown"
    };
    let outer = match bytes.first() {
        Some(0x60) if find(bytes, OID_SPNEGO).is_some() => "SPNEGO initial token (negTokenInit)",
        Some(0x60) => "GSS-API initial token",
        Some(0xa1) => "SPNEGO response token (negTokenResp)",
        Some(0x6e) => "raw Kerberos AP-REQ",
        _ => "unrecognised",
    };
    Spnego {
        outer,
        mech,
        ntlm_at: find(bytes, SIGNATURE),
    }
}

#[cfg(test)]
pub(crate) mod test_vectors {
    /// OIDs for building test tokens.
    pub const OID_SPNEGO: &[u8] = super::OID_SPNEGO;
    /// The Kerberos mechanism OID.
    pub const OID_KRB5: &[u8] = super::OID_KRB5;
}
