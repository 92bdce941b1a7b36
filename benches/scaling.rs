//! Scaling report: `cargo bench --bench scaling [-- --max 10M] [-- SHAPE…]`. Runs adversarial
//! input shapes at 1 KB, 10 KB, … each in its own process, and prints the time, the peak memory
//! and the growth per 10× size. Every entry point should grow about 10× per decade (linear);
//! the target is ≤ 12× per decade and peak memory ≤ 20× the input at 10 MB. A report, not a
//! test: nothing here fails on a slow machine.

use authlens::engine::jose::keys::{self, SecretEncoding};
use authlens::engine::{self, share, Clock, Context, InputKind};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A shape: its name, what it exercises, and a generator of about `n` bytes.
type Shape = (&'static str, fn(usize) -> String);

fn repeat_to(n: usize, head: &str, mut unit: impl FnMut(usize) -> String) -> String {
    let mut s = String::with_capacity(n + 256);
    s.push_str(head);
    let mut i = 0;
    while s.len() < n {
        s.push_str(&unit(i));
        i += 1;
    }
    s
}

fn jwt(i: usize) -> String {
    use base64::Engine;
    let e = |s: String| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    format!(
        "{}.{}.c2ln",
        e(r#"{"alg":"HS256","typ":"JWT"}"#.to_string()),
        e(format!(
            r#"{{"sub":"user{i}","exp":{}}}"#,
            1_700_000_000 + i
        ))
    )
}

/// A HAR of about `n` bytes with the given entries.
fn har(n: usize, mut entry: impl FnMut(usize) -> String) -> String {
    repeat_to(n, r#"{"log":{"version":"1.2","entries":["#, |i| {
        format!("{}{}", if i == 0 { "" } else { "," }, entry(i))
    }) + "]}}"
}

const SHAPES: &[Shape] = &[
    ("basic_repeat", |n| {
        repeat_to(n, "WWW-Authenticate: Basic", |_| " a=b".into())
    }),
    ("comma_repeat", |n| repeat_to(n, "", |_| "a=b,".into())),
    ("distinct_params", |n| {
        repeat_to(n, "Basic ", |i| format!("a{i}=b,"))
    }),
    ("unquoted_spaces", |n| {
        repeat_to(n, "Bearer realm=", |_| "x y ".into())
    }),
    ("unclosed_quotes", |n| {
        repeat_to(n, "Bearer ", |i| format!("p{i}=\"x, "))
    }),
    ("curl_digest_headers", |n| {
        repeat_to(n, "curl https://api.test/x", |i| {
            format!(" -H 'Authorization: Digest username=\"u{i}\", realm=\"r\", nonce=\"n{i}\", uri=\"/x\", response=\"8ca523f5e9506fed4657c9700eebdbec\", qop=auth, nc=00000001, cnonce=\"c\"'")
        })
    }),
    // Each Bearer credential is read against the request's other headers: thousands of them
    // were quadratic until only the first few were judged one by one.
    ("curl_bearer_headers", |n| {
        repeat_to(n, "curl https://api.test/x", |i| {
            format!(" -H 'Authorization: Bearer tok{i}abcdefghijklmnop'")
        })
    }),
    ("jwt_auth_headers", |n| {
        repeat_to(n, "GET /x HTTP/1.1\nHost: api.test\n", |i| {
            format!("Authorization: Bearer {}\n", jwt(i))
        })
    }),
    ("resource_metadata", |n| {
        repeat_to(n, "HTTP/1.1 401 Unauthorized\n", |i| {
            format!("WWW-Authenticate: Bearer resource_metadata=\"https://api.test/.well-known/oauth-protected-resource/{i}\"\n")
        })
    }),
    ("set_cookie_lines", |n| {
        repeat_to(n, "HTTP/1.1 401 Unauthorized\n", |i| {
            format!("Set-Cookie: s{i}=v; SameSite=None; Expires=Wed, 31 Feb 2030 99:99:99 GMT\n")
        })
    }),
    ("header_lines", |n| {
        repeat_to(n, "GET / HTTP/1.1\n", |i| {
            format!("X-Api-Key-{i}: sk_live_{i:024}\n")
        })
    }),
    // Commands with their output, one after another: the paste is cut into parts (up to a
    // bound) and each is read on its own.
    ("command_transcripts", |n| {
        repeat_to(n, "", |i| {
            format!("$ curl -i -u user{i}:secret https://api.test/v1/{i}\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Basic realm=\"r\"\n\n")
        })
    }),
    ("text_lines", |n| {
        repeat_to(n, "", |_| "hello world line\n".into())
    }),
    ("basic_credential", |n| {
        repeat_to(n, "Authorization: Basic ", |_| "QUJD".into())
    }),
    ("jwt_big_claims", |n| {
        let claims = repeat_to(n * 3 / 4, "{\"sub\":\"a\"", |i| format!(",\"c{i}\":\"v\""));
        format!("eyJhbGciOiJIUzI1NiJ9.{}.c2ln", {
            use base64::Engine;
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(claims + "}")
        })
    }),
    ("nested_json_body", |n| {
        let depth = n / 2;
        format!(
            "HTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n{}{}",
            "[".repeat(depth),
            "]".repeat(depth)
        )
    }),
    ("jwks_keys", |n| {
        repeat_to(n, "{\"keys\":[", |i| {
            format!(
                "{}{{\"kty\":\"oct\",\"kid\":\"k{i}\",\"k\":\"c2VjcmV0\"}}",
                if i == 0 { "" } else { "," }
            )
        }) + "]}"
    }),
    // Redaction masked a Digest credential's parameters to the end of the line once per
    // credential: thousands of Digest headers on one curl line were quadratic.
    ("redact_digest_curl", |n| {
        repeat_to(n, "curl https://api.test/x", |i| {
            format!(" -H 'Authorization: Digest username=\"u{i}\", realm=\"r\", nonce=\"n{i}\", uri=\"/x\", response=\"8ca523f5e9506fed4657c9700eebdbec\", qop=auth, nc=00000001, cnonce=\"c\"'")
        })
    }),
    // Redaction searched every line once per credential header name: 1 MB of empty lines took
    // 0.8 s before the line's header names were found in one pass.
    ("redact_blank_lines", |n| "\n".repeat(n)),
    // Each preflight scanned its URL's later entries for the guarded method: thousands of
    // preflights of one URL were quadratic.
    ("har_preflights", |n| {
        har(n, |_| {
            r#"{"request":{"method":"OPTIONS","url":"https://h.test/","headers":[{"name":"Access-Control-Request-Method","value":"PUT"}]},"response":{"status":403}}"#.to_string()
        })
    }),
    // Each failure scanned the origin groups: thousands of failing origins were quadratic, and
    // every failure's report was kept until only the first MAX_FAILURES were listed.
    ("har_origins", |n| {
        har(n, |i| {
            format!(
                r#"{{"request":{{"method":"GET","url":"https://h{i}.test/"}},"response":{{"status":401}}}}"#
            )
        })
    }),
    // Each failure scanned its group's failures for one to merge with: thousands of distinct
    // credentials at one origin were quadratic.
    ("har_credentials", |n| {
        har(n, |i| {
            format!(
                r#"{{"request":{{"method":"GET","url":"https://h.test/","headers":[{{"name":"Authorization","value":"Bearer t{i}"}}]}},"response":{{"status":401}}}}"#
            )
        })
    }),
    // Stripping colour codes searched the rest of the value for every escape form after each
    // code: a credential of thousands of `\033[0;32m` codes was quadratic.
    ("ansi_credential", |n| {
        repeat_to(n, "Authorization: token", |i| {
            format!(" \\033[0;32mghu_{i:036}\\033[0m")
        })
    }),
    // Each Authorization header was searched for every shell variable of the command: a long
    // credential and thousands of variables elsewhere were quadratic.
    ("curl_vars_long_auth", |n| {
        let vars = repeat_to(n / 2, "", |i| format!("$V{i} "));
        format!(
            "curl https://api.test/x -H 'Authorization: Bearer {}' -d \"{vars}\"",
            "a".repeat(n / 2)
        )
    }),
    // Each scope the challenge requires was looked up in a list of the token's scopes: both
    // long was quadratic (and both were quoted whole in the explanation).
    ("scope_lists", |n| {
        use base64::Engine;
        let scopes = repeat_to(n / 4, "openid", |i| format!(" s{i}"));
        let claims = format!(r#"{{"sub":"a","scope":"{}"}}"#, scopes.replace(" s", " t"));
        let token = format!(
            "eyJhbGciOiJIUzI1NiJ9.{}.c2ln",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(claims)
        );
        format!("GET / HTTP/1.1\nHost: a.test\nAuthorization: Bearer {token}\n\nHTTP/1.1 403 Forbidden\nWWW-Authenticate: Bearer error=\"insufficient_scope\", scope=\"{scopes}\"\n")
    }),
    // Each header a script could not read was looked up in the list of those already seen and
    // in Access-Control-Expose-Headers: thousands of both were quadratic.
    ("cors_unreadable", |n| {
        let exposed = repeat_to(n / 2, "HTTP/1.1 200 OK\nAccess-Control-Allow-Origin: https://a.test\nAccess-Control-Expose-Headers: x-a", |i| format!(", x-e{i}"));
        repeat_to(n, &(exposed + "\n"), |i| {
            format!("res.headers.get('x-h{i}') // null\n")
        })
    }),
    // Each repository a registry challenge named was looked up in every token request of the
    // paste: thousands of each were quadratic.
    ("registry_scopes", |n| {
        let challenge = repeat_to(n / 2, "HTTP/1.1 401 Unauthorized\nWww-Authenticate: Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",error=\"insufficient_scope\",scope=\"repository:a/b:pull", |i| format!(" repository:r{i}/x:pull"));
        repeat_to(n, &(challenge + "\"\n"), |i| {
            format!("curl https://auth.docker.io/token?service=registry.docker.io&scope=repository:q{i}/y:pull\n")
        })
    }),
    // Each Set-Cookie lower-cased the request's Host again and quoted it whole in its finding:
    // a long Host under thousands of cookies was quadratic in time and memory.
    ("long_host_cookies", |n| {
        let head = format!(
            "GET /{} HTTP/1.1\nHost: {}\n\nHTTP/1.1 401 Unauthorized\n",
            "p".repeat(n / 8),
            "h".repeat(n / 8)
        );
        repeat_to(n, &head, |i| {
            format!("Set-Cookie: s{i}=v; Domain=d.test; Path=/q; SameSite=Lax\n")
        })
    }),
    // A scheme written twice was read by a recursion per repeat: "Bearer Bearer …" (and Basic,
    // DPoP) thousands of times overflowed the stack.
    ("bearer_twice", |n| {
        repeat_to(n, "Authorization: Bearer", |_| " Bearer".into()) + " tok"
    }),
    // Each hop of a redirect chain that dropped Authorization was inserted at the front of the
    // failure's findings: a chain of thousands of hops was quadratic and listed every one.
    ("har_redirect_chain", |n| {
        let hops = n / 125;
        let entries: Vec<String> = (0..hops)
            .map(|i| {
                let auth = if i % 2 == 0 { r#"{"name":"Authorization","value":"Bearer x"}"# } else { "" };
                let status = if i + 1 == hops { 401 } else { 302 };
                format!(r#"{{"request":{{"method":"GET","url":"https://h.test/p{i}","headers":[{auth}]}},"response":{{"status":{status},"redirectURL":"https://h.test/p{}"}}}}"#, i + 1)
            })
            .collect();
        format!(r#"{{"log":{{"entries":[{}]}}}}"#, entries.join(","))
    }),
    // A worker answer whose list count claims every remaining byte is an element.
    ("wire_count_lies", |n| {
        let rest = n.saturating_sub(16);
        format!("1,0,0:{rest},{}", "x".repeat(rest))
    }),
    ("many_dots", |n| ".".repeat(n)),
    ("curl_verbose", |n| {
        repeat_to(n, "", |_| {
            "> GET /a HTTP/1.1\n> Authorization: Bearer abc.def\n< HTTP/1.1 401 Unauthorized\n< WWW-Authenticate: Bearer realm=\"a\"\n".into()
        })
    }),
    ("curl_many_h", |n| {
        repeat_to(n, "curl https://api.test/x", |i| format!(" -H 'X-H{i}: v'"))
    }),
    ("sigv4_signed_headers", |n| {
        repeat_to(
            n,
            "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host",
            |i| format!(";x-h{i}"),
        ) + ", Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024"
    }),
    ("many_challenges", |n| {
        repeat_to(n, "WWW-Authenticate: ", |i| {
            format!("Basic realm=\"r{i}\", ")
        })
    }),
    ("challenge_lines", |n| {
        repeat_to(n, "", |i| {
            format!("WWW-Authenticate: Bearer realm=\"r{i}\"\n")
        })
    }),
    ("pem_body", |n| {
        repeat_to(n, "-----BEGIN PUBLIC KEY-----\n", |_| "QUJD".into())
            + "\n-----END PUBLIC KEY-----"
    }),
];

/// Runs one shape at one size in this process; prints "seconds peak_kb findings parts".
fn one(name: &str, size: usize) {
    let Some((_, make)) = SHAPES.iter().find(|(n, _)| *n == name) else {
        eprintln!("unknown shape {name}");
        std::process::exit(2);
    };
    let input = make(size);
    let ctx = Context::with_clock(Clock {
        now: Some(1_800_000_000),
        leeway: 60,
        offset_minutes: 0,
    });
    let start = Instant::now();
    let (findings, parts) = if name.starts_with("jwks") || name.starts_with("pem") {
        let r = keys::parse(&input, SecretEncoding::Text);
        (usize::from(r.is_err()), 0)
    } else if name.starts_with("wire_") {
        (usize::from(engine::job::decode_answer(&input).is_err()), 0)
    } else if name.starts_with("redact_") {
        let r = share::redact(&input);
        (r.redactions.len(), 0)
    } else {
        let kind = engine::detect(&input).kind;
        let kind = if kind == InputKind::Unknown && name == "comma_repeat" {
            InputKind::Challenge
        } else {
            kind
        };
        let r = engine::analyze(&input, kind, &ctx);
        (r.findings.len(), r.parts.len())
    };
    let secs = start.elapsed().as_secs_f64();
    println!("{secs} {} {findings} {parts}", peak_kb());
}

/// Peak resident memory of this process in KB (Linux), 0 elsewhere.
fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn parse_size(s: &str) -> usize {
    let (num, mul) = match s.as_bytes().last() {
        Some(b'K' | b'k') => (&s[..s.len() - 1], 1_000),
        Some(b'M' | b'm') => (&s[..s.len() - 1], 1_000_000),
        _ => (s, 1),
    };
    num.parse::<usize>().unwrap_or(1_000_000) * mul
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if args.first().map(String::as_str) == Some("--one") {
        one(&args[1], parse_size(&args[2]));
        return;
    }
    let mut max = 1_000_000;
    let mut limit = Duration::from_secs(30);
    let mut only = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--max" => max = parse_size(it.next().map_or("1M", String::as_str)),
            "--timeout" => {
                limit = Duration::from_secs(it.next().and_then(|s| s.parse().ok()).unwrap_or(30))
            }
            s if !s.starts_with('-') => only.push(s.to_string()),
            _ => {}
        }
    }
    let exe = std::env::current_exe().expect("own path");
    println!(
        "{:<20} {:>6} {:>10} {:>7} {:>10} {:>6} {:>9} {:>6}",
        "shape", "size", "time", "growth", "peak", "×input", "findings", "parts"
    );
    for (name, _) in SHAPES {
        if !only.is_empty() && !only.iter().any(|o| o == name) {
            continue;
        }
        let mut prev: Option<f64> = None;
        let mut size = 1_000;
        while size <= max {
            let label = if size >= 1_000_000 {
                format!("{}M", size / 1_000_000)
            } else {
                format!("{}K", size / 1_000)
            };
            match run_child(&exe, name, &label, limit) {
                Some((secs, peak_kb, findings, parts)) => {
                    let growth = prev
                        .filter(|p| *p > 0.0005)
                        .map_or("".to_string(), |p| format!("{:.1}×", secs / p));
                    println!(
                        "{name:<20} {label:>6} {:>8.1}ms {growth:>7} {:>8}MB {:>6.1} {findings:>9} {parts:>6}",
                        secs * 1000.0,
                        peak_kb / 1024,
                        peak_kb as f64 * 1024.0 / size as f64,
                    );
                    prev = Some(secs);
                }
                None => {
                    println!(
                        "{name:<20} {label:>6}  over {}s or failed: stopped",
                        limit.as_secs()
                    );
                    break;
                }
            }
            size *= 10;
        }
    }
}

/// Runs one measurement in a child process, killed after `limit`.
fn run_child(
    exe: &std::path::Path,
    name: &str,
    size: &str,
    limit: Duration,
) -> Option<(f64, u64, usize, usize)> {
    let mut child = Command::new(exe)
        .args(["--one", name, size])
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    let start = Instant::now();
    loop {
        if child.try_wait().ok()?.is_some() {
            break;
        }
        if start.elapsed() > limit {
            // Only this child, which this process started.
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut f = text.split_whitespace();
    Some((
        f.next()?.parse().ok()?,
        f.next()?.parse().ok()?,
        f.next()?.parse().ok()?,
        f.next()?.parse().ok()?,
    ))
}
