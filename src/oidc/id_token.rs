//! ID token validation (OpenID Connect Core 1.0 §3.1.3.7): the signature with the provider's
//! JWKS (any algorithm oidctl verifies), `iss` (Microsoft's tenant template understood), `aud`
//! contains the client, `azp`, `exp`, `iat`, and the `nonce` of this sign-in.

use serde::Deserialize;
use serde_json::Value;

use crate::base::error::{Error, Result};
use crate::jwt::verify::{Failure, IssuerRule, Policy};
use crate::net::http::Fetcher;

/// What the rest of oidctl needs from a valid ID token.
#[derive(Debug, Clone)]
pub struct IdTokenFacts {
    pub subject: String,
    pub expires_at: i64,
}

#[derive(Deserialize)]
struct Claims {
    sub: Option<String>,
    exp: Option<f64>,
    iat: Option<f64>,
    aud: Option<Value>,
    azp: Option<String>,
    nonce: Option<String>,
}

/// Validates `raw`; `nonce` is the sign-in's (None for a refresh, where none is sent).
pub fn validate(
    raw: &str,
    fetcher: &Fetcher,
    issuer: &str,
    jwks_uri: Option<&str>,
    client_id: &str,
    nonce: Option<&str>,
    now: i64,
) -> Result<IdTokenFacts> {
    let jwks_uri = jwks_uri.ok_or_else(|| {
        Error::failed("the provider publishes no jwks_uri, so its ID token cannot be verified")
    })?;
    let mut policy = Policy::at(now);
    policy.audiences = vec![client_id.to_string()];
    policy.issuer = Some(IssuerRule::new(issuer));
    let payload = crate::oidc::discovery::Jwks::fetch(fetcher, jwks_uri)?
        .verify(raw, &policy, |v| v.payload.clone())?
        .map_err(invalid)?;
    check_claims(&payload, client_id, nonce).map_err(|m| invalid(Failure::Claims(m)))
}

/// The ID-token-specific rules, after the signature and the generic claim checks passed.
fn check_claims(
    payload: &[u8],
    client_id: &str,
    nonce: Option<&str>,
) -> Result<IdTokenFacts, String> {
    let claims: Claims =
        serde_json::from_slice(payload).map_err(|e| format!("its claims are malformed: {e}"))?;
    let subject = claims.sub.ok_or("it has no sub")?;
    let exp = claims.exp.ok_or("it has no exp")?;
    if claims.iat.is_none() {
        return Err("it has no iat".into());
    }
    let audiences = match &claims.aud {
        Some(Value::Array(a)) => a.len(),
        _ => 1,
    };
    match claims.azp.as_deref() {
        Some(azp) if azp != client_id => {
            return Err(format!("azp {azp} is not this client ({client_id})"));
        }
        None if audiences > 1 => return Err("it has several audiences but no azp".into()),
        _ => {}
    }
    if let Some(expected) = nonce {
        match claims.nonce.as_deref() {
            Some(got)
                if aws_lc_rs::constant_time::verify_slices_are_equal(
                    got.as_bytes(),
                    expected.as_bytes(),
                )
                .is_ok() => {}
            Some(_) => return Err("its nonce is not this sign-in's (a replayed token?)".into()),
            None => return Err("it has no nonce, though the sign-in sent one".into()),
        }
    }
    Ok(IdTokenFacts {
        subject,
        expires_at: exp as i64,
    })
}

fn invalid(f: Failure) -> Error {
    Error::failed(format!("the provider's ID token is invalid: {f}"))
        .with_hint("this can mean a misconfigured provider, a clock off by minutes, or an attack; nothing was stored")
}

#[cfg(test)]
mod tests {
    use super::check_claims;

    const OK: &str = r#"{"sub":"alice","aud":"cli","exp":2000,"iat":1000,"nonce":"n1"}"#;

    #[test]
    fn accepts_a_good_token() {
        let facts = check_claims(OK.as_bytes(), "cli", Some("n1")).unwrap();
        assert_eq!((facts.subject.as_str(), facts.expires_at), ("alice", 2000));
        // A refresh sends no nonce, so none is checked.
        assert!(check_claims(OK.replace("n1", "other").as_bytes(), "cli", None).is_ok());
    }

    #[test]
    fn refuses_what_core_3_1_3_7_refuses() {
        let cases = [
            (
                OK.replace("\"n1\"", "\"n2\""),
                "nonce is not this sign-in's",
            ),
            (OK.replace(",\"nonce\":\"n1\"", ""), "no nonce"),
            (OK.replace("\"sub\":\"alice\",", ""), "no sub"),
            (OK.replace(",\"iat\":1000", ""), "no iat"),
            (OK.replace("\"exp\":2000,", ""), "no exp"),
            (
                OK.replace("\"aud\":\"cli\"", "\"aud\":[\"cli\",\"other\"]"),
                "several audiences but no azp",
            ),
            (
                OK.replace("\"aud\":\"cli\"", "\"aud\":\"cli\",\"azp\":\"other\""),
                "azp other is not this client",
            ),
        ];
        for (payload, why) in cases {
            let err = check_claims(payload.as_bytes(), "cli", Some("n1")).unwrap_err();
            assert!(err.contains(why), "{payload}: {err}");
        }
        let multi = OK.replace(
            "\"aud\":\"cli\"",
            "\"aud\":[\"cli\",\"other\"],\"azp\":\"cli\"",
        );
        assert!(check_claims(multi.as_bytes(), "cli", Some("n1")).is_ok());
    }
}
