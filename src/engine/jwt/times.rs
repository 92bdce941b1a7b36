//! NumericDate claims (`iat`, `nbf`, `exp`, `auth_time`): what they say and whether they hold now.

use super::Clock;
use crate::engine::core::finding::{Field, Finding, Part, Report, SpecRef};
use crate::engine::core::order;
use crate::engine::core::time::{self, Epoch};
use serde_json::{Map, Value};

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "The token expired {}"
    pub const EXPIRED: FindingId = FindingId("jwt.expired");
    /// "Not expired: valid for {} more"
    pub const NOT_EXPIRED: FindingId = FindingId("jwt.not_expired");
    /// "Not valid yet: nbf is {}"
    pub const NOT_YET_VALID: FindingId = FindingId("jwt.not_yet_valid");
    /// "No expiry (exp)"
    pub const NO_EXP: FindingId = FindingId("jwt.no_exp");
    /// ""{name}" looks like milliseconds"
    pub const TIME_IN_MILLISECONDS: FindingId = FindingId("jwt.time_in_milliseconds");
    /// ""{name}" is not a number"
    pub const TIME_NOT_NUMBER: FindingId = FindingId("jwt.time_not_number");
    /// ""{name}" looks like microseconds"
    pub const TIME_IN_MICROSECONDS: FindingId = FindingId("jwt.time_in_microseconds");
    /// ""{name}" is beyond year 9999" (or before year 1)
    pub const TIME_OUT_OF_RANGE: FindingId = FindingId("jwt.time_out_of_range");
}

const RFC7519_EXP: SpecRef = SpecRef::new(
    "RFC 7519 §4.1.4",
    "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4",
);
const RFC7519_NBF: SpecRef = SpecRef::new(
    "RFC 7519 §4.1.5",
    "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.5",
);
const RFC7519_DATE: SpecRef = SpecRef::new(
    "RFC 7519 §2",
    "https://www.rfc-editor.org/rfc/rfc7519#section-2",
);

/// Reads a NumericDate claim; flags non-numbers, millisecond and microsecond values, and
/// values no clock can reach.
fn numeric_date(report: &mut Report, claims: &Map<String, Value>, name: &str) -> Option<i64> {
    let v = claims.get(name)?;
    let Some(n) = v.as_f64() else {
        report.push(
            Finding::error(ids::TIME_NOT_NUMBER,
                format!("\"{name}\" is not a number"),
                format!("It is {}, but {name} must be seconds since 1970 (a JSON number). Servers reject or ignore it.", crate::engine::core::text::clip(&v.to_string(), 80)),
            )
            .fix("Write the time as a number of seconds, e.g. 1767225600.")
            .spec(RFC7519_DATE),
        );
        return None;
    };
    // Print big values short: 1e300 as written by serde, not 301 digits.
    let shown = if n.abs() < 1e21 {
        format!("{n}")
    } else {
        format!("{n:e}")
    };
    match time::epoch(n) {
        Epoch::Seconds(s) => Some(s),
        Epoch::Millis(s) => {
            report.push(
                Finding::error(ids::TIME_IN_MILLISECONDS,
                    format!("\"{name}\" looks like milliseconds"),
                    format!("{shown} is far in the future as seconds; as milliseconds it is {}. JWT times are in seconds.", time::utc(s)),
                )
                .fix("Divide by 1000 when creating the token (Date.now() / 1000 in JavaScript).")
                .spec(RFC7519_DATE),
            );
            Some(s)
        }
        Epoch::Micros(s) => {
            report.push(
                Finding::error(ids::TIME_IN_MICROSECONDS,
                    format!("\"{name}\" looks like microseconds"),
                    format!("{shown} is far in the future as seconds or milliseconds; as microseconds it is {}. JWT times are in seconds.", time::utc(s)),
                )
                .fix("Divide by 1,000,000 when creating the token.")
                .spec(RFC7519_DATE),
            );
            Some(s)
        }
        Epoch::AfterYear9999 | Epoch::BeforeYear1 => {
            let when = if n > 0.0 {
                "beyond year 9999"
            } else {
                "before year 1"
            };
            report.push(
                Finding::error(ids::TIME_OUT_OF_RANGE,
                    format!("\"{name}\" is {when}"),
                    format!("It is {shown}: {when} whether read as seconds, milliseconds or microseconds, so it is no real time. Libraries overflow, clamp or reject it differently."),
                )
                .fix("Write the time as seconds since 1970, e.g. 1767225600.")
                .spec(RFC7519_DATE),
            );
            None
        }
    }
}

