//! JWS verification: header rules, key choice, signature, then claims. Pure: the caller passes
//! the keys and `now`. Every failure says which check failed, in words a person can act on.
//!
//! Safe by construction: `alg` must name a supported algorithm that fits the key's type; key
//! material in the token's own header (`jwk`, `jku`, `x5u`, `x5c`) is never looked at; any `crit`
//! header fails, since oidctl implements no JWS extension.

use serde::Deserialize;
use serde_json::Value;

use super::keys::{Alg, KeySet, VerifyingKey};
use super::time;
use super::token::{self, DecodeError, Jws};

/// What a token must satisfy besides its signature.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Any one of these must be in `aud`; empty means `aud` is not checked.
    pub audiences: Vec<String>,
    pub issuer: Option<IssuerRule>,
    pub leeway: u64,
    /// Allowed algorithms; empty means every supported one (never `none`).
    pub algs: Vec<Alg>,
    pub now: i64,
}

impl Policy {
    pub fn at(now: i64) -> Self {
        Policy {
            audiences: Vec::new(),
            issuer: None,
            leeway: 60,
            algs: Vec::new(),
            now,
        }
    }
}

/// The issuer a token's `iss` must equal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssuerRule {
    Exact(String),
    /// Microsoft's multi-tenant form, `https://login.microsoftonline.com/{tenantid}/v2.0`:
    /// filled with the token's own `tid`, then compared.
    Template(String),
}

pub const TENANT_PLACEHOLDER: &str = "{tenantid}";

impl IssuerRule {
    pub fn new(issuer: &str) -> Self {
        if issuer.contains(TENANT_PLACEHOLDER) {
            IssuerRule::Template(issuer.to_string())
        } else {
            IssuerRule::Exact(issuer.to_string())
        }
    }
}

/// Why a token did not verify. `NoKey` is separate because a caller with a remote key set
/// refetches it once before giving up.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Failure {
    #[error(transparent)]
    Decode(#[from] DecodeError),
    #[error("{0}")]
    Header(String),
    #[error("{0}")]
    NoKey(String),
    #[error("{0}")]
    Signature(String),
    #[error("{0}")]
    Claims(String),
}

/// A token that passed every check.
#[derive(Debug)]
pub struct Verified<'k> {
    pub alg: Alg,
    pub key: &'k VerifyingKey,
    pub payload: Vec<u8>,
    pub exp: Option<f64>,
}

pub fn verify<'k>(token: &str, keys: &'k KeySet, policy: &Policy) -> Result<Verified<'k>, Failure> {
    let jws = match token::parse_jws(token) {
        Err(DecodeError::Parts(5)) => {
            return Err(Failure::Header(
                "this is an encrypted token (JWE); only its recipient can decrypt it, and oidctl \
                 verifies signed tokens (JWS)"
                    .into(),
            ));
        }
        other => other?,
    };
    let alg = check_header(&jws, policy)?;
    let key = match verify_signature(&jws, alg, keys) {
        // A token from another issuer finds no key in this one's set: the mismatch is the
        // reason worth telling (read from the unverified claims, to name it, never to accept).
        Err(Failure::NoKey(why)) => {
            return Err(issuer_mismatch(&jws.payload, policy).unwrap_or(Failure::NoKey(why)));
        }
        other => other?,
    };
    let exp = check_claims(&jws.payload, key, policy)?;
    Ok(Verified {
        alg,
        key,
        payload: jws.payload,
        exp,
    })
}

/// Checks the header rules and the signature only, not the claims: for a JWS whose payload is
/// not a claims set (RFC 7515/7520 examples sign plain text).
pub fn verify_signature_only<'k>(
    token: &str,
    keys: &'k KeySet,
) -> Result<(Alg, &'k VerifyingKey), Failure> {
    let jws = token::parse_jws(token)?;
    let alg = check_header(&jws, &Policy::at(0))?;
    Ok((alg, verify_signature(&jws, alg, keys)?))
}

