use super::*;
use crate::engine::core::clock::Clock;
use crate::engine::core::finding::{
    Ask, FetchKind, Field, Finding, FindingId, Part, Report, Severity, SpecRef, Step, StepState,
};
use crate::engine::core::header::Header;
use crate::engine::core::method::Method;
use crate::engine::core::request::{CredMode, ProbeRequest};

fn trip<T: Wire + PartialEq + fmt::Debug>(v: T) {
    let text = encode(&v);
    assert_eq!(decode::<T>(&text), Ok(v), "{text}");
}

/// A report holding every kind of part and ask, with text the encoding must not trip on.
fn full_report() -> Report {
    // Made at run time: ids are declared only beside the code that raises them.
    let id = FindingId(intern("test.wire"));
    let mut r = Report::new("Summary, with: commas and\ttabs\nand lines — and ünïcode 🔑");
    r.push(Finding::error(id, "1:2,3", "").fix("x").spec(SpecRef::new(
        "RFC 9110 §11",
        "https://www.rfc-editor.org/rfc/rfc9110#section-11",
    )));
    r.push(Finding::warning(id, "w", "explanation"));
    r.push(Finding::info(id, "", "0:"));
    r.push(Finding::ok(id, "ok", "-1,"));
    r.part(Part::Fields {
        title: "Header".into(),
        rows: vec![
            Field::new("alg", "RS256"),
            Field::secret("secret", "c2VjcmV0"),
        ],
    });
    r.part(Part::Table {
        title: "T".into(),
        columns: vec!["a".into(), "b".into()],
        rows: vec![vec!["1".into(), String::new()], vec![]],
    });
    r.part(Part::Timeline {
        title: "Times".into(),
        points: vec![("iat".into(), -5), ("exp".into(), i64::MAX)],
        now: Some(i64::MIN),
    });
    r.part(Part::Timeline {
        title: String::new(),
        points: vec![],
        now: None,
    });
    r.part(Part::Flow {
        title: "Flow".into(),
        steps: [
            StepState::Passed,
            StepState::Failed,
            StepState::Skipped,
            StepState::Unknown,
        ]
        .into_iter()
        .map(|state| Step {
            label: state.label().into(),
            state,
        })
        .collect(),
    });
    r.part(Part::Snippet {
        title: "nginx".into(),
        text: "add_header X 1;".into(),
    });
    r.part(Part::Code {
        title: "JSON".into(),
        text: "{\"a\": 1}".into(),
    });
    for (method, credentials) in [
        (Method::Get, CredMode::Omit),
        (Method::Other("PROPFIND".into()), CredMode::Include),
        (Method::Other("not a token".into()), CredMode::SameOrigin),
    ] {
        r.ask(Ask::Probe {
            request: ProbeRequest {
                url: "https://api.example.com/v1".into(),
                method,
                headers: vec![Header {
                    name: "Authorization".into(),
                    value: "Bearer abc".into(),
                }],
                body: Some("{}".into()),
                credentials,
            },
            pasted_for: Some("api.example.com".into()),
        });
    }
    r.ask(Ask::DigestPassword);
    r.ask(Ask::VerifySignature {
        token: "a.b.c".into(),
        iss: None,
    });
    r.ask(Ask::Fetch {
        kind: FetchKind::ResourceMetadata,
        url: "https://api.example.com/.well-known/oauth-protected-resource".into(),
    });
    r
}

#[test]
fn every_core_type_survives_the_trip() {
    trip(full_report());
    trip(Report::default());
    for m in [
        Method::Get,
        Method::Head,
        Method::Post,
        Method::Put,
        Method::Patch,
        Method::Delete,
        Method::Options,
        Method::Other("patch".into()),
    ] {
        trip(m);
    }
    for s in [
        Severity::Error,
        Severity::Warning,
        Severity::Info,
        Severity::Ok,
    ] {
        trip(s);
    }
    trip(Clock {
        now: Some(-1),
        leeway: 0,
        offset_minutes: -330,
    });
    trip(Clock::default());
    for n in [0, 1, -1, 9, 10, i64::MAX, i64::MIN] {
        trip(n);
    }
    trip((u16::MAX, u32::MAX));
    trip(vec![Some(true), None, Some(false)]);
    trip(Box::<str>::from(""));
}

#[test]
fn ids_and_references_come_back_interned() {
    let f = Finding::error(FindingId(intern("test.interned")), "t", "e").spec(SpecRef::new(
        "RFC 7519",
        "https://www.rfc-editor.org/rfc/rfc7519",
    ));
    let a: Finding = decode(&encode(&f)).unwrap();
    let b: Finding = decode(&encode(&f)).unwrap();
    assert!(std::ptr::eq(a.id.as_str(), b.id.as_str()));
    assert!(std::ptr::eq(a.spec.unwrap().url, b.spec.unwrap().url));
}

#[test]
fn interned_strings_are_shared() {
    assert!(std::ptr::eq(intern("jwt.expired"), intern("jwt.expired")));
}

#[test]
fn a_malformed_message_is_an_error_not_a_panic() {
    let text = encode(&full_report());
    // Every cut short message, and every one with a byte changed, reads as an error or as some
    // report; none panics.
    for end in 0..text.len() {
        if let Some(cut) = text.get(..end) {
            assert!(decode::<Report>(cut).is_err(), "cut at {end}");
        }
    }
    let bytes = text.as_bytes();
    for i in 0..bytes.len() {
        for b in [b'0', b'9', b',', b':', b'-', b'x', 0xC3] {
            let mut changed = bytes.to_vec();
            changed[i] = b;
            if let Ok(s) = std::str::from_utf8(&changed) {
                let _ = decode::<Report>(s);
            }
        }
    }
    for bad in [
        "",
        ",",
        "-",
        "1",
        "99999999999999999999999,",
        "+1:x",
        "-1:",
        "5:ab",
        "1:\u{e9}",
        "0:0,0,0,x",
    ] {
        assert!(decode::<Report>(bad).is_err(), "{bad:?}");
    }
    // A count larger than the message asks for no memory.
    assert!(decode::<Vec<String>>("4000000000,").is_err());
    // Trailing bytes are an error too.
    assert!(decode::<i64>("1,2,").is_err());
    assert_eq!(decode::<i64>("x").unwrap_err(), Bad { at: 0 });
}
