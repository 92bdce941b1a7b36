//! `curl` command lines, as written by hand or by a browser's "Copy as cURL": the shell lexer
//! (`shell.rs`), the options (`parse.rs`), rendering a request as a command (`render.rs`), the
//! shell mistakes that change what is sent (`mistakes.rs`), the request a transcript's command
//! sent (`sent.rs`), and the analysis here.

pub mod mistakes;
pub mod parse;
pub mod render;
pub mod sent;
pub mod shell;
pub mod traps;

pub use parse::{parse, CurlCommand};
pub use render::from_request;
pub use sent::sent_request;
pub use shell::{quote_after, shell_words, strip_prompt, Prompt, Quote};

use super::context::{Context, RequestInfo};
use super::core::finding::{Ask, Field, Finding, Part, Report, SpecRef};
use super::core::{b64, text};
use super::http::Header;
use super::{credential, signed};

/// Whether the text is a curl command (optionally after a `$ ` prompt).
pub fn is_curl_command(text: &str) -> bool {
    shell::strip_prompt(text).is_some()
}

pub use crate::engine::core::shell::shell_quote;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "No URL in the command"
    pub const NO_URL: FindingId = FindingId("curl.no_url");
    /// "Only the start of this command was read"
    pub const COMMAND_CUT: FindingId = FindingId("curl.command_cut");
    /// "Credentials over plain http"
    pub const PLAIN_HTTP: FindingId = FindingId("curl.plain_http");
    /// "Several Authorization headers"
    pub const SEVERAL_AUTHORIZATION: FindingId = FindingId("curl.several_authorization");
    /// "The command cannot be split into words"
    pub const UNBALANCED_QUOTES: FindingId = FindingId("curl.unbalanced_quotes");
    /// "Both -u and an Authorization header"
    pub const USER_AND_HEADER: FindingId = FindingId("curl.user_and_header");
    /// "-u sends Basic credentials"
    pub const USER_OPTION: FindingId = FindingId("curl.user_option");
    /// "-u without a password"
    pub const USER_WITHOUT_PASSWORD: FindingId = FindingId("curl.user_without_password");
    /// "Authenticated by cookie only"
    pub const COOKIE_ONLY: FindingId = FindingId("curl.cookie_only");
    /// "No credentials in this command"
    pub const NO_CREDENTIALS: FindingId = FindingId("curl.no_credentials");
    /// `--cacert` alone: it checks the server's certificate and sends no credential.
    pub const CACERT_NOT_CREDENTIAL: FindingId = FindingId("curl.cacert_not_credential");
}