fn check_header(jws: &Jws<'_>, policy: &Policy) -> Result<Alg, Failure> {
    let alg: Alg = jws.alg.parse().map_err(|e: String| {
        Failure::Header(format!(
            "alg {}: {e}",
            serde_json::Value::from(jws.alg.as_str())
        ))
    })?;
    if !policy.algs.is_empty() && !policy.algs.contains(&alg) {
        return Err(Failure::Header(format!(
            "alg {alg} is not allowed (--alg allows {})",
            join(policy.algs.iter().map(|a| a.name()))
        )));
    }
    if let Some(crit) = &jws.header.crit {
        let names = match crit {
            Value::Array(items) if !items.is_empty() => items
                .iter()
                .map(|v| v.as_str().unwrap_or("?").to_string())
                .collect::<Vec<_>>(),
            _ => return Err(Failure::Header("the crit header is malformed".into())),
        };
        return Err(Failure::Header(format!(
            "the token requires header extension(s) oidctl does not implement (crit: {})",
            join(names.iter().map(String::as_str))
        )));
    }
    if jws.header.has_nonce() {
        return Err(Failure::Header(
            "this looks like a Microsoft Graph access token (its header carries a nonce): only \
             Microsoft Graph can verify it, by design; tokens your own API receives can be verified"
                .into(),
        ));
    }
    Ok(alg)
}

fn verify_signature<'k>(
    jws: &Jws<'_>,
    alg: Alg,
    keys: &'k KeySet,
) -> Result<&'k VerifyingKey, Failure> {
    let kid = match &jws.header.kid {
        None => None,
        Some(Value::String(kid)) => Some(kid.as_str()),
        Some(_) => return Err(Failure::Header("the kid header is not a string".into())),
    };
    // A single key given without a kid (a PEM file, a secret) is the caller's choice whatever
    // the token's kid; otherwise a kid picks the keys that carry it.
    let single_unnamed = matches!(keys.keys.as_slice(), [only] if only.kid.is_none());
    let candidates = keys
        .keys
        .iter()
        .filter(|k| single_unnamed || kid.is_none() || k.kid.as_deref() == kid);
    if let Some(kid) = kid
        && candidates.clone().next().is_none()
    {
        let known: Vec<_> = keys.keys.iter().filter_map(|k| k.kid.as_deref()).collect();
        return Err(Failure::NoKey(format!(
            "no key with kid {kid:?} (the key set has {})",
            if known.is_empty() {
                "no kids".to_string()
            } else {
                join(known.into_iter())
            }
        )));
    }
    let mut refusal = None;
    let mut failure = None;
    for key in candidates {
        if let Some(why) = key.refuses(alg) {
            refusal.get_or_insert(why);
            continue;
        }
        match key.verify(alg, jws.signing_input.as_bytes(), &jws.signature) {
            Ok(()) => return Ok(key),
            Err(e) => {
                failure.get_or_insert(e);
            }
        }
    }
    Err(match (failure, refusal) {
        (Some(why), _) => Failure::Signature(why),
        (None, Some(why)) => Failure::NoKey(why),
        (None, None) => Failure::NoKey("the key set is empty".into()),
    })
}

/// The registered claims that are checked; the rest of the payload is not parsed here.
#[derive(Deserialize)]
struct Registered {
    exp: Option<Value>,
    nbf: Option<Value>,
    iat: Option<Value>,
    iss: Option<Value>,
    aud: Option<Value>,
    tid: Option<Value>,
}

fn numeric(name: &str, value: Option<&Value>) -> Result<Option<f64>, Failure> {
    match value {
        None => Ok(None),
        Some(Value::Number(n)) => Ok(n.as_f64()),
        Some(other) => Err(Failure::Claims(format!(
            "{name} must be a number (seconds since 1970), not {}",
            kind_of(other)
        ))),
    }
}

/// Why a token's (unverified) `iss` is not the expected issuer, if it is not.
fn issuer_mismatch(payload: &[u8], policy: &Policy) -> Option<Failure> {
    let rule = policy.issuer.as_ref()?;
    let claims: Registered = serde_json::from_slice(payload).ok()?;
    let iss = claims.iss.as_ref().and_then(Value::as_str);
    let tid = claims.tid.as_ref().and_then(Value::as_str);
    match check_issuer(iss, tid, rule, "expected") {
        Err(Failure::Claims(m)) => Some(Failure::Claims(format!(
            "{m} (and none of its keys signed it)"
        ))),
        _ => None,
    }
}

