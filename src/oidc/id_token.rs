//! ID token validation (OpenID Connect Core 1.0 §3.1.3.7): the signature with the provider's
//! JWKS (any algorithm oidctl verifies), or for HS256/384/512 with the client secret (§10.1: a
//! confidential client only, and only an algorithm the provider advertises), `iss` (Microsoft's
//! tenant template understood), `aud` contains the client, `azp`, `exp`, `iat`, the `nonce` of
//! this sign-in, and `acr` and `auth_time` when the sign-in asked for them (§3.1.2.1).

use serde::Deserialize;
use serde_json::Value;

use super::client::ClientAuth;
use super::tokens::Connection;
use crate::base::error::{Error, Result};
use crate::jwt::keys::{Alg, KeySet, VerifyingKey};
use crate::jwt::verify::{Failure, IssuerRule, Policy};

/// What the rest of oidctl needs from a valid ID token.
#[derive(Debug, Clone)]
pub struct IdTokenFacts {
    pub subject: String,
    pub expires_at: i64,
}

/// What the sign-in asked for that its ID token must show. A refresh asks for none of it
/// (no nonce is sent; `auth_time` stays the original sign-in's, Core §12.2).
#[derive(Debug, Clone, Copy, Default)]
pub struct Asked<'a> {
    pub nonce: Option<&'a str>,
    /// `acr_values` sent: the token's `acr` must be one of them (oidctl's policy: a sign-in
    /// that asked for a level and did not get it is refused, whether or not the provider
    /// treats `acr_values` as voluntary).
    pub acr_values: &'a [String],
    /// `max_age` sent: `auth_time` must be there and at most this old (with the leeway).
    pub max_age: Option<u64>,
}

/// Seconds of clock difference allowed when judging `auth_time` against `max_age`.
pub const AUTH_TIME_LEEWAY: i64 = 60;

#[derive(Deserialize)]
struct Claims {
    sub: Option<String>,
    exp: Option<f64>,
    iat: Option<f64>,
    aud: Option<Value>,
    azp: Option<String>,
    nonce: Option<String>,
    acr: Option<Value>,
    auth_time: Option<Value>,
}

/// Validates `raw` for the client and provider of `conn`, with what the sign-in `asked`.
pub fn validate(
    raw: &str,
    conn: &Connection<'_>,
    asked: &Asked<'_>,
    now: i64,
) -> Result<IdTokenFacts> {
    let client_id = &conn.client.client_id;
    let mut policy = Policy::at(now);
    policy.audiences = vec![client_id.to_string()];
    policy.issuer = Some(IssuerRule::new(&conn.endpoints.issuer));
    let alg = crate::jwt::token::parse_jws(raw)
        .ok()
        .and_then(|jws| jws.alg.parse::<Alg>().ok());
    let payload = match alg.filter(|a| matches!(a, Alg::HS256 | Alg::HS384 | Alg::HS512)) {
        Some(alg) => {
            let keys = client_secret_key(conn, alg)?;
            policy.algs = vec![alg];
            crate::jwt::verify::verify(raw, &keys, &policy)
                .map(|v| v.payload)
                .map_err(invalid)?
        }
        None => {
            let jwks_uri = conn.endpoints.jwks_uri.as_deref().ok_or_else(|| {
                Error::failed(
                    "the provider publishes no jwks_uri, so its ID token cannot be verified",
                )
            })?;
            crate::oidc::discovery::Jwks::fetch(conn.fetcher, jwks_uri)?
                .verify(raw, &policy, |v| v.payload.clone())?
                .map_err(invalid)?
        }
    };
    check_claims(&payload, client_id, asked, now).map_err(|m| invalid(Failure::Claims(m)))
}

/// The key of an HMAC-signed ID token (Core §10.1): the client secret's UTF-8 bytes, for a
/// confidential client, and only for an algorithm the provider says it signs ID tokens with.
fn client_secret_key(conn: &Connection<'_>, alg: Alg) -> Result<KeySet> {
    let secret = match (&conn.auth, &conn.client.client_secret) {
        (ClientAuth::None, _) | (_, None) => {
            return Err(Error::failed(format!(
                "the provider's ID token is signed with {alg}, whose key is the client secret: \
                 a public client has no secret, so oidctl cannot verify it and refuses it"
            ))
            .with_hint(
                "register the client with an asymmetric id_token_signed_response_alg (such as RS256), \
                 or, for a confidential client, give its secret (--client-secret-file or OIDCTL_CLIENT_SECRET); nothing was stored",
            ));
        }
        (_, Some(secret)) => secret,
    };
    let advertised = &conn.endpoints.id_token_signing_algs;
    if !advertised.iter().any(|a| a == alg.name()) {
        return Err(Error::failed(format!(
            "the provider's ID token is signed with {alg}, which its metadata does not list in \
             id_token_signing_alg_values_supported ({}): refused",
            if advertised.is_empty() {
                "none listed".to_string()
            } else {
                advertised.join(", ")
            }
        ))
        .with_hint("this can mean a misconfigured provider or an attack; nothing was stored"));
    }
    Ok(KeySet::single(VerifyingKey::secret(
        secret.secret().as_bytes().to_vec(),
    )))
}

