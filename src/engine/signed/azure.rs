//! Azure Storage shared access signatures (`sv`, `st`, `se`, `sp`, `sr`, `srt`, `ss`, `spr`,
//! `sip`, `sig`, and the user-delegation `sk*` fields) against the request that used them.

use super::query::Query;
use super::{fields, missing, time_row, Use, Window};
use crate::engine::core::finding::{Field, Finding, Report, SpecRef};
use crate::engine::core::method::Method;
use crate::engine::core::{text, time};

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// `sp` does not allow what the method does (AuthorizationPermissionMismatch).
    pub const PERMISSION: FindingId = FindingId("signed.azure_permission");
    /// `srt` or `sr` does not cover the URL's target (AuthorizationResourceTypeMismatch).
    pub const RESOURCE_TYPE: FindingId = FindingId("signed.azure_resource_type");
    /// `ss` does not include the service the host is (AuthorizationServiceMismatch).
    pub const SERVICE: FindingId = FindingId("signed.azure_service");
    /// `spr=https` used over http (AuthorizationProtocolMismatch).
    pub const PROTOCOL: FindingId = FindingId("signed.azure_protocol");
    /// `sip` limits which client addresses may use it (AuthorizationSourceIPMismatch).
    pub const IP: FindingId = FindingId("signed.azure_ip");
    /// `sig` has a raw `+` or space: the server decodes it into another signature.
    pub const SIG_UNENCODED: FindingId = FindingId("signed.azure_sig_unencoded");
    /// `sig` is not the 44-character base64 of an HMAC-SHA256.
    pub const SIG_MALFORMED: FindingId = FindingId("signed.azure_sig_malformed");
}

const SAS: SpecRef = SpecRef::new(
    "Azure Storage: create a service SAS",
    "https://learn.microsoft.com/en-us/rest/api/storageservices/create-service-sas",
);
const ACCOUNT_SAS: SpecRef = SpecRef::new(
    "Azure Storage: create an account SAS",
    "https://learn.microsoft.com/en-us/rest/api/storageservices/create-account-sas",
);

/// Whether the query is a shared access signature.
pub fn recognise(q: &Query) -> bool {
    q.get("sig").is_some()
        && ["sv", "se", "sp", "sr", "ss", "si"]
            .iter()
            .any(|n| q.get(n).is_some())
}

/// The storage service letter of a host (`acct.blob.core.windows.net` is `b`).
fn service(host: &str) -> Option<char> {
    let label = host.split('.').nth(1)?;
    match label {
        "blob" | "dfs" => Some('b'),
        "file" => Some('f'),
        "queue" => Some('q'),
        "table" => Some('t'),
        _ => None,
    }
}

/// What the URL addresses: `s`ervice, `c`ontainer (share, queue, table) or `o`bject.
fn target(q: &Query) -> char {
    let segments = q.path().split('/').filter(|s| !s.is_empty()).count();
    match segments {
        0 => 's',
        1 => 'c',
        _ => 'o',
    }
}

/// The permission letters any one of which allows the request.
fn needed(method: &Method, q: &Query, svc: Option<char>) -> (&'static str, &'static str) {
    let list = q.value("comp") == Some("list");
    match method {
        Method::Get | Method::Head if list => ("l", "list (l)"),
        Method::Get | Method::Head => ("r", "read (r)"),
        Method::Delete => ("d", "delete (d)"),
        Method::Put if q.value("comp") == Some("appendblock") => ("aw", "add (a) or write (w)"),
        Method::Put if svc == Some('q') => ("u", "update (u)"),
        Method::Put | Method::Patch => ("cw", "create (c) or write (w)"),
        Method::Post if matches!(svc, Some('q') | Some('t')) => ("a", "add (a)"),
        Method::Post => ("acw", "add (a), create (c) or write (w)"),
        _ => ("", ""),
    }
}