/// Analyses a curl command: what it sends and what is wrong with its credentials.
pub fn analyze(text: &str, ctx: &Context) -> Report {
    let mut r = Report::new("A curl command.");
    let c = match parse(text) {
        Ok(c) => c,
        Err(e) => {
            r.push(
                Finding::error(
                    ids::UNBALANCED_QUOTES,
                    "The command cannot be split into words",
                    format!("{e}. The shell would wait for more input."),
                )
                .fix("Copy the whole command again, including its closing quote."),
            );
            return r;
        }
    };
    if c.cut {
        r.push(Finding::info(
            ids::COMMAND_CUT,
            "Only the start of this command was read",
            format!(
                "The command has more than {} words; authlens read that many and ignored the rest.",
                shell::MAX_WORDS
            ),
        ));
    }
    let mut rows = vec![Field::new("Method", c.method.to_string())];
    match &c.url {
        Some(u) => rows.push(Field::new("URL", text::visible(u))),
        None => r.push(Finding::error(
            ids::NO_URL,
            "No URL in the command",
            "curl needs a URL to send the request to.",
        )),
    }
    for h in &c.headers {
        let secret = h.is("authorization") || h.is("cookie") || h.is("proxy-authorization");
        let f = if secret { Field::secret } else { Field::new };
        rows.push(f(format!("Header {}", h.name), text::visible(&h.value)));
    }
    r.part(Part::Fields {
        title: "What curl sends".to_string(),
        rows,
    });
    let auth_headers: Vec<&Header> = c.headers.iter().filter(|h| h.is("authorization")).collect();
    if let Some(user) = &c.user {
        let encoded = b64::encode(user.as_bytes());
        r.push(
            Finding::info(
                ids::USER_OPTION,
                "-u sends Basic credentials",
                format!(
                    "curl turns -u into Authorization: Basic {}…",
                    text::clip(&encoded, 12)
                ),
            )
            .spec(SpecRef::new(
                "RFC 7617",
                "https://www.rfc-editor.org/rfc/rfc7617",
            )),
        );
        if !auth_headers.is_empty() {
            r.push(Finding::warning(ids::USER_AND_HEADER,
                "Both -u and an Authorization header",
                "An explicit -H 'Authorization: …' replaces what -u would send, so -u has no effect.",
            ).fix("Keep only the one you mean."));
        }
        if !user.contains(':') {
            r.push(Finding::info(
                ids::USER_WITHOUT_PASSWORD,
                "-u without a password",
                "curl will prompt for the password; in scripts pass user:password.",
            ));
        }
        r.absorb(credential::basic::analyze(&encoded));
    }
    if auth_headers.len() > 1 {
        r.push(Finding::warning(ids::SEVERAL_AUTHORIZATION, "Several Authorization headers", "A request may carry one Authorization header; servers take the first, the last, or reject the request."));
    }
    let info = RequestInfo {
        method: Some(c.method.clone()),
        target: c.url.clone(),
        headers: c.headers.clone(),
        body: c.data.clone(),
    };
    // A credential that is a shell variable (double-quoted or bare) has a value only the shell
    // knows: say so instead of judging the text "$TOKEN".
    let (_, command) = shell::strip_prompt(text).unwrap_or((shell::Prompt::None, text));
    let expanded_later: Vec<&str> = mistakes::variables(command)
        .iter()
        .filter(|v| !v.in_single)
        .map(|v| v.name)
        .collect();
    for h in auth_headers.iter().take(credential::MAX_PER_REQUEST) {
        let var = first_reference(&h.value, &expanded_later);
        if var.is_none() && h.value.contains("$(") && mistakes::has_substitution(command) {
            r.push(
                Finding::info(
                    mistakes::ids::SHELL_VARIABLE,
                    "The credential is the output of a command, $(…)",
                    "The shell runs the command inside $(…) and puts its output into the header; authlens sees only the command. A missing file or a trailing newline in its output reaches the server as the token.",
                )
                .fix("Run the command alone to check its output, or paste the expanded request (curl -v prints it) to check the token itself."),
            );
            continue;
        }
        match var {
            Some(name) => r.push(
                Finding::info(
                    mistakes::ids::SHELL_VARIABLE,
                    format!("The credential is the shell variable ${name}"),
                    format!("The shell fills in ${name} when the command runs; authlens sees only its name. If the variable is empty or unset, the server receives \"{}\" with nothing usable.", text::clip(&h.value.replace(&format!("${name}"), ""), 40)),
                )
                .fix(format!("Run echo \"${name}\" to check it is set, or paste the expanded request (curl -v prints it) to check the token itself.")),
            ),
            None => r.absorb(credential::analyze_in_request(&h.value, &info, ctx)),
        }
    }
    if let Some(t) = &c.bearer {
        r.absorb(credential::bearer::analyze(t, ctx.clock));
    }
    if let Some(url) = &c.url {
        if !auth_headers.is_empty() && super::core::url::is_insecure_remote(url) {
            r.push(Finding::warning(ids::PLAIN_HTTP,
                "Credentials over plain http",
                "Anyone on the network path can read them, and many servers redirect to https — after which curl drops the Authorization header.",
            ).fix("Use https://."));
        }
    }
    // The probe gets the request as curl sends it, -u and --oauth2-bearer made into headers
    // (added to the ask, not to a copy of every header).
    let basic = c.user.iter().map(|u| Header {
        name: "Authorization".into(),
        value: format!("Basic {}", b64::encode(u.as_bytes())),
    });
    let bearer = c.bearer.iter().map(|t| Header {
        name: "Authorization".into(),
        value: format!("Bearer {t}"),
    });
    if let Some(mut ask) = info.probe_ask().filter(|_| c.url.is_some()) {
        if let Ask::Probe { request, .. } = &mut ask {
            request.headers.extend(basic.chain(bearer));
        }
        r.asks.push(ask);
    }
    r.absorb(credential::api_key::analyze(&c.headers));
    r.extend_findings(credential::api_key::gitlab_job_token_endpoint(&info));
    let url_credential = c.url.as_deref().is_some_and(signed::url_has_credential);
    r.absorb(signed::for_request(&info, None, ctx.clock, false));
    signed::settle(&mut r);
    let (prompt, command) = shell::strip_prompt(text).unwrap_or((shell::Prompt::None, text));
    let words = shell_words(command).unwrap_or_default();
    for f in mistakes::findings(command, &words, prompt) {
        r.push(f);
    }
    r.add_new(traps::findings(text));
    let option = |names: &[&str]| {
        words.iter().any(|w| {
            names
                .iter()
                .any(|n| w == n || w.strip_prefix(n).is_some_and(|v| v.starts_with('=')))
        })
    };
    let client_cert = option(&["-E", "--cert"]);
    if auth_headers.is_empty()
        && c.user.is_none()
        && c.bearer.is_none()
        && !credential::api_key::has_credential(&c.headers)
        && !url_credential
        && !client_cert
    {
        if option(&["--cacert", "--capath"]) {
            r.push(
                Finding::warning(
                    ids::CACERT_NOT_CREDENTIAL,
                    "--cacert checks the server; it does not log you in",
                    "--cacert (and --capath) only tell curl which CA to trust for the server's certificate. The command sends no client certificate, token or password, so a server that wants one answers 401.",
                )
                .fix("Authenticate the client too: --cert client.crt --key client.key (a certificate the server's client CA signed), or -H \"Authorization: Bearer <token>\".")
                .spec(SpecRef::new("curl manual: --cert", "https://curl.se/docs/manpage.html#-E")),
            );
        }
        let cookie = c.cookies.is_some() || c.headers.iter().any(|h| h.is("cookie"));
        r.push(Finding::info(
            if cookie {
                ids::COOKIE_ONLY
            } else {
                ids::NO_CREDENTIALS
            },
            if cookie {
                "Authenticated by cookie only"
            } else {
                "No credentials in this command"
            },
            "The command has no Authorization header, -u or --oauth2-bearer.",
        ));
    }
    r
}

