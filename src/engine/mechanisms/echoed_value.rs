//! Services that refuse a key often echo what they received, masked: "Incorrect API key
//! provided: https://****lETQ", "Invalid API Key provided: pi_1PiXF****zlzo". The visible start
//! says what kind of value went into the key's slot: a URL, an object id, a placeholder never
//! filled, an empty variable, or a scheme word.

use super::{ids, lines};
use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::core::text::clip;

/// The words before the echoed value.
const ECHOES: &[&str] = &[
    "API key provided: ",
    "API Key provided: ",
    "api key provided: ",
    "token provided: ",
    "Invalid API key: ",
];

/// What the start of an echoed value shows was sent instead of a key.
enum Sent {
    Url,
    Nothing,
    Placeholder,
    SchemeWord,
    Whitespace,
    ObjectId(&'static str),
}

/// Prefixes of object ids (Stripe's) that are not keys.
const OBJECT_IDS: &[(&str, &str)] = &[
    ("pi_", "a PaymentIntent id or client secret"),
    ("seti_", "a SetupIntent id or client secret"),
    ("cus_", "a Customer id"),
    ("ch_", "a Charge id"),
    ("pm_", "a PaymentMethod id"),
    ("acct_", "an account id"),
];

fn kind(value: &str) -> Option<Sent> {
    let v = value.trim_matches(['"', '\'', '.', ',']);
    let lower = v.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Some(Sent::Url);
    }
    if ["nil", "null", "undefined", "none", "\"\"", ""].contains(&lower.as_str()) {
        return Some(Sent::Nothing);
    }
    if v.starts_with('$')
        || v.starts_with('<')
        || v.starts_with("{{")
        || v.starts_with("process.env")
    {
        return Some(Sent::Placeholder);
    }
    if ["bearer", "basic", "token"].contains(&lower.as_str()) {
        return Some(Sent::SchemeWord);
    }
    OBJECT_IDS
        .iter()
        .find(|(p, _)| v.starts_with(p))
        .map(|(_, what)| Sent::ObjectId(what))
}

/// The finding, when a service's echo shows another kind of value than a key.
pub(super) fn finding(text: &str) -> Option<Finding> {
    let (echo, value, sent) = lines(text).find_map(|l| {
        ECHOES.iter().find_map(|e| {
            let rest = l.split(e).nth(1)?;
            let value = rest.split_whitespace().next().unwrap_or("");
            // Stripe says so when the key it got has a space in it; the echo is then no guide.
            if rest.contains("contains at least one space") {
                return Some((*e, value.to_string(), Sent::Whitespace));
            }
            kind(value).map(|k| (*e, value.to_string(), k))
        })
    })?;
    let what = match &sent {
        Sent::Url => "a URL".to_string(),
        Sent::Nothing => "nothing: the setting or variable the key comes from is empty".to_string(),
        Sent::Placeholder => "a placeholder that was never filled in".to_string(),
        Sent::SchemeWord => "only a scheme word".to_string(),
        Sent::Whitespace => {
            "a key with a space or line break in it (read from a file or pasted with one)"
                .to_string()
        }
        Sent::ObjectId(what) => (*what).to_string(),
    };
    let id = match sent {
        Sent::Whitespace => ids::WHITESPACE_IN_KEY,
        _ => ids::WRONG_VALUE_SENT,
    };
    Some(
        Finding::error(
            id,
            format!("The key's slot held {}", what.split(':').next().unwrap_or(&what)),
            format!(
                "The service echoes what it received (\"{}{}\"), and its start shows it was {what}, not a key. The client's key setting is filled from the wrong field, variable or file.",
                echo.trim_end(),
                clip(&format!(" {value}"), 40)
            ),
        )
        .fix("Put the key itself in the key setting (copy it again from the service's API keys page), and check which variable or field the client reads it from.")
        .spec(SpecRef::new("RFC 6750 §2.1", "https://www.rfc-editor.org/rfc/rfc6750#section-2.1")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// continuedev/continue#10250: a URL in the apiKey setting.
    #[test]
    fn a_url_in_the_key_slot() {
        let paste = "401 Incorrect API key provided: https://****************lETQ. You can find your API key at https://platform.openai.com/account/api-keys.";
        assert!(finding(paste).is_some());
    }

    /// flutter-stripe/flutter_stripe#1877: a PaymentIntent where the key belongs.
    #[test]
    fn an_object_id_in_the_key_slot() {
        let paste = "message: Invalid API Key provided: pi_1PiXF************************************************zlzo, stripeErrorCode: null";
        assert!(finding(paste).is_some());
        // A key that merely is wrong says nothing about the slot.
        assert!(finding("Invalid API Key provided: sk_test_****1234").is_none());
    }

    /// coreymgilmore/stripe-appengine-frontend#2: a key file read with its trailing space.
    #[test]
    fn a_key_with_a_space_is_not_an_empty_one() {
        let paste = "Error encountered from Stripe: {\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key provided: nil. This key contains at least one space. Please delete the spaces and try again.\",\"status\":401}";
        assert_eq!(finding(paste).unwrap().id, ids::WHITESPACE_IN_KEY);
    }
}
