//! Server configuration that fixes a CORS problem, filled in with the real origin, method
//! and headers, for the common servers and frameworks.

/// What the server must allow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorsNeeds {
    /// The page's origin.
    pub origin: String,
    /// Methods, upper-case.
    pub methods: Vec<String>,
    /// Request headers, lower-case.
    pub headers: Vec<String>,
    /// Whether cookies are sent (credentials: 'include').
    pub credentials: bool,
    /// Response headers scripts must read.
    pub expose: Vec<String>,
}

fn list(v: &[String], sep: &str) -> String {
    v.join(sep)
}

fn quoted(v: &[String]) -> String {
    v.iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// (server name, configuration) pairs.
pub fn cors(n: &CorsNeeds) -> Vec<(&'static str, String)> {
    let o = &n.origin;
    let m = list(&n.methods, ", ");
    let h = list(&n.headers, ", ");
    let e = list(&n.expose, ", ");
    let cred = n.credentials;
    let mut out = Vec::new();
    out.push((
        "nginx",
        format!(
            "# In the location for the API. 'always' adds the headers to 401/403/5xx too.\n\
         add_header Access-Control-Allow-Origin \"{o}\" always;\n\
         add_header Vary Origin always;\n{}{}\
         # Answer preflights before any auth_request / auth_basic runs:\n\
         if ($request_method = OPTIONS) {{\n    \
             add_header Access-Control-Allow-Origin \"{o}\" always;\n    \
             add_header Access-Control-Allow-Methods \"{m}\" always;\n    \
             add_header Access-Control-Allow-Headers \"{h}\" always;\n{}    \
             add_header Access-Control-Max-Age 600 always;\n    \
             return 204;\n}}",
            if cred {
                "add_header Access-Control-Allow-Credentials \"true\" always;\n"
            } else {
                ""
            },
            if e.is_empty() {
                String::new()
            } else {
                format!("add_header Access-Control-Expose-Headers \"{e}\" always;\n")
            },
            if cred {
                "    add_header Access-Control-Allow-Credentials \"true\" always;\n"
            } else {
                ""
            },
        ),
    ));
    out.push((
        "Apache (.htaccess)",
        format!(
            "# mod_headers; 'always' also covers error responses.\n\
         Header always set Access-Control-Allow-Origin \"{o}\"\n\
         Header always set Vary \"Origin\"\n\
         Header always set Access-Control-Allow-Methods \"{m}\"\n\
         Header always set Access-Control-Allow-Headers \"{h}\"\n{}{}\
         # Let preflights through without authentication (mod_rewrite):\n\
         RewriteEngine On\n\
         RewriteCond %{{REQUEST_METHOD}} OPTIONS\n\
         RewriteRule ^(.*)$ $1 [R=204,L]",
            if cred {
                "Header always set Access-Control-Allow-Credentials \"true\"\n"
            } else {
                ""
            },
            if e.is_empty() {
                String::new()
            } else {
                format!("Header always set Access-Control-Expose-Headers \"{e}\"\n")
            },
        ),
    ));
    out.push((
        "Express (cors)",
        format!(
            "const cors = require('cors');\n\
         // Before any auth middleware, so OPTIONS and 401s get CORS headers too.\n\
         app.use(cors({{\n  origin: '{o}',\n  methods: [{}],\n  allowedHeaders: [{}],\n{}{}}}));",
            quoted(&n.methods).replace('"', "'"),
            quoted(&n.headers).replace('"', "'"),
            if e.is_empty() {
                String::new()
            } else {
                format!(
                    "  exposedHeaders: [{}],\n",
                    quoted(&n.expose).replace('"', "'")
                )
            },
            if cred { "  credentials: true,\n" } else { "" },
        ),
    ));
    out.push((
        "ASP.NET Core",
        format!(
            "builder.Services.AddCors(o => o.AddPolicy(\"api\", p => p\n    \
             .WithOrigins(\"{o}\")\n    \
             .WithMethods({})\n    \
             .WithHeaders({}){}{}));\n\
         // Order matters: UseCors before UseAuthentication/UseAuthorization.\n\
         app.UseCors(\"api\");\napp.UseAuthentication();\napp.UseAuthorization();",
            quoted(&n.methods),
            quoted(&n.headers),
            if e.is_empty() {
                String::new()
            } else {
                format!("\n    .WithExposedHeaders({})", quoted(&n.expose))
            },
            if cred {
                "\n    .AllowCredentials()"
            } else {
                ""
            },
        ),
    ));
    out.push((
        "Spring (Security)",
        format!(
            "@Bean\nCorsConfigurationSource corsConfigurationSource() {{\n    \
             CorsConfiguration c = new CorsConfiguration();\n    \
             c.setAllowedOrigins(List.of(\"{o}\"));\n    \
             c.setAllowedMethods(List.of({}));\n    \
             c.setAllowedHeaders(List.of({}));\n{}{}    \
             UrlBasedCorsConfigurationSource s = new UrlBasedCorsConfigurationSource();\n    \
             s.registerCorsConfiguration(\"/**\", c);\n    return s;\n}}\n\
         // and in the SecurityFilterChain: http.cors(Customizer.withDefaults());\n\
         // so preflights are answered before authentication.",
            quoted(&n.methods),
            quoted(&n.headers),
            if e.is_empty() {
                String::new()
            } else {
                format!("    c.setExposedHeaders(List.of({}));\n", quoted(&n.expose))
            },
            if cred {
                "    c.setAllowCredentials(true);\n"
            } else {
                ""
            },
        ),
    ));
    out.push((
        "FastAPI / Starlette",
        format!(
            "from fastapi.middleware.cors import CORSMiddleware\n\n\
         app.add_middleware(\n    CORSMiddleware,\n    allow_origins=[\"{o}\"],\n    \
             allow_methods=[{}],\n    allow_headers=[{}],\n{}{})",
            quoted(&n.methods),
            quoted(&n.headers),
            if e.is_empty() {
                String::new()
            } else {
                format!("    expose_headers=[{}],\n", quoted(&n.expose))
            },
            if cred {
                "    allow_credentials=True,\n"
            } else {
                ""
            },
        ),
    ));
    out.push((
        "Django (django-cors-headers)",
        format!(
            "# settings.py; put 'corsheaders.middleware.CorsMiddleware' first in MIDDLEWARE.\n\
         CORS_ALLOWED_ORIGINS = [\"{o}\"]\n\
         CORS_ALLOW_METHODS = [{}]\n\
         CORS_ALLOW_HEADERS = [{}]\n{}{}",
            quoted(&n.methods),
            quoted(&n.headers),
            if e.is_empty() {
                String::new()
            } else {
                format!("CORS_EXPOSE_HEADERS = [{}]\n", quoted(&n.expose))
            },
            if cred {
                "CORS_ALLOW_CREDENTIALS = True\n"
            } else {
                ""
            },
        ),
    ));
    let header_consts = n
        .headers
        .iter()
        .map(|h| format!("HeaderName::from_static(\"{h}\")"))
        .collect::<Vec<_>>()
        .join(", ");
    out.push((
        "axum (tower-http)",
        format!(
            "use tower_http::cors::CorsLayer;\nuse http::{{HeaderName, HeaderValue, Method}};\n\n\
         // Add as the outermost layer so preflights never reach the auth layer.\n\
         let cors = CorsLayer::new()\n    \
             .allow_origin(\"{o}\".parse::<HeaderValue>().unwrap())\n    \
             .allow_methods([{}])\n    \
             .allow_headers([{header_consts}]){}{};\n\
         let app = Router::new().merge(api).layer(auth_layer).layer(cors);",
            n.methods
                .iter()
                .map(|m| format!("Method::{m}"))
                .collect::<Vec<_>>()
                .join(", "),
            if e.is_empty() {
                String::new()
            } else {
                format!(
                    "\n    .expose_headers([{}])",
                    n.expose
                        .iter()
                        .map(|h| format!("HeaderName::from_static(\"{h}\")"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            },
            if cred {
                "\n    .allow_credentials(true)"
            } else {
                ""
            },
        ),
    ));
    out.push(("Cloud gateways", format!(
        "AWS API Gateway (HTTP API): CORS settings → Allow origin {o}, methods {m}, headers {h}{}{}.\n\
         AWS API Gateway (REST): enable CORS on the resource AND add the headers to Gateway Responses\n  \
             DEFAULT_4XX / UNAUTHORIZED, or 401s from an authorizer carry no CORS headers.\n\
         Azure API Management: <cors allow-credentials=\"{cred}\"> with <allowed-origins><origin>{o}</origin></allowed-origins>\n  \
             as the first inbound policy (before validate-jwt).\n\
         Google Cloud API Gateway / Endpoints: set allowCors: true, or handle OPTIONS in the backend.",
        if e.is_empty() { String::new() } else { format!(", expose {e}") },
        if cred { ", allow credentials" } else { "" },
    )));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_filled_in() {
        let n = CorsNeeds {
            origin: "https://app.test".into(),
            methods: vec!["GET".into(), "PUT".into(), "OPTIONS".into()],
            headers: vec!["authorization".into(), "content-type".into()],
            credentials: true,
            expose: vec!["www-authenticate".into()],
        };
        let s = cors(&n);
        assert_eq!(s.len(), 9);
        for (name, code) in &s {
            assert!(code.contains("https://app.test"), "{name}");
            if *name != "Cloud gateways" {
                assert!(code.to_lowercase().contains("authorization"), "{name}");
            }
        }
        assert!(s[0]
            .1
            .contains("Access-Control-Allow-Credentials \"true\" always"));
        assert!(s[2].1.contains("exposedHeaders: ['www-authenticate']"));
        assert!(s[7].1.contains("Method::PUT"));
    }
}
