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
        match req.path.as_str() {
            "/ok" if options => respond(
                &mut stream,
                "204 No Content",
                &preflight(&req, all, true),
                "",
            ),
            "/ok" => resource(&req, cors(&req, true), &mut stream),
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
