//! ASP.NET Core authentication and Microsoft.IdentityModel: `Bearer was not authenticated.
//! Failure message: IDX10223: Lifetime validation failed. The token is expired.` and the IDX
//! codes on their own. Codes: Microsoft.IdentityModel.Tokens LogMessages
//! (https://github.com/AzureAD/azure-activedirectory-identitymodel-extensions-for-dotnet).

use super::cause::{Cause, Hit};
use super::line::{after, between};
use crate::engine::core::text::{has, phrases_in};

const SOURCE: &str = "ASP.NET Core";

/// Whether the found value (after `found`) and the expected one (after `wanted`) of a
/// validation message look the same.
fn identical(rest: &str, found: &str, wanted: &str) -> bool {
    match (between(rest, found, "'"), between(rest, wanted, "'")) {
        (Some(a), Some(b)) => super::protocol::look_identical(a, b),
        _ => false,
    }
}

/// The auth cause an ASP.NET Core or IdentityModel line names.
pub fn read(line: &str) -> Option<Hit> {
    // Every line this reads has one of these (an IDX code or one of the phrases below); one pass
    // rules the rest out.
    const MARKERS: &[(&str, ())] = &[
        ("IDX", ()),
        ("The token ", ()),
        ("The signature ", ()),
        ("' is invalid", ()),
        ("Authentication was skipped", ()),
        (" was forbidden", ()),
        ("Authorization failed.", ()),
        (" was challenged", ()),
        ("Failed to validate the token", ()),
    ];
    if phrases_in(line, MARKERS) == 0 {
        return None;
    }
    if let Some(idx) = idx_code(line) {
        let rest = after(line, idx)
            .unwrap_or("")
            .trim_start_matches(':')
            .trim();
        let cause = match idx {
            "IDX10223" => Cause::Expired,
            "IDX10222" => Cause::NotYetValid,
            "IDX10225" => Cause::NoExpiry,
            "IDX10214" if identical(rest, "Audiences: '", "ValidAudience: '") => {
                Cause::IdenticalValues
            }
            "IDX10205" if identical(rest, "Issuer: '", "ValidIssuer: '") => Cause::IdenticalValues,
            "IDX10206" => Cause::NoAudience,
            "IDX10214" | "IDX10208" | "IDX10231" => Cause::AudienceMismatch,
            "IDX10205" | "IDX10204" | "IDX10211" => Cause::IssuerMismatch,
            "IDX10501" => Cause::KeyNotFound,
            "IDX10503"
                if has(rest, "did not match")
                    || has(rest, "does not have a kid")
                    || has(rest, "Unable to match") =>
            {
                Cause::KeyNotFound
            }
            "IDX10503" | "IDX10511" | "IDX10504" => Cause::BadSignature,
            "IDX10500" => Cause::NoSigningKeys,
            "IDX12741" | "IDX12709" | "IDX14100" | "IDX14101" | "IDX14102" | "IDX12729" => {
                Cause::Malformed
            }
            _ => Cause::TokenRejected,
        };
        let first = rest.split(". ").next().unwrap_or("");
        return Some(Hit::new(
            SOURCE,
            cause,
            format!("{idx}: {}", crate::engine::core::text::clip(first, 90)),
        ));
    }
    // JwtBearerHandler's error_description texts (CreateErrorDescription in
    // dotnet/aspnetcore src/Security/Authentication/JwtBearer/src/JwtBearerHandler.cs).
    const DESCRIPTIONS: &[(&str, Cause)] = &[
        ("The token expired at", Cause::Expired),
        ("The token is not valid before", Cause::NotYetValid),
        ("The token has no expiration", Cause::NoExpiry),
        ("The signature key was not found", Cause::KeyNotFound),
        ("The signature is invalid", Cause::BadSignature),
        ("' is invalid", Cause::Context),
    ];
    for (needle, cause) in DESCRIPTIONS {
        if let Some(i) = line.find(needle) {
            let cause = match cause {
                Cause::Context if has(line, "The issuer '") => Cause::IssuerMismatch,
                Cause::Context if has(line, "The audience '") => Cause::AudienceMismatch,
                Cause::Context => continue,
                c => *c,
            };
            let detail = line
                .split_at(line.floor_char_boundary(i.saturating_sub(40)))
                .1
                .split('"')
                .next()
                .unwrap_or(needle);
            let start = detail.find("The ").unwrap_or(0);
            return Some(Hit::new(
                SOURCE,
                cause,
                crate::engine::core::text::clip(detail.get(start..).unwrap_or_default(), 90),
            ));
        }
    }
    let scheme = || after(line, "AuthenticationScheme: ").and_then(|r| r.split_whitespace().next());
    let (cause, detail) = if has(
        line,
        "Authentication was skipped because no bearer token was received",
    ) {
        (
            Cause::NoCredentials,
            "no bearer token was received".to_string(),
        )
    } else if has(line, " was forbidden") && has(line, "AuthenticationScheme") {
        (
            Cause::DeniedByPolicy,
            format!(
                "AuthenticationScheme: {} was forbidden",
                scheme().unwrap_or("?")
            ),
        )
    } else if has(
        line,
        "Authorization failed. These requirements were not met",
    ) {
        (
            Cause::DeniedByPolicy,
            "authorization requirements were not met".to_string(),
        )
    } else if has(line, " was challenged") && has(line, "AuthenticationScheme") {
        (
            Cause::Context,
            format!(
                "AuthenticationScheme: {} was challenged",
                scheme().unwrap_or("?")
            ),
        )
    } else if has(line, "Failed to validate the token") {
        (Cause::Context, "Failed to validate the token".to_string())
    } else {
        return None;
    };
    Some(Hit::new(SOURCE, cause, detail))
}