/// Reads the SAS, pushing findings and the fields part; returns the window to judge.
pub fn analyze(q: &Query, u: &Use, r: &mut Report) -> Window {
    let account = q.get("ss").is_some() || q.get("srt").is_some();
    let spec = if account { ACCOUNT_SAS } else { SAS };
    let kind = if q.get("skoid").is_some() {
        "An Azure user delegation SAS"
    } else if account {
        "An Azure account SAS"
    } else {
        "An Azure service SAS"
    };
    let policy = q.get("si").is_some();
    let absent: Vec<&str> = ["sv", "se", "sp"]
        .into_iter()
        .filter(|n| q.get(n).is_none() && !(policy && *n != "sv"))
        .collect();
    if let Some(f) = missing("SAS", &absent, spec) {
        r.push(f);
    }
    let mut rows = vec![Field::new("Host", q.url.host.clone())];
    for (n, label) in [
        ("sv", "Version"),
        ("sr", "Resource (sr)"),
        ("srt", "Resource types (srt)"),
        ("ss", "Services (ss)"),
        ("sp", "Permissions (sp)"),
        ("spr", "Protocol"),
        ("sip", "Allowed addresses"),
        ("si", "Stored access policy"),
        ("skoid", "Signed for object id"),
    ] {
        if let Some(v) = q.value(n) {
            rows.push(Field::new(label, text::clip(v, 80)));
        }
    }
    let start = q.value("st").and_then(time::parse_iso8601);
    let se = q.value("se").and_then(time::parse_iso8601);
    let ske = q.value("ske").and_then(time::parse_iso8601);
    let end = match (se, ske) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    if let Some(s) = start {
        rows.push(time_row("Start (st)", s, u.now));
    }
    if let Some(e) = se {
        rows.push(time_row("Expiry (se)", e, u.now));
    }
    if let Some(k) = ske {
        rows.push(time_row("Delegation key expiry (ske)", k, u.now));
    }
    let svc = service(&q.url.host);
    let method = u.method();
    if let Some(sp) = q.value("sp") {
        let (letters, words) = needed(&method, q, svc);
        if !letters.is_empty() && !letters.chars().any(|c| sp.contains(c)) {
            r.push(Finding::error(ids::PERMISSION, format!("The SAS does not allow {method}: it lacks {words}"), format!("sp={} grants {}. Storage answers 403 AuthorizationPermissionMismatch (\"This request is not authorized to perform this operation using this permission\").", text::clip(sp, 20), letters_words(sp))).fix(format!("Issue a SAS whose sp includes {words}.")).spec(spec));
        }
    }
    let t = target(q);
    let t_word = match t {
        's' => "the service",
        'c' => "a container (share, queue or table)",
        _ => "an object (blob, file or message)",
    };
    if let Some(srt) = q.value("srt") {
        if !srt.contains(t) {
            r.push(Finding::error(ids::RESOURCE_TYPE, format!("The SAS's resource types (srt={}) do not cover {t_word}", text::clip(srt, 10)), format!("The URL addresses {t_word}, which needs '{t}' in srt (s service, c container, o object). Storage answers 403 AuthorizationResourceTypeMismatch.")).fix(format!("Issue an account SAS with srt including {t}, e.g. srt=sco.")).spec(ACCOUNT_SAS));
        }
    }
    if let Some(sr) = q.value("sr") {
        let covers = match sr {
            "b" | "bv" | "bs" | "f" => t == 'o',
            "c" | "s" => t != 's',
            _ => true,
        };
        if !covers {
            r.push(Finding::error(ids::RESOURCE_TYPE, format!("The SAS is for one {} (sr={}) but the URL addresses {t_word}", if sr.starts_with('b') || sr == "f" { "blob or file" } else { "container or share" }, text::clip(sr, 4)), "A service SAS reaches only the resource it was signed for. Storage answers 403 AuthorizationResourceTypeMismatch or AuthenticationFailed.").fix("Issue the SAS for the resource being addressed (a container SAS, sr=c, to list or reach every blob in it).").spec(SAS));
        }
    }
    if let (Some(ss), Some(s)) = (q.value("ss"), svc) {
        if !ss.contains(s) {
            r.push(Finding::error(ids::SERVICE, format!("The SAS is not for this service (ss={})", text::clip(ss, 8)), format!("The host is the '{s}' service (b blob, f file, q queue, t table); the account SAS covers only {ss}. Storage answers 403 AuthorizationServiceMismatch.")).fix(format!("Issue an account SAS with ss including {s}.")).spec(ACCOUNT_SAS));
        }
    }
    if q.value("spr") == Some("https") && q.url.scheme == "http" {
        r.push(Finding::error(ids::PROTOCOL, "The SAS allows only https, and the URL is http", "spr=https: Storage answers 403 AuthorizationProtocolMismatch to a plain-http request.").fix("Use https:// (the SAS also travels readable over http).").spec(spec));
    }
    if let Some(ip) = q.value("sip") {
        r.push(Finding::info(ids::IP, format!("Only clients from {} may use it", text::clip(ip, 40)), "sip limits the addresses the SAS works from, as Storage sees them (the public address after NAT, not the machine's own). From elsewhere Storage answers 403 AuthorizationSourceIPMismatch.").fix("Issue the SAS for the caller's public address, or without sip.").spec(spec));
    }
    if let Some(sig) = q.get("sig") {
        if sig.raw.contains(['+', ' ']) {
            r.push(Finding::error(ids::SIG_UNENCODED, "The signature has a '+' that is not percent-encoded", "sig is base64, and in a query a raw '+' is read as a space, so Storage computes with another signature: 403 AuthenticationFailed, \"Signature did not match\" or \"Signature fields not well formed\".").fix("Percent-encode sig (+ as %2B, / as %2F, = as %3D) or use the SAS URL exactly as the SDK or portal gave it.").spec(spec));
        } else if sig.value.len() != 44 || !sig.value.ends_with('=') {
            r.push(Finding::error(ids::SIG_MALFORMED, format!("sig is {} characters, not the 44 of a signature", sig.value.len()), "A SAS signature is the base64 of an HMAC-SHA256: 44 characters ending in '=' (%3D). This one was cut or changed, so Storage answers AuthenticationFailed.").fix("Copy the whole SAS URL; in a shell, quote it so & does not end the command.").spec(spec));
        }
    }
    fields(r, kind, rows);
    r.push(Finding::info(super::ids::IDENTIFIED, kind, "The query is a shared access signature: it grants the permissions in sp, between st and se, to whoever holds the URL; no Authorization header is needed.").spec(spec));
    Window {
        what: "The SAS",
        start,
        end,
        renew: "Issue a new SAS with an expiry (se) far enough ahead; leave st out or set it 15 minutes in the past.",
        spec,
    }
}

/// "read, write" for `rw`.
fn letters_words(sp: &str) -> String {
    let words: Vec<&str> = sp
        .chars()
        .take(20)
        .filter_map(|c| {
            Some(match c {
                'r' => "read",
                'a' => "add",
                'c' => "create",
                'w' => "write",
                'd' => "delete",
                'x' => "delete version",
                'y' => "permanent delete",
                'l' => "list",
                't' => "tags",
                'f' => "filter",
                'm' => "move",
                'e' => "execute",
                'o' => "ownership",
                'p' => "permissions",
                'i' => "set immutability",
                'u' => "update",
                _ => return None,
            })
        })
        .collect();
    if words.is_empty() {
        "nothing recognisable".into()
    } else {
        words.join(", ")
    }
}
