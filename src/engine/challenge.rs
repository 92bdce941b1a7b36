//! `WWW-Authenticate` / `Proxy-Authenticate`: each challenge and its parameters.

use super::authparams;
use super::finding::{Field, Finding, Part, Report, SpecRef};
use super::schemes;
use super::text;

const RFC9110_CHALLENGE: SpecRef = SpecRef::new(
    "RFC 9110 §11.6.1",
    "https://www.rfc-editor.org/rfc/rfc9110#section-11.6.1",
);

/// Strips a `WWW-Authenticate:` / `Proxy-Authenticate:` name from each line and returns the values.
pub fn field_values(input: &str) -> Vec<String> {
    let mut values = Vec::new();
    for line in input.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let value = match line.split_once(':') {
            Some((n, v))
                if n.trim().eq_ignore_ascii_case("www-authenticate")
                    || n.trim().eq_ignore_ascii_case("proxy-authenticate") =>
            {
                v.trim()
            }
            _ => line,
        };
        values.push(value.to_string());
    }
    values
}

/// Analyses one or more challenge field values.
pub fn analyze_values(values: &[&str]) -> Report {
    let mut r =
        Report::new("An authentication challenge: what the server asks the client to send.");
    let mut count = 0;
    for value in values {
        let parsed = authparams::parse(value);
        for d in &parsed.deviations {
            r.push(
                Finding::warning(
                    "The challenge does not follow the header grammar",
                    format!("At character {} of \"{}\": {}.", d.pos + 1, text::clip(value, 60), d.message),
                )
                .fix("Clients differ on how they read malformed challenges; send it as scheme param=\"value\", param2=\"value\".")
                .spec(RFC9110_CHALLENGE),
            );
        }
        for item in parsed.items {
            count += 1;
            let mut rows = Vec::new();
            let meaning = schemes::lookup(&item.scheme).map_or(
                "an unregistered scheme: only clients built for it understand it",
                |s| s.meaning,
            );
            rows.push(Field::new("Scheme", format!("{} — {meaning}", item.scheme)));
            if let Some(t) = &item.token68 {
                rows.push(Field::new("token68", text::visible(t)));
            }
            for p in &item.params {
                rows.push(Field::new(p.name.clone(), text::visible(&p.value)));
            }
            r.part(Part::Fields {
                title: format!("Challenge {count}: {}", item.scheme),
                rows,
            });
            if let Some(err) = item.param("error") {
                r.push(
                    Finding::error(
                        format!("The server says: {err}"),
                        item.param("error_description").map_or_else(
                            || "The server gave an error code in its challenge.".to_string(),
                            |d| format!("Description: \"{}\".", text::visible(d)),
                        ),
                    )
                    .spec(SpecRef::new(
                        "RFC 6750 §3.1",
                        "https://www.rfc-editor.org/rfc/rfc6750#section-3.1",
                    )),
                );
            }
        }
    }
    if count == 0 {
        r.push(Finding::error(
            "No challenge found",
            "A challenge starts with a scheme name such as Basic or Bearer. Nothing like that was found.",
        ).spec(RFC9110_CHALLENGE));
    } else {
        r.summary = format!(
            "{count} challenge{}: the server accepts any one of these schemes.",
            if count == 1 { "" } else { "s" }
        );
    }
    r
}

/// Analyses pasted challenge text (header lines or bare values).
pub fn analyze(input: &str) -> Report {
    let values = field_values(input);
    let refs: Vec<&str> = values.iter().map(String::as_str).collect();
    analyze_values(&refs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_challenges_in_one_line_and_across_lines() {
        let r = analyze("WWW-Authenticate: Basic realm=\"a\", Bearer\nWWW-Authenticate: Negotiate");
        assert!(r.summary.starts_with("3 challenges"));
    }

    #[test]
    fn bearer_error_is_an_error_finding() {
        let r =
            analyze("Bearer realm=\"api\", error=\"invalid_token\", error_description=\"expired\"");
        assert!(r.has_title("invalid_token"));
    }

    #[test]
    fn nothing_found() {
        assert!(analyze("=,=").has_title("No challenge"));
    }
}