/// The first of `names` that `value` refers to as `$NAME` (also the start of a longer name, as a
/// plain search would find it) or `${NAME}`. The names after each `$` are read in one pass and
/// each of `names` is looked up among them: a search of the value per name was quadratic in a
/// command with a long credential and thousands of variables.
fn first_reference<'a>(value: &str, names: &[&'a str]) -> Option<&'a str> {
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut runs: Vec<&str> = Vec::new();
    let mut braced: Vec<&str> = Vec::new();
    for (i, _) in value.match_indices('$') {
        let rest = value.get(i + 1..).unwrap_or_default();
        let end = rest.bytes().position(|c| !ident(c)).unwrap_or(rest.len());
        runs.push(rest.get(..end).unwrap_or_default());
        if let Some(inner) = rest.strip_prefix('{') {
            let end = inner.bytes().position(|c| !ident(c)).unwrap_or(inner.len());
            if inner.as_bytes().get(end) == Some(&b'}') {
                braced.push(inner.get(..end).unwrap_or_default());
            }
        }
    }
    runs.sort_unstable();
    braced.sort_unstable();
    // Runs that start with `n` sort right after `n` itself.
    let prefix_of_run = |n: &str| {
        let i = runs.partition_point(|r| *r < n);
        runs.get(i).is_some_and(|r| r.starts_with(n))
    };
    names
        .iter()
        .copied()
        .find(|n| prefix_of_run(n) || braced.binary_search(n).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::core::method::Method;

    #[test]
    fn chrome_copy_as_curl() {
        let cmd = "curl 'https://api.test/v1/me' \\\n  -H 'accept: application/json' \\\n  -H 'authorization: Bearer abc.def.ghi' \\\n  --compressed";
        let c = parse(cmd).unwrap();
        assert_eq!(c.url.as_deref(), Some("https://api.test/v1/me"));
        assert_eq!(c.method, Method::Get);
        assert_eq!(c.headers.len(), 2);
        assert_eq!(c.headers[1].value, "Bearer abc.def.ghi");
    }

    #[test]
    fn ansi_c_quoting_and_data() {
        let c = parse("curl -X PUT $'https://x.test/a' --data-raw $'{\"a\":\\'b\\'}' -uuser:pw")
            .unwrap();
        assert_eq!(c.method, Method::Put);
        assert_eq!(c.data.as_deref(), Some("{\"a\":'b'}"));
        assert_eq!(c.user.as_deref(), Some("user:pw"));
    }

    #[test]
    fn user_flag_is_analysed_as_basic() {
        let r = analyze(
            "curl -u 'alice:secret\n' https://x.test",
            &Context::default(),
        );
        assert!(r.has_id("curl.user_option"));
        assert!(r.has_id("basic.whitespace_around"));
    }

    #[test]
    fn from_request_round_trips_through_parse() {
        let req = RequestInfo {
            method: Some(Method::Put),
            target: Some("/a?b=1".into()),
            headers: vec![
                Header {
                    name: "Host".into(),
                    value: "x.test".into(),
                },
                Header {
                    name: "Authorization".into(),
                    value: "bearer 'tok'".into(),
                },
                Header {
                    name: "X-Note".into(),
                    value: "it's".into(),
                },
            ],
            body: Some("{}".into()),
        };
        let cmd = from_request(&req).unwrap();
        let c = parse(&cmd).unwrap();
        assert_eq!(c.url.as_deref(), Some("https://x.test/a?b=1"));
        assert_eq!(c.method, Method::Put);
        assert_eq!(c.headers[0].value, "Bearer tok");
        assert_eq!(c.headers[1].value, "it's");
        assert_eq!(c.data.as_deref(), Some("{}"));
    }

    #[test]
    fn unclosed_quote() {
        assert!(analyze("curl 'https://x", &Context::default()).has_id("curl.unbalanced_quotes"));
    }

    #[test]
    fn a_credential_in_a_shell_variable_is_not_judged_as_text() {
        // The DigitalOcean docs' form, double-quoted: the shell fills in $TOKEN.
        let r = analyze(
            "curl -H \"Authorization: Bearer $TOKEN\" https://api.digitalocean.com/v2/account",
            &Context::default(),
        );
        assert!(r.has_id("curl.shell_variable"));
        assert!(!r.has_id("bearer.bad_character") && !r.has_id("curl.single_quoted_var"));
    }

    #[test]
    fn a_variable_is_found_by_its_name_after_a_dollar() {
        let names = ["TOK", "B", "C"];
        assert_eq!(first_reference("Bearer $TOKEN", &names), Some("TOK"));
        assert_eq!(first_reference("Bearer ${C}x$B", &names), Some("B"));
        assert_eq!(first_reference("Bearer ${C}", &names), Some("C"));
        assert_eq!(first_reference("Bearer ${CC} $D", &names), None);
        assert_eq!(first_reference("Bearer TOK", &names), None);
    }

    #[test]
    fn cacert_is_not_a_credential() {
        // kubernetes/kubernetes#10159
        let r = analyze(
            "curl --cacert ca.crt https://k8master:8081/api/v1/pods",
            &Context::default(),
        );
        assert!(r.has_id("curl.cacert_not_credential") && r.has_id("curl.no_credentials"));
        // A client certificate is a credential; a token read by $(…) is one too.
        for with in [
            "curl --cacert ca.crt --cert me.crt --key me.key https://k8master:8081/api",
            "curl --cacert ca.crt -H \"Authorization: Bearer $(cat /run/token)\" https://k8master/api",
        ] {
            let r = analyze(with, &Context::default());
            assert!(!r.has_id("curl.cacert_not_credential") && !r.has_id("curl.no_credentials"), "{with}");
            assert!(!r.has_id("bearer.bad_character"), "{with}");
        }
    }

    #[test]
    fn exported_variables_are_filled_in() {
        let vars = shell::exports("$ export GH_TOKEN=ghp_abc\nAPI=https://api.github.com");
        assert_eq!(vars.len(), 2);
        assert_eq!(
            shell::expand_vars(
                "curl -H \"Authorization: token $GH_TOKEN\" '$API' ${API}/user",
                &vars
            ),
            "curl -H \"Authorization: token ghp_abc\" '$API' https://api.github.com/user"
        );
    }
}