/// Times of the claims as a table and timeline, and whether the token is expired or not yet valid.
/// `needs_exp`: whether a missing exp is worth a warning (a DPoP proof is bounded by iat instead).
pub(super) fn findings(
    report: &mut Report,
    claims: &Map<String, Value>,
    clock: Clock,
    needs_exp: bool,
) {
    let mut rows = Vec::new();
    let names = [
        ("iat", "Issued at (iat)"),
        ("nbf", "Not before (nbf)"),
        ("exp", "Expires (exp)"),
        ("auth_time", "Authenticated at (auth_time)"),
    ];
    let mut values = [None; 4];
    for (i, (name, label)) in names.iter().enumerate() {
        if let Some(t) = numeric_date(report, claims, name) {
            values[i] = Some(t);
            let local = time::local(t, clock.offset_minutes);
            let when = match clock.now {
                Some(now) => format!(
                    "{} · {local} local · {}",
                    time::utc(t),
                    time::relative(t, now)
                ),
                None => format!("{} · {local} local", time::utc(t)),
            };
            rows.push(Field::new(*label, when));
        }
    }
    if !rows.is_empty() {
        report.part(Part::Fields {
            title: "Times".to_string(),
            rows,
        });
        let mut points: Vec<(String, i64)> = names
            .iter()
            .zip(values)
            .filter_map(|((n, _), v)| v.map(|t| (n.to_string(), t)))
            .filter(|(n, _)| n != "auth_time")
            .collect();
        order::sort_by_key(&mut points, |p| p.1);
        report.part(Part::Timeline {
            title: "Timeline".to_string(),
            points,
            now: clock.now,
        });
    }
    let [_, nbf, exp, _] = values;
    let Some(now) = clock.now else { return };
    match exp {
        Some(exp) if exp.saturating_add(clock.leeway) < now => report.push(
            Finding::error(ids::EXPIRED,
                format!("The token expired {}", time::relative(exp, now)),
                format!("exp is {}, and the clock here says it is later than that (allowing {} s of clock skew). Servers answer 401 to expired tokens.", time::utc(exp), clock.leeway),
            )
            .fix("Get a new token (refresh it) and retry. If it keeps happening, refresh before exp, not after the 401.")
            .spec(RFC7519_EXP),
        ),
        Some(exp) => report.push(Finding::ok(ids::NOT_EXPIRED,
            format!("Not expired: valid for {} more", time::human_duration(exp.abs_diff(now))),
            format!("exp is {}.", time::utc(exp)),
        )),
        None if claims.contains_key("exp") || !needs_exp => {}
        None => report.push(
            Finding::warning(ids::NO_EXP,
                "No expiry (exp)",
                "This token never expires: if it leaks, it works forever. Many servers require exp.",
            )
            .fix("Issue tokens with a short exp (minutes to hours) and refresh them.")
            .spec(RFC7519_EXP),
        ),
    }
    if let Some(nbf) = nbf {
        if nbf.saturating_sub(clock.leeway) > now {
            report.push(
                Finding::error(ids::NOT_YET_VALID,
                    format!("Not valid yet: nbf is {}", time::relative(nbf, now)),
                    "The token may not be used before nbf. Either it was issued for later, or the issuer's clock is ahead of the server's.",
                )
                .fix("Wait, or fix the clock skew between issuer and server (NTP), or allow a small leeway.")
                .spec(RFC7519_NBF),
            );
        }
    }
}