/// The first `IDXnnnnn` code in a line.
fn idx_code(line: &str) -> Option<&str> {
    let i = line.find("IDX")?;
    let code = line.get(i..i + 8)?;
    code.get(3..)
        .unwrap_or_default()
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idx_codes() {
        // https://github.com/DuendeArchive/IdentityServer4/issues/5058
        let h = read("Microsoft.AspNetCore.Authentication .AuthenticationHandler`1.AuthenticateAsync : ids4 was not authenticated. Failure message: IDX10222: Lifetime validation failed. The token is not yet valid. ValidFrom: ' System.DateTime ', Current time: ' System.DateTime '.").unwrap();
        assert_eq!(h.cause, Cause::NotYetValid);
        // https://github.com/indice-co/Indice.Platform/pull/424
        let h = read("Bearer was not authenticated. Failure message: IDX10500: Signature validation failed. No security keys were provided to validate the signature.").unwrap();
        assert_eq!(h.cause, Cause::NoSigningKeys);
        // https://github.com/Gibe/Umbraco.Community.AzureSSO/issues/67
        let h = read("SecurityTokenSignatureKeyNotFoundException: IDX10503: Signature validation failed. The token's kid is: '', but did not match any keys in TokenValidationParameters or Configuration.").unwrap();
        assert_eq!(h.cause, Cause::KeyNotFound);
        let h = read("dbug: AspNet.Security.OAuth.Validation.OAuthValidationHandler[9] AuthenticationScheme: Bearer was challenged.").unwrap();
        assert_eq!(h.cause, Cause::Context);
    }

    #[test]
    fn jwt_bearer_error_descriptions() {
        // The challenge JwtBearerHandler sends; texts from its CreateErrorDescription.
        let cause = |l: &str| read(l).map(|h| h.cause);
        assert_eq!(
            cause(
                r#"WWW-Authenticate: Bearer error="invalid_token", error_description="The token expired at '06/14/2024 16:01:30'""#
            ),
            Some(Cause::Expired)
        );
        assert_eq!(
            cause(
                r#"WWW-Authenticate: Bearer error="invalid_token", error_description="The issuer 'https://sts.windows.net/x/' is invalid""#
            ),
            Some(Cause::IssuerMismatch)
        );
        assert_eq!(
            cause(
                r#"WWW-Authenticate: Bearer error="invalid_token", error_description="The audience 'api://a' is invalid""#
            ),
            Some(Cause::AudienceMismatch)
        );
        assert_eq!(
            cause(
                r#"WWW-Authenticate: Bearer error="invalid_token", error_description="The signature key was not found""#
            ),
            Some(Cause::KeyNotFound)
        );
    }
}
