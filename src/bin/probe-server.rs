//! A small HTTP server with one route per CORS/authentication failure mode, for the probe's
//! end-to-end tests and for seeing each failure by hand:
//!
//!     cargo run --bin probe-server -- --port 8090
//!
//! then probe http://127.0.0.1:8090/<route> from authlens. It listens on 127.0.0.1 (and, for
//! the cross-origin redirect, on 127.0.0.2 with the same port) and nowhere else.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    server::main();
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod server {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::{TcpListener, TcpStream};
    use std::thread;

    /// The token `/ok` and friends accept.
    const GOOD: &str = "Bearer good-token";

    /// Routes and what each demonstrates.
    const ROUTES: &[(&str, &str)] = &[
        ("/ok", "correct CORS; 200 with Authorization: Bearer good-token, else a readable 401 with an exposed challenge"),
        ("/no-cors", "no CORS headers at all"),
        ("/errors-without-cors", "CORS headers only on success: the 401 has none (auth runs before CORS)"),
        ("/preflight-auth", "OPTIONS answered with 401 (auth applied to the preflight)"),
        ("/no-method", "the preflight allows only GET and POST"),
        ("/no-auth-header", "the preflight allows every header except Authorization"),
        ("/hidden-challenge", "correct CORS, but WWW-Authenticate is not exposed"),
        ("/wildcard", "Access-Control-Allow-Origin: * without Allow-Credentials (breaks cookies)"),
        ("/redirect", "302 to http://127.0.0.2:<port>/ok: another origin, Authorization dropped"),
        ("/slow", "answers after 30 s, to see the time-out and cancel"),
        ("/allow-list", "fixed lists as in nginx/Spring/ASP.NET configs: Allow-Headers 'authorization, content-type', Allow-Methods 'GET, POST'; CORS on every response, challenge exposed"),
        ("/allow-list-no-auth", "fixed Allow-Headers 'content-type, x-requested-with' (no authorization)"),
        ("/allow-list-no-expose", "as /allow-list, without Access-Control-Expose-Headers"),
        ("/nginx-no-always", "nginx add_header without 'always': CORS headers on 2xx/3xx (and the 204 preflight), none on 401"),
        ("/express-cors", "Express cors() defaults: origin *, request headers reflected, no credentials, nothing exposed"),
        ("/spring-security", "Spring Security authenticating everything, CORS only in Spring MVC: OPTIONS and unauthenticated requests get 401 without CORS"),
        ("/origin-list", "Access-Control-Allow-Origin lists two origins"),
        ("/origin-slash", "Access-Control-Allow-Origin is the page origin with a trailing slash"),
        ("/origin-null", "Access-Control-Allow-Origin: null"),
        ("/no-credentials", "exact origin, but no Access-Control-Allow-Credentials (breaks cookies)"),
        ("/preflight-redirect", "every method, OPTIONS included, is redirected (301, with CORS headers) to /preflight-redirect/, as a framework's trailing-slash redirect"),
        ("/delay", "correct CORS, every answer (preflights too) after 300 ms: the matrix should take one round trip"),
        ("/h/…", "held-out configurations, one per rule of the Fetch standard's CORS protocol (HELD_OUT below)"),
    ];

    struct Request {
        method: String,
        path: String,
        headers: Vec<(String, String)>,
    }

    impl Request {
        fn header(&self, name: &str) -> Option<&str> {
            self.headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        }
    }

    fn read_request(stream: &mut TcpStream) -> Option<Request> {
        let mut reader = BufReader::new(stream.try_clone().ok()?);
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let mut parts = line.split_whitespace();
        let method = parts.next()?.to_string();
        let path = parts.next()?.split('?').next()?.to_string();
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).ok()? == 0 || h.trim().is_empty() {
                break;
            }
            if let Some((n, v)) = h.split_once(':') {
                headers.push((n.trim().to_string(), v.trim().to_string()));
            }
        }
        let len: usize = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0);
        let mut body = vec![0; len.min(1 << 20)];
        let _ = reader.read_exact(&mut body);
        Some(Request {
            method,
            path,
            headers,
        })
    }

    fn respond(stream: &mut TcpStream, status: &str, headers: &[(String, String)], body: &str) {
        let mut out = format!(
            "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
            body.len()
        );
        for (n, v) in headers {
            out.push_str(&format!("{n}: {v}\r\n"));
        }
        out.push_str("\r\n");
        out.push_str(body);
        let _ = stream.write_all(out.as_bytes());
    }

    fn h(n: &str, v: &str) -> (String, String) {
        (n.to_string(), v.to_string())
    }

    /// Full CORS headers for this request (origin echoed, credentials allowed).
    fn cors(req: &Request, expose: bool) -> Vec<(String, String)> {
        let origin = req.header("origin").unwrap_or("*");
        let mut v = vec![
            h("Access-Control-Allow-Origin", origin),
            h("Vary", "Origin"),
            h("Access-Control-Allow-Credentials", "true"),
        ];
        if expose {
            v.push(h("Access-Control-Expose-Headers", "WWW-Authenticate"));
        }
        v
    }

    fn preflight(req: &Request, methods: &str, allow_auth: bool) -> Vec<(String, String)> {
        let mut v = cors(req, false);
        v.push(h("Access-Control-Allow-Methods", methods));
        let asked = req.header("access-control-request-headers").unwrap_or("");
        let allowed: Vec<&str> = asked
            .split(',')
            .map(str::trim)
            .filter(|x| !x.is_empty() && (allow_auth || !x.eq_ignore_ascii_case("authorization")))
            .collect();
        v.push(h("Access-Control-Allow-Headers", &allowed.join(", ")));
        v.push(h("Access-Control-Max-Age", "0"));
        v
    }

    const JSON: (&str, &str) = ("Content-Type", "application/json");

    fn authed(req: &Request) -> bool {
        req.header("authorization") == Some(GOOD)
    }

    /// The protected resource: 200 with the good token, else 401 with a challenge.
    fn resource(req: &Request, mut headers: Vec<(String, String)>, stream: &mut TcpStream) {
        headers.push(h(JSON.0, JSON.1));
        if authed(req) {
            respond(stream, "200 OK", &headers, "{\"ok\":true}");
        } else {
            headers.push(h("WWW-Authenticate", "Bearer realm=\"probe\", error=\"invalid_token\", error_description=\"The access token is missing or invalid\""));
            respond(
                stream,
                "401 Unauthorized",
                &headers,
                "{\"error\":\"invalid_token\"}",
            );
        }
    }

    fn handle(mut stream: TcpStream, port: u16) {
        let Some(req) = read_request(&mut stream) else {
            return;
        };
        let options = req.method == "OPTIONS";
        let all = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
        if real_world(&req, &mut stream) || held_out(&req, &mut stream) {
            return;
        }
        if req.path == "/delay" || req.path == "/delay/" {
            thread::sleep(std::time::Duration::from_millis(300));
        }
        match req.path.as_str() {
            "/ok" | "/delay" | "/preflight-redirect/" if options => respond(
                &mut stream,
                "204 No Content",
                &preflight(&req, all, true),
                "",
            ),
            "/ok" | "/delay" | "/preflight-redirect/" => {
                resource(&req, cors(&req, true), &mut stream)
            }
            "/no-cors" => resource(&req, vec![], &mut stream),
            "/errors-without-cors" if options => respond(
                &mut stream,
                "204 No Content",
                &preflight(&req, all, true),
                "",
            ),
            "/errors-without-cors" => {
                let headers = if authed(&req) {
                    cors(&req, true)
                } else {
                    vec![]
                };
                resource(&req, headers, &mut stream)
            }
            "/preflight-auth" if options => respond(
                &mut stream,
                "401 Unauthorized",
                &[h("WWW-Authenticate", "Basic realm=\"probe\"")],
                "unauthorized",
            ),
            "/preflight-auth" => resource(&req, cors(&req, true), &mut stream),
            "/no-method" if options => respond(
                &mut stream,
                "204 No Content",
                &preflight(&req, "GET, POST", true),
                "",
            ),
            "/no-method" => resource(&req, cors(&req, true), &mut stream),
            "/no-auth-header" if options => respond(
                &mut stream,
                "204 No Content",
                &preflight(&req, all, false),
                "",
            ),
            "/no-auth-header" => resource(&req, cors(&req, true), &mut stream),
            "/hidden-challenge" if options => respond(
                &mut stream,
                "204 No Content",
                &preflight(&req, all, true),
                "",
            ),
            "/hidden-challenge" => resource(&req, cors(&req, false), &mut stream),
            "/wildcard" if options => {
                let headers = vec![
                    h("Access-Control-Allow-Origin", "*"),
                    h("Access-Control-Allow-Methods", all),
                    h("Access-Control-Allow-Headers", "authorization, *"),
                ];
                respond(&mut stream, "204 No Content", &headers, "")
            }
            "/wildcard" => resource(
                &req,
                vec![
                    h("Access-Control-Allow-Origin", "*"),
                    h("Access-Control-Expose-Headers", "WWW-Authenticate"),
                ],
                &mut stream,
            ),
            "/slow" => {
                thread::sleep(std::time::Duration::from_secs(30));
                resource(&req, cors(&req, true), &mut stream)
            }
            "/redirect" if options => respond(
                &mut stream,
                "204 No Content",
                &preflight(&req, all, true),
                "",
            ),
            "/redirect" => {
                let mut headers = cors(&req, true);
                headers.push(h("Location", &format!("http://127.0.0.2:{port}/ok")));
                respond(&mut stream, "302 Found", &headers, "")
            }
            _ => {
                let body: String = ROUTES.iter().map(|(p, d)| format!("{p}\t{d}\n")).collect();
                respond(
                    &mut stream,
                    "404 Not Found",
                    &[
                        h("Content-Type", "text/plain"),
                        h("Access-Control-Allow-Origin", "*"),
                    ],
                    &format!("authlens probe-server routes:\n{body}"),
                );
            }
        }
    }

    /// CORS headers with a given Access-Control-Allow-Origin value and nothing else.
    fn allow_origin(value: &str) -> Vec<(String, String)> {
        vec![h("Access-Control-Allow-Origin", value), h("Vary", "Origin")]
    }

    /// A preflight answer with fixed lists, as configuration files write them.
    fn fixed(origin: &str, methods: &str, headers: &str) -> Vec<(String, String)> {
        let mut v = allow_origin(origin);
        v.push(h("Access-Control-Allow-Methods", methods));
        v.push(h("Access-Control-Allow-Headers", headers));
        v.push(h("Access-Control-Max-Age", "0"));
        v
    }

    /// The routes that reproduce server configurations found in the wild; false if `req`
    /// is for none of them.
    fn real_world(req: &Request, stream: &mut TcpStream) -> bool {
        let options = req.method == "OPTIONS";
        let origin = req.header("origin").unwrap_or("null").to_string();
        let expose = h("Access-Control-Expose-Headers", "WWW-Authenticate");
        let reflected = req
            .header("access-control-request-headers")
            .unwrap_or("")
            .to_string();
        let no_content = "204 No Content";
        match (req.path.as_str(), options) {
            ("/allow-list" | "/allow-list-no-expose", true) => respond(
                stream,
                no_content,
                &fixed(&origin, "GET, POST", "authorization, content-type"),
                "",
            ),
            ("/allow-list-no-auth", true) => respond(
                stream,
                no_content,
                &fixed(&origin, "GET, POST", "content-type, x-requested-with"),
                "",
            ),
            ("/allow-list" | "/allow-list-no-auth", false) => {
                let mut v = allow_origin(&origin);
                v.push(expose);
                resource(req, v, stream)
            }
            ("/allow-list-no-expose", false) => resource(req, allow_origin(&origin), stream),
            ("/nginx-no-always", true) => respond(
                stream,
                no_content,
                &fixed(&origin, "GET, POST, OPTIONS", "Authorization, Content-Type"),
                "",
            ),
            ("/nginx-no-always", false) => {
                // add_header applies to 2xx/3xx only; the 401 from auth_request has none.
                let mut v = fixed(&origin, "GET, POST, OPTIONS", "Authorization, Content-Type");
                if !authed(req) {
                    v.clear();
                }
                resource(req, v, stream)
            }
            ("/express-cors", true) => respond(
                stream,
                no_content,
                &[
                    h("Access-Control-Allow-Origin", "*"),
                    h(
                        "Access-Control-Allow-Methods",
                        "GET,HEAD,PUT,PATCH,POST,DELETE",
                    ),
                    h("Access-Control-Allow-Headers", &reflected),
                    h("Vary", "Access-Control-Request-Headers"),
                ],
                "",
            ),
            ("/express-cors", false) => {
                resource(req, vec![h("Access-Control-Allow-Origin", "*")], stream)
            }
            ("/spring-security", _) if options || !authed(req) => respond(
                stream,
                "401 Unauthorized",
                &[
                    h("WWW-Authenticate", "Basic realm=\"Realm\""),
                    h("Content-Type", "application/json"),
                ],
                "{\"status\":401,\"error\":\"Unauthorized\",\"path\":\"/spring-security\"}",
            ),
            ("/spring-security", false) => resource(req, allow_origin(&origin), stream),
            ("/origin-list" | "/origin-slash" | "/origin-null", _) => {
                let value = match req.path.as_str() {
                    "/origin-list" => format!("https://app.example.com, {origin}"),
                    "/origin-slash" => format!("{origin}/"),
                    _ => "null".to_string(),
                };
                if options {
                    let all = "GET, POST, PUT, PATCH, DELETE";
                    respond(stream, no_content, &fixed(&value, all, &reflected), "")
                } else {
                    let mut v = allow_origin(&value);
                    v.push(expose);
                    resource(req, v, stream)
                }
            }
            ("/no-credentials", true) => respond(
                stream,
                no_content,
                &fixed(&origin, "GET, POST, PUT, PATCH, DELETE", &reflected),
                "",
            ),
            ("/no-credentials", false) => {
                let mut v = allow_origin(&origin);
                v.push(expose);
                resource(req, v, stream)
            }
            ("/preflight-redirect", _) => {
                let mut v = cors(req, true);
                v.push(h("Location", "/preflight-redirect/"));
                respond(stream, "301 Moved Permanently", &v, "")
            }
            _ => return false,
        }
        true
    }

    /// Held-out configurations (the verdict was not written for them): the preflight's status
    /// and headers, then the actual response's headers; `{o}` is the request's Origin. Each
    /// follows a rule of the Fetch standard's CORS protocol (https://fetch.spec.whatwg.org/#http-cors-protocol).
    type Config = (
        &'static str,
        &'static str,
        &'static [(&'static str, &'static str)],
        &'static [(&'static str, &'static str)],
    );
    const AO: &str = "Access-Control-Allow-Origin";
    const AC: &str = "Access-Control-Allow-Credentials";
    const AM: &str = "Access-Control-Allow-Methods";
    const AH: &str = "Access-Control-Allow-Headers";
    const EH: &str = "Access-Control-Expose-Headers";
    const WA: &str = "WWW-Authenticate";
    #[rustfmt::skip]
    const HELD_OUT: &[Config] = &[
        // `*` in Allow-Headers never covers Authorization.
        ("/h/allow-headers-star", "204 No Content", &[(AO, "{o}"), (AM, "GET, POST"), (AH, "*")], &[(AO, "{o}"), (EH, WA)]),
        // `*` in Allow-Methods is literal for a credentialed request.
        ("/h/methods-star-credentials", "204 No Content", &[(AO, "{o}"), (AC, "true"), (AM, "*"), (AH, "authorization")], &[(AO, "{o}"), (AC, "true"), (EH, WA)]),
        // `*` in Expose-Headers is literal for a credentialed request.
        ("/h/expose-star-credentials", "204 No Content", &[(AO, "{o}"), (AC, "true"), (AM, "GET, POST"), (AH, "authorization")], &[(AO, "{o}"), (AC, "true"), (EH, "*")]),
        // Allow-Credentials must be exactly `true`.
        ("/h/credentials-capital", "204 No Content", &[(AO, "{o}"), (AC, "True"), (AM, "GET, POST"), (AH, "authorization")], &[(AO, "{o}"), (AC, "True"), (EH, WA)]),
        // The origin must match byte for byte, port included.
        ("/h/origin-without-port", "204 No Content", &[(AO, "http://127.0.0.1"), (AM, "GET, POST"), (AH, "authorization")], &[(AO, "http://127.0.0.1"), (EH, WA)]),
        // A preflight must be answered 2xx.
        ("/h/preflight-403", "403 Forbidden", &[], &[(AO, "{o}"), (EH, WA)]),
        // The preflight itself needs Allow-Origin.
        ("/h/preflight-no-origin", "204 No Content", &[(AM, "GET, POST"), (AH, "authorization")], &[(AO, "{o}"), (EH, WA)]),
        // Allow-Headers counts on the preflight, not on the actual response.
        ("/h/allow-headers-actual-only", "204 No Content", &[(AO, "{o}"), (AM, "GET, POST")], &[(AO, "{o}"), (AH, "authorization"), (EH, WA)]),
        // `*` as Allow-Origin never admits a credentialed request.
        ("/h/origin-star-credentials", "204 No Content", &[(AO, "*"), (AC, "true"), (AM, "GET, POST"), (AH, "authorization")], &[(AO, "*"), (AC, "true"), (EH, WA)]),
        // Two Allow-Origin fields combine into a list, which matches no origin.
        ("/h/two-origin-fields", "204 No Content", &[(AO, "{o}"), (AO, "https://app.example.com"), (AM, "GET, POST"), (AH, "authorization")], &[(AO, "{o}"), (AO, "https://app.example.com"), (EH, WA)]),
    ];

    /// A held-out configuration's answer; false if `req` is for none of them.
    fn held_out(req: &Request, stream: &mut TcpStream) -> bool {
        let Some((_, status, pre, actual)) = HELD_OUT.iter().find(|c| c.0 == req.path) else {
            return false;
        };
        let origin = req.header("origin").unwrap_or("null");
        let fill = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter()
                .map(|(n, v)| h(n, &v.replace("{o}", origin)))
                .collect()
        };
        if req.method == "OPTIONS" {
            respond(stream, status, &fill(pre), "");
        } else {
            resource(req, fill(actual), stream);
        }
        true
    }

    fn serve(listener: TcpListener, port: u16) {
        for stream in listener.incoming().flatten() {
            thread::spawn(move || handle(stream, port));
        }
    }

    pub fn main() {
        let args: Vec<String> = std::env::args().collect();
        let port: u16 = args
            .iter()
            .position(|a| a == "--port")
            .and_then(|i| args.get(i + 1))
            .and_then(|p| p.parse().ok())
            .unwrap_or(8090);
        let listener = match TcpListener::bind(("127.0.0.1", port)) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("probe-server: cannot listen on 127.0.0.1:{port}: {e}");
                std::process::exit(1);
            }
        };
        let port = listener.local_addr().map(|a| a.port()).unwrap_or(port);
        // The redirect target: another loopback address, so another origin.
        if let Ok(second) = TcpListener::bind(("127.0.0.2", port)) {
            thread::spawn(move || serve(second, port));
        }
        println!("probe-server listening on http://127.0.0.1:{port}/");
        for (p, d) in ROUTES {
            println!("  {p:<22} {d}");
        }
        let _ = std::io::stdout().flush();
        serve(listener, port);
    }
}