fn check_claims(
    payload: &[u8],
    key: &VerifyingKey,
    policy: &Policy,
) -> Result<Option<f64>, Failure> {
    let claims: Registered = serde_json::from_slice(payload).map_err(|e| {
        Failure::Claims(if e.is_data() {
            format!("the claims are malformed: {e}")
        } else {
            "the payload is not a JSON claims set".into()
        })
    })?;
    let now = policy.now as f64;
    let leeway = policy.leeway as f64;
    let exp = numeric("exp", claims.exp.as_ref())?;
    let nbf = numeric("nbf", claims.nbf.as_ref())?;
    let iat = numeric("iat", claims.iat.as_ref())?;
    // Valid only before exp (RFC 7519 §4.1.4), the leeway added: expired from that second on.
    if let Some(exp) = exp
        && now >= exp + leeway
    {
        return Err(Failure::Claims(format!(
            "{} ({})",
            time::expiry(exp, policy.now),
            when(exp)
        )));
    }
    if let Some(nbf) = nbf
        && now + leeway < nbf
    {
        return Err(Failure::Claims(format!(
            "not valid yet: nbf is {} ({})",
            time::relative(nbf, policy.now),
            when(nbf)
        )));
    }
    if let Some(iat) = iat
        && now + leeway < iat
    {
        return Err(Failure::Claims(format!(
            "issued in the future: iat is {} ({})",
            time::relative(iat, policy.now),
            when(iat)
        )));
    }
    if !policy.audiences.is_empty() {
        check_audience(claims.aud.as_ref(), &policy.audiences)?;
    }
    let iss = match &claims.iss {
        None => None,
        Some(Value::String(s)) => Some(s.as_str()),
        Some(other) => {
            return Err(Failure::Claims(format!(
                "iss must be a string, not {}",
                kind_of(other)
            )));
        }
    };
    let tid = claims.tid.as_ref().and_then(Value::as_str);
    if let Some(rule) = &policy.issuer {
        check_issuer(iss, tid, rule, "expected")?;
    }
    if let Some(key_issuer) = &key.issuer {
        check_issuer(iss, tid, &IssuerRule::new(key_issuer), "the signing key's")?;
    }
    Ok(exp)
}

