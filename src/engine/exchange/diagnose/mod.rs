//! The diagnosis: what the request and response say together, cause first. `decide.rs` picks
//! the causes from the exchange; `explain.rs` says what each means and what to change.

pub mod decide;
mod explain;

use crate::engine::challenge::Challenges;
use crate::engine::context::{Context, RequestInfo};
use crate::engine::core::finding::Finding;
use crate::engine::http::Exchange;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "Apache with PHP often drops the Authorization header"
    pub const APACHE_DROPS_AUTHORIZATION: FindingId =
        FindingId("exchange.apache_drops_authorization");
    /// "API Gateway wants the Cognito ID token here, not the access token"
    pub const API_GATEWAY_WANTS_ID_TOKEN: FindingId =
        FindingId("exchange.api_gateway_wants_id_token");
    /// "The token's audience does not name this host"
    pub const AUDIENCE_NOT_HOST: FindingId = FindingId("exchange.audience_not_host");
    /// "The token had expired when the server answered ({})"
    pub const EXPIRED_AT_RESPONSE: FindingId = FindingId("exchange.expired_at_response");
    /// "The token has expired ({})": no Date, so judged by this device's clock
    pub const EXPIRED_UNDATED: FindingId = FindingId("exchange.expired_undated");
    /// "IIS with Windows authentication"
    pub const IIS_WINDOWS_AUTH: FindingId = FindingId("exchange.iis_windows_auth");
    /// "The token lacks a required scope"
    pub const INSUFFICIENT_SCOPE: FindingId = FindingId("exchange.insufficient_scope");
    /// "nginx in front: check it forwards Authorization"
    pub const NGINX_FORWARDING: FindingId = FindingId("exchange.nginx_forwarding");
    /// "No credentials were sent{}"
    pub const NO_CREDENTIALS_SENT: FindingId = FindingId("exchange.no_credentials_sent");
    /// "Realm mismatch"
    pub const REALM_MISMATCH: FindingId = FindingId("exchange.realm_mismatch");
    /// "Redirect to another origin"
    pub const REDIRECT_CROSS_ORIGIN: FindingId = FindingId("exchange.redirect_cross_origin");
    /// "Redirect from https to http"
    pub const REDIRECT_TO_HTTP: FindingId = FindingId("exchange.redirect_to_http");
    /// "Scheme mismatch: the client sent {s}, the server offers {offered}"
    pub const SCHEME_MISMATCH: FindingId = FindingId("exchange.scheme_mismatch");
    /// "The credentials were sent but rejected"
    pub const CREDENTIALS_REJECTED: FindingId = FindingId("exchange.credentials_rejected");
}

/// Diagnosis findings, most decisive first.
/// `likely` is the title of the most likely cause the credential and challenge analyses found.
pub fn run(
    ex: &Exchange,
    req: Option<&RequestInfo>,
    ch: &Challenges,
    ctx: &Context,
    likely: Option<&str>,
) -> Vec<Finding> {
    decide::decide(ex, req, ch, ctx, likely)
        .iter()
        .filter_map(explain::finding)
        .collect()
}