/// The ID-token-specific rules, after the signature and the generic claim checks passed.
fn check_claims(
    payload: &[u8],
    client_id: &str,
    asked: &Asked<'_>,
    now: i64,
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
    if let Some(expected) = asked.nonce {
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
    if !asked.acr_values.is_empty() {
        let wanted = asked.acr_values.join(" ");
        match &claims.acr {
            Some(Value::String(acr)) if asked.acr_values.contains(acr) => {}
            Some(Value::String(acr)) => {
                return Err(format!(
                    "its acr {acr:?} is not one of the requested acr_values ({wanted})"
                ));
            }
            Some(_) => return Err("its acr is not a string".into()),
            None => {
                return Err(format!(
                    "it has no acr, though the sign-in asked for acr_values {wanted}"
                ));
            }
        }
    }
    if let Some(max_age) = asked.max_age {
        let auth_time = match &claims.auth_time {
            Some(Value::Number(n)) => n.as_f64().unwrap_or(f64::NAN),
            Some(_) => return Err("its auth_time is not a number".into()),
            None => {
                return Err("it has no auth_time, though the sign-in sent max_age".into());
            }
        };
        if !auth_time.is_finite() {
            return Err("its auth_time is not a number".into());
        }
        let age = now - auth_time as i64;
        if age > max_age as i64 + AUTH_TIME_LEEWAY {
            return Err(format!(
                "the user authenticated {age} s ago (auth_time), more than max_age {max_age} s allows"
            ));
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
    use super::{Asked, check_claims};

    fn nonce(n: Option<&str>) -> Asked<'_> {
        Asked {
            nonce: n,
            ..Asked::default()
        }
    }

    const OK: &str = r#"{"sub":"alice","aud":"cli","exp":2000,"iat":1000,"nonce":"n1"}"#;

    #[test]
    fn accepts_a_good_token() {
        let facts = check_claims(OK.as_bytes(), "cli", &nonce(Some("n1")), 1500).unwrap();
        assert_eq!((facts.subject.as_str(), facts.expires_at), ("alice", 2000));
        // A refresh sends no nonce, so none is checked.
        assert!(
            check_claims(
                OK.replace("n1", "other").as_bytes(),
                "cli",
                &nonce(None),
                1500
            )
            .is_ok()
        );
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
            let err =
                check_claims(payload.as_bytes(), "cli", &nonce(Some("n1")), 1500).unwrap_err();
            assert!(err.contains(why), "{payload}: {err}");
        }
        let multi = OK.replace(
            "\"aud\":\"cli\"",
            "\"aud\":[\"cli\",\"other\"],\"azp\":\"cli\"",
        );
        assert!(check_claims(multi.as_bytes(), "cli", &nonce(Some("n1")), 1500).is_ok());
    }

    #[test]
    fn acr_and_auth_time_are_checked_when_asked_for() {
        let levels = ["urn:loa:2".to_string(), "urn:loa:3".to_string()];
        let step_up = Asked {
            acr_values: &levels,
            max_age: Some(300),
            ..Asked::default()
        };
        let with = |extra: &str| OK.replace("\"nonce\":\"n1\"", extra);
        let good = with(r#""acr":"urn:loa:3","auth_time":1400"#);
        assert!(check_claims(good.as_bytes(), "cli", &step_up, 1500).is_ok());
        // Within max_age plus the leeway (60 s).
        assert!(check_claims(good.as_bytes(), "cli", &step_up, 1400 + 300 + 60).is_ok());
        for (payload, now, why) in [
            (
                with(r#""auth_time":1400"#),
                1500,
                "it has no acr, though the sign-in asked for acr_values urn:loa:2 urn:loa:3",
            ),
            (
                with(r#""acr":"urn:loa:1","auth_time":1400"#),
                1500,
                "its acr \"urn:loa:1\" is not one of the requested acr_values",
            ),
            (
                with(r#""acr":2,"auth_time":1400"#),
                1500,
                "its acr is not a string",
            ),
            (
                with(r#""acr":"urn:loa:2""#),
                1500,
                "it has no auth_time, though the sign-in sent max_age",
            ),
            (
                with(r#""acr":"urn:loa:2","auth_time":"1400""#),
                1500,
                "auth_time is not a number",
            ),
            (
                good.clone(),
                1400 + 300 + 61,
                "authenticated 361 s ago (auth_time), more than max_age 300 s allows",
            ),
        ] {
            let err = check_claims(payload.as_bytes(), "cli", &step_up, now).unwrap_err();
            assert!(err.contains(why), "{payload}: {err}");
        }
        // Nothing asked: neither is looked at.
        let bare = with(r#""acr":"0""#);
        assert!(check_claims(bare.as_bytes(), "cli", &Asked::default(), 99_999).is_ok());
    }
}
