//! ID token validation (OpenID Connect Core 1.0 §3.1.3.7): the signature with the provider's
//! JWKS (any algorithm oidctl verifies), `iss` (Microsoft's tenant template understood), `aud`
//! contains the client, `azp`, `exp`, `iat`, and the `nonce` of this sign-in.

use serde::Deserialize;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::http::Fetcher;
use crate::jwt::keys::KeySet;
use crate::jwt::verify::{self, Failure, IssuerRule, Policy};

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
    fetcher: &Fetcher<'_>,
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
    let keys = crate::oidc::discovery::fetch_jwks(fetcher, jwks_uri, false)?;
    let payload = match verify::verify(raw, &keys, &policy) {
        Ok(v) => v.payload,
        // The provider may have rotated its keys since the JWKS was cached.
        Err(Failure::NoKey(_)) => {
            let fresh: KeySet = crate::oidc::discovery::fetch_jwks(fetcher, jwks_uri, true)?;
            verify::verify(raw, &fresh, &policy)
                .map_err(invalid)?
                .payload
        }
        Err(e) => return Err(invalid(e)),
    };
    let claims: Claims = serde_json::from_slice(&payload)
        .map_err(|e| invalid(Failure::Claims(format!("its claims are malformed: {e}"))))?;
    let fail = |m: String| Err(invalid(Failure::Claims(m)));
    let Some(subject) = claims.sub else {
        return fail("it has no sub".into());
    };
    let Some(exp) = claims.exp else {
        return fail("it has no exp".into());
    };
    if claims.iat.is_none() {
        return fail("it has no iat".into());
    }
    let audiences = match &claims.aud {
        Some(Value::Array(a)) => a.len(),
        _ => 1,
    };
    match claims.azp.as_deref() {
        Some(azp) if azp != client_id => {
            return fail(format!("azp {azp} is not this client ({client_id})"));
        }
        None if audiences > 1 => return fail("it has several audiences but no azp".into()),
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
            Some(_) => return fail("its nonce is not this sign-in's (a replayed token?)".into()),
            None => return fail("it has no nonce, though the sign-in sent one".into()),
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
