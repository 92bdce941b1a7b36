//! What an NTLM message or Negotiate token means for the failed request: the handshake step,
//! weak responses, anonymous logons, and NTLM used where Kerberos was expected.

use super::wire::{self, Message, WireError, EXTENDED_SESSION_SECURITY};
use crate::engine::core::b64;
use crate::engine::core::finding::{Field, Finding, Part, Report, SpecRef};
use crate::engine::core::text::{self, hex};

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

fn rows(v: &[(&'static str, String)]) -> Vec<Field> {
    v.iter().map(|(l, s)| Field::new(*l, s.clone())).collect()
}

fn ntlmv1() -> Finding {
    Finding::warning(ids::NTLMV1_RESPONSE, "NTLMv1 response", "NTLMv1 is weak and disabled by policy on many domains (LmCompatibilityLevel 5): such servers answer 401 to it.").fix("Configure the client for NTLMv2.")
}

/// Decodes one NTLMSSP message into a report.
pub fn decode_message(msg: &[u8]) -> Report {
    let mut r = Report::new("An NTLM message.");
    let m = match wire::parse(msg) {
        Ok(m) => m,
        Err(WireError::NoSignature) => {
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
        Err(WireError::Malformed(e)) => {
            r.push(
                Finding::error(
                    ids::NTLM_MESSAGE_MALFORMED,
                    "The NTLM message is malformed",
                    format!("{e}."),
                )
                .spec(NLMP),
            );
            return r;
        }
    };
    let mut fields = Vec::new();
    match m {
        Message::Negotiate {
            flags,
            domain,
            workstation,
            version,
        } => {
            r.summary = "NTLM message 1 of 3 (NEGOTIATE): the client starts the handshake.".into();
            fields.push(Field::new("Flags", wire::flag_names(flags).join(" ")));
            fields.extend(domain.map(|d| Field::new("Domain", d)));
            fields.extend(workstation.map(|w| Field::new("Workstation", w)));
            fields.extend(version.map(|v| Field::new("Version", v)));
            r.push(Finding::info(ids::HANDSHAKE_STEP_1_3, "Handshake step 1 of 3", "The server should answer 401 with WWW-Authenticate: NTLM <message 2>, on the same connection. A proxy or load balancer that opens a new connection per request breaks NTLM here.").spec(NLMP));
        }
        Message::Challenge {
            flags,
            target_name,
            server_challenge,
            target_info,
            version,
        } => {
            r.summary = "NTLM message 2 of 3 (CHALLENGE): the server's challenge.".into();
            fields.push(Field::new("Target name", target_name));
            fields.push(Field::new("Flags", wire::flag_names(flags).join(" ")));
            fields.push(Field::new("Server challenge", server_challenge));
            fields.extend(version.map(|v| Field::new("Version", v)));
            if !target_info.is_empty() {
                r.part(Part::Fields {
                    title: "Target information".into(),
                    rows: rows(&target_info),
                });
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
        Message::Authenticate {
            flags,
            lm,
            nt,
            domain,
            user,
            workstation,
            version,
        } => {
            r.summary = "NTLM message 3 of 3 (AUTHENTICATE): the client's proof.".into();
            fields.push(Field::new("Domain", text::visible(&domain)));
            fields.push(Field::new("User", text::visible(&user)));
            fields.push(Field::new("Workstation", text::visible(&workstation)));
            fields.push(Field::new("Flags", wire::flag_names(flags).join(" ")));
            fields.extend(version.map(|v| Field::new("Version", v)));
            let (kind, finding) = match nt.len() {
                0 if user.is_empty() => ("anonymous (no response)", None),
                0 => ("no NT response", Some(Finding::error(ids::NO_NT_RESPONSE, "No NT response", "The client sent a user but no NT response; the server cannot authenticate it."))),
                24 if flags & EXTENDED_SESSION_SECURITY != 0 => ("NTLMv1 with extended session security (NTLM2)", Some(ntlmv1())),
                24 => ("NTLMv1", Some(ntlmv1())),
                _ => ("NTLMv2", None),
            };
            fields.push(Field::new("Response", kind));
            fields.push(Field::new(
                "LM response",
                if lm.1 {
                    format!("{} zero bytes (unused)", lm.0)
                } else {
                    format!("{} bytes", lm.0)
                },
            ));
            if let Some(f) = finding {
                r.push(f.spec(NLMP));
            }
            if nt.len() > 24 {
                // NTProofStr (16) then the blob: type, reserved, timestamp at 8, client challenge at 16, AV pairs at 28.
                let blob = &nt[16..];
                let mut v2 = vec![Field::new("NTProofStr", hex(&nt[..16]))];
                if let Some(ts) = blob.get(8..16) {
                    v2.push(Field::new("Client time", wire::filetime(ts)));
                }
                if let Some(cc) = blob.get(16..24) {
                    v2.push(Field::new("Client challenge", hex(cc)));
                }
                v2.extend(rows(&wire::av_pairs(blob.get(28..).unwrap_or(&[]))));
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
    }
    r.parts.insert(
        0,
        Part::Fields {
            title: "NTLM message".into(),
            rows: fields,
        },
    );
    r
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
    if bytes.starts_with(wire::SIGNATURE) {
        let inner = decode_message(&bytes);
        if negotiate {
            r.push(Finding::info(ids::NTLM_INSIDE_NEGOTIATE, "NTLM inside Negotiate", "The client chose NTLM, not Kerberos. Usually Kerberos failed: no SPN for this host name, the client is not in the domain, or the site is addressed by IP or an alias.").fix("For Kerberos, reach the server by a name with a registered SPN (setspn -L <account>).").spec(RFC4559));
        }
        r.summary = inner.summary.clone();
        r.absorb(inner);
        return r;
    }
    let mut rows = vec![Field::new("Length", format!("{} bytes", bytes.len()))];
    let tok = wire::spnego(&bytes);
    let (outer, mech) = (tok.outer, tok.mech);
    rows.push(Field::new("Token", outer));
    rows.push(Field::new("Mechanism", mech));
    if let Some(pos) = tok.ntlm_at {
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
