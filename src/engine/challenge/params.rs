//! What each challenge parameter means and what it asks the client to do.

/// Meaning of `param` in a `scheme` challenge, with its value taken into account.
pub fn meaning(scheme: &str, param: &str, value: &str) -> String {
    let s = scheme.to_ascii_lowercase();
    let p = param.to_ascii_lowercase();
    let text = match (s.as_str(), p.as_str()) {
        (_, "realm") => "The protection space: credentials for one realm are reused for others only by chance. Clients show it in login prompts.",
        ("basic", "charset") => "The server decodes user:password as UTF-8 (the only value allowed). Encode the credentials as UTF-8.",
        ("digest", "domain") => "URIs (space-separated) that share these credentials.",
        ("digest", "nonce") => "A server value the client must hash into its response; it expires.",
        ("digest", "opaque") => "Send back unchanged in the credentials.",
        ("digest", "stale") if value.eq_ignore_ascii_case("true") => "The password was right but the nonce expired: retry at once with the new nonce, without asking the user again.",
        ("digest", "stale") => "false: the credentials themselves were wrong.",
        ("digest", "algorithm") => "The hash to use (MD5, SHA-256, SHA-512-256, with -sess variants). Several challenges may offer several algorithms: pick the strongest you support.",
        ("digest", "qop") => "Quality of protection: send one of these (auth, or auth-int to also hash the body) as qop in the credentials.",
        ("digest", "charset") => "The username and password are UTF-8.",
        ("digest", "userhash") => "true: send H(username:realm) instead of the username, with userhash=true.",
        ("bearer", "error") => match value {
            "invalid_request" => "invalid_request (HTTP 400): the request is malformed: a missing or repeated parameter, or the token sent in more than one way (header and query).",
            "invalid_token" => "invalid_token (HTTP 401): the token is expired, revoked, malformed, or for another audience. Refresh it, or authenticate again.",
            "insufficient_scope" => "insufficient_scope (HTTP 403): the token is valid but lacks a permission. Get a token with the scope listed here.",
            "invalid_dpop_proof" => "invalid_dpop_proof: the DPoP proof is missing or wrong (htm, htu, iat, jti, ath or signature).",
            "use_dpop_nonce" => "use_dpop_nonce: retry with a new DPoP proof that includes the nonce from the DPoP-Nonce header.",
            _ => "An error code this tool does not know; read error_description.",
        },
        ("bearer" | "dpop", "error_description") => "A human-readable explanation from the server, for developers.",
        ("bearer" | "dpop", "error_uri") => "A web page with more about the error.",
        ("bearer" | "dpop", "scope") => "The scopes (space-separated) a token needs for this resource.",
        ("bearer" | "dpop", "resource_metadata") => "RFC 9728: a URL of JSON that names the authorization servers which issue tokens for this resource. Fetch it to learn where to get a token.",
        ("bearer", "authorization_uri") => "Microsoft Entra: where to get a token (the tenant's authorize endpoint).",
        ("bearer", "resource_id") => "Microsoft Entra: the resource (audience) to request the token for.",
        ("bearer", "client_id") => "Microsoft Entra: the application to request the token for.",
        ("bearer", "trusted_issuers") => "Microsoft: the token issuers this resource trusts.",
        ("dpop", "algs") => "The signature algorithms the server accepts for DPoP proofs.",
        ("vapid", "k") => "The application server's public key (RFC 8292).",
        ("hoba", "challenge") => "A value the client signs with its origin-bound key (RFC 7486).",
        ("hoba", "max-age") => "Seconds the challenge stays valid.",
        ("privatetoken", "challenge") => "A TokenChallenge the client must redeem a Privacy Pass token for (RFC 9577).",
        ("privatetoken", "token-key") => "The issuer's public key for the token.",
        ("mutual", "reason") => "Why authentication is requested (RFC 8120): initial, stale-session, auth-failed, reauth-needed…",
        ("mutual", "algorithm") => "The key-exchange algorithm for mutual authentication.",
        ("mutual", "validation") => "How the server's identity is tied to the channel.",
        (_, "sid" | "sr" | "data") if s.starts_with("scram") => "A step of the SCRAM exchange (RFC 7804): send the next message of the conversation.",
        _ => "A parameter of this scheme; see its specification.",
    };
    text.to_string()
}

/// What the client should do in response to a challenge with no error.
pub fn client_action(scheme: &str, has_token68: bool) -> &'static str {
    match scheme.to_ascii_lowercase().as_str() {
        "basic" => "Send Authorization: Basic base64(user:password).",
        "bearer" => "Send Authorization: Bearer <access token> from the authorization server.",
        "digest" => "Hash the password with this nonce and send Authorization: Digest with response=….",
        "negotiate" if has_token68 => "A continuation of the Negotiate handshake: the client sends the next token on the same connection.",
        "negotiate" => "Start Kerberos (or NTLM) single sign-on: a browser sends a token only if the site is trusted for integrated authentication (intranet zone, AuthServerAllowlist).",
        "ntlm" if has_token68 => "NTLM step 2 of 3: the client answers with message 3 on the same TCP connection.",
        "ntlm" => "Start NTLM: the client sends message 1, and needs a keep-alive connection for all three steps.",
        "dpop" => "Send Authorization: DPoP <token> with a DPoP proof header.",
        "aws4-hmac-sha256" => "Sign the request with AWS Signature Version 4.",
        "hoba" => "Sign the challenge with the origin-bound key.",
        "vapid" => "Sign a JWT for the push service and send vapid t=…, k=….",
        "privatetoken" => "Fetch and redeem a Privacy Pass token.",
        "concealed" => "Prove possession of the key with a TLS key exporter (RFC 9729).",
        _ => "Only a client built for this scheme can answer it.",
    }
}