fn check_audience(aud: Option<&Value>, expected: &[String]) -> Result<(), Failure> {
    let found: Vec<&str> = match aud {
        None => {
            return Err(Failure::Claims(format!(
                "the token has no aud; expected {}",
                one_of(expected)
            )));
        }
        Some(Value::String(a)) => vec![a.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        Some(other) => {
            return Err(Failure::Claims(format!(
                "aud must be a string or an array of strings, not {}",
                kind_of(other)
            )));
        }
    };
    if found.iter().any(|a| expected.iter().any(|e| e == a)) {
        return Ok(());
    }
    Err(Failure::Claims(format!(
        "aud {} is not {}",
        join(found.into_iter()),
        one_of(expected)
    )))
}

fn check_issuer(
    iss: Option<&str>,
    tid: Option<&str>,
    rule: &IssuerRule,
    whose: &str,
) -> Result<(), Failure> {
    let expected = match rule {
        IssuerRule::Exact(e) => e.clone(),
        IssuerRule::Template(template) => {
            let tid = tid.ok_or_else(|| {
                Failure::Claims(format!(
                    "the token has no tid, needed to fill {whose} issuer template {template}"
                ))
            })?;
            if !is_tenant_id(tid) {
                return Err(Failure::Claims(format!(
                    "tid {tid:?} is not a tenant ID (a GUID)"
                )));
            }
            template.replace(TENANT_PLACEHOLDER, tid)
        }
    };
    match iss {
        Some(iss) if iss == expected => Ok(()),
        Some(iss) => Err(Failure::Claims(format!(
            "iss {iss} is not {whose} issuer {expected}"
        ))),
        None => Err(Failure::Claims(format!(
            "the token has no iss; {whose} issuer is {expected}"
        ))),
    }
}

/// A GUID as Microsoft writes tenant IDs: 8-4-4-4-12 hex digits.
pub fn is_tenant_id(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn when(ts: f64) -> String {
    time::utc(ts).unwrap_or_else(|| format!("{ts}"))
}

fn one_of(expected: &[String]) -> String {
    if expected.len() == 1 {
        expected[0].clone()
    } else {
        format!("one of {}", join(expected.iter().map(String::as_str)))
    }
}

fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine as _;
    use token::B64;

    fn hs256(claims: &str, secret: &[u8]) -> String {
        let input = format!(
            "{}.{}",
            B64.encode(br#"{"alg":"HS256","typ":"JWT"}"#),
            B64.encode(claims)
        );
        let key = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, secret);
        let tag = aws_lc_rs::hmac::sign(&key, input.as_bytes());
        format!("{input}.{}", B64.encode(tag.as_ref()))
    }

    fn keys() -> KeySet {
        KeySet::single(VerifyingKey::secret(
            b"0123456789abcdef0123456789abcdef".to_vec(),
        ))
    }

    fn check(claims: &str, policy: &Policy) -> Result<(), Failure> {
        verify(
            &hs256(claims, b"0123456789abcdef0123456789abcdef"),
            &keys(),
            policy,
        )
        .map(|_| ())
    }

    #[test]
    fn time_claims_with_leeway() {
        let p = Policy::at(10_000);
        assert!(check(r#"{"exp":10000}"#, &p).is_ok());
        assert!(check(r#"{"exp":9941}"#, &p).is_ok());
        // The exp second itself is past, however small the leeway.
        assert!(check(r#"{"exp":9940}"#, &p).is_err());
        let exact = Policy {
            leeway: 0,
            ..Policy::at(10_000)
        };
        assert!(check(r#"{"exp":10001}"#, &exact).is_ok());
        assert!(check(r#"{"exp":10000}"#, &exact).is_err());
        let err = check(r#"{"exp":2800}"#, &p).unwrap_err().to_string();
        assert_eq!(err, "expired 2h ago (1970-01-01T00:46:40Z)");
        let err = check(r#"{"nbf":20000}"#, &p).unwrap_err().to_string();
        assert!(err.starts_with("not valid yet: nbf is in 2h 46m"), "{err}");
        let err = check(r#"{"iat":10100}"#, &p).unwrap_err().to_string();
        assert!(err.starts_with("issued in the future"), "{err}");
        for claim in ["exp", "nbf", "iat"] {
            let err = check(&format!(r#"{{"{claim}":"10000"}}"#), &p)
                .unwrap_err()
                .to_string();
            assert_eq!(
                err,
                format!("{claim} must be a number (seconds since 1970), not a string")
            );
        }
    }

    #[test]
    fn audience_string_or_array() {
        let mut p = Policy::at(0);
        p.audiences = vec!["api://x".into(), "api://y".into()];
        assert!(check(r#"{"aud":"api://y"}"#, &p).is_ok());
        assert!(check(r#"{"aud":["api://z","api://x"]}"#, &p).is_ok());
        let err = check(r#"{"aud":"api://z"}"#, &p).unwrap_err().to_string();
        assert_eq!(err, "aud api://z is not one of api://x, api://y");
        assert!(
            check(r#"{}"#, &p)
                .unwrap_err()
                .to_string()
                .contains("no aud")
        );
    }

    #[test]
    fn issuer_template_is_filled_with_tid() {
        let mut p = Policy::at(0);
        p.issuer = Some(IssuerRule::new(
            "https://login.microsoftonline.com/{tenantid}/v2.0",
        ));
        let tid = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        let good =
            format!(r#"{{"iss":"https://login.microsoftonline.com/{tid}/v2.0","tid":"{tid}"}}"#);
        assert!(check(&good, &p).is_ok());
        let other = good.replacen(tid, "11111111-2222-3333-4444-555555555555", 1);
        assert!(
            check(&other, &p)
                .unwrap_err()
                .to_string()
                .starts_with("iss https://login.microsoftonline.com/11111111")
        );
        let evil = r#"{"iss":"https://login.microsoftonline.com/x/v2.0/evil","tid":"x/v2.0/evil"}"#;
        assert!(
            check(evil, &p)
                .unwrap_err()
                .to_string()
                .contains("not a tenant ID")
        );
    }

    #[test]
    fn unsigned_and_critical_tokens_fail() {
        let none = format!("{}.{}.", B64.encode(br#"{"alg":"none"}"#), B64.encode("{}"));
        let err = verify(&none, &keys(), &Policy::at(0)).unwrap_err();
        assert!(
            matches!(err, Failure::Header(ref m) if m.contains("never accepted")),
            "{err}"
        );
        let secret = b"0123456789abcdef0123456789abcdef";
        let input = format!(
            "{}.{}",
            B64.encode(br#"{"alg":"HS256","crit":["x"],"x":1}"#),
            B64.encode("{}")
        );
        let tag = aws_lc_rs::hmac::sign(
            &aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, secret),
            input.as_bytes(),
        );
        let err = verify(
            &format!("{input}.{}", B64.encode(tag)),
            &keys(),
            &Policy::at(0),
        )
        .unwrap_err();
        assert!(err.to_string().contains("crit: x"), "{err}");
    }

    #[test]
    fn wrong_secret_fails() {
        let token = hs256("{}", b"another secret, another secret!!");
        let err = verify(&token, &keys(), &Policy::at(0)).unwrap_err();
        assert!(matches!(err, Failure::Signature(_)));
    }

    #[test]
    fn tenant_ids() {
        assert!(is_tenant_id("72f988bf-86f1-41af-91ab-2d7cd011db47"));
        assert!(!is_tenant_id("contoso.onmicrosoft.com"));
        assert!(!is_tenant_id("72f988bf-86f1-41af-91ab-2d7cd011db4/"));
    }
}
