//! Provider metadata (OpenID Connect Discovery 1.0, then RFC 8414) and the provider's JWKS,
//! both through the disk cache of [`crate::http::Fetcher`].
//!
//! Microsoft's multi-tenant endpoints (`/common/v2.0`, `/organizations/v2.0`) publish the issuer
//! template `https://login.microsoftonline.com/{tenantid}/v2.0`; that is accepted here, and the
//! template is checked against each token's `tid` by [`crate::jwt::verify`].

use reqwest::Url;
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::http::{Fetcher, check_url};
use crate::jwt::keys::KeySet;
use crate::jwt::verify::TENANT_PLACEHOLDER;

#[derive(Debug, Clone)]
pub struct Metadata {
    /// The issuer as the provider states it (possibly a `{tenantid}` template).
    pub issuer: String,
    pub jwks_uri: Option<String>,
    pub document: Map<String, Value>,
}

/// Fetches and checks the metadata of `issuer`.
pub fn discover(fetcher: &Fetcher<'_>, issuer: &str) -> Result<Metadata> {
    let url = check_url(issuer, "issuer")?;
    let mut tried = Vec::with_capacity(2);
    for candidate in well_known_urls(&url) {
        if let Some(body) = fetcher.get_unless_404(&candidate, false)? {
            return parse(&body, issuer, &candidate);
        }
        tried.push(candidate.to_string());
    }
    Err(
        Error::failed(format!("{issuer} publishes no discovery document"))
            .caused_by(format!("HTTP 404 from {}", tried.join(" and ")))
            .with_hint("check the issuer URL: it is the iss of the provider's tokens"),
    )
}

/// OpenID Connect's location, then RFC 8414's (which inserts the well-known part before the path).
pub fn well_known_urls(issuer: &Url) -> [Url; 2] {
    let path = issuer.path().trim_end_matches('/');
    let mut openid = issuer.clone();
    openid.set_path(&format!("{path}/.well-known/openid-configuration"));
    let mut oauth = issuer.clone();
    oauth.set_path(&format!("/.well-known/oauth-authorization-server{path}"));
    for u in [&mut openid, &mut oauth] {
        u.set_query(None);
        u.set_fragment(None);
    }
    [openid, oauth]
}

fn parse(body: &str, issuer: &str, from: &Url) -> Result<Metadata> {
    let document: Map<String, Value> = serde_json::from_str(body).map_err(|e| {
        Error::failed(format!(
            "the discovery document at {from} is not a JSON object"
        ))
        .caused_by(e)
    })?;
    let stated = document
        .get("issuer")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::failed(format!("the discovery document at {from} has no issuer")))?
        .to_string();
    if !issuer_matches(&stated, issuer) {
        return Err(Error::failed(format!(
            "the discovery document names issuer {stated}, not {issuer}"
        ))
        .with_hint("use the issuer exactly as the provider states it; a mismatch can mean a misconfigured or impersonated provider"));
    }
    let jwks_uri = document
        .get("jwks_uri")
        .and_then(Value::as_str)
        .map(str::to_string);
    Ok(Metadata {
        issuer: stated,
        jwks_uri,
        document,
    })
}

/// The stated issuer must be the one asked for. Tolerated: a trailing slash, and Microsoft's
/// `{tenantid}` template standing for the tenant segment the user gave (`common`, a GUID, …).
pub fn issuer_matches(stated: &str, requested: &str) -> bool {
    let (s, r) = (
        stated.trim_end_matches('/'),
        requested.trim_end_matches('/'),
    );
    if s == r {
        return true;
    }
    match s.split_once(TENANT_PLACEHOLDER) {
        Some((prefix, suffix)) => r
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix(suffix))
            .is_some_and(|tenant| !tenant.is_empty() && !tenant.contains('/')),
        None => false,
    }
}

/// The provider's signing keys.
pub fn fetch_jwks(fetcher: &Fetcher<'_>, jwks_uri: &str, refresh: bool) -> Result<KeySet> {
    let url = check_url(jwks_uri, "jwks_uri")?;
    let body = fetcher.get(&url, refresh)?;
    KeySet::from_json(&body)
        .map_err(|e| Error::failed(format!("the JWKS at {url} is not usable")).caused_by(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_known_locations() {
        let [a, b] = well_known_urls(&Url::parse("https://h.example/tenant/v2.0/").unwrap());
        assert_eq!(
            a.as_str(),
            "https://h.example/tenant/v2.0/.well-known/openid-configuration"
        );
        assert_eq!(
            b.as_str(),
            "https://h.example/.well-known/oauth-authorization-server/tenant/v2.0"
        );
        let [a, b] = well_known_urls(&Url::parse("https://h.example").unwrap());
        assert_eq!(
            a.as_str(),
            "https://h.example/.well-known/openid-configuration"
        );
        assert_eq!(
            b.as_str(),
            "https://h.example/.well-known/oauth-authorization-server"
        );
    }

    #[test]
    fn issuer_matching() {
        assert!(issuer_matches("https://a.example/", "https://a.example"));
        assert!(!issuer_matches("https://b.example", "https://a.example"));
        let t = "https://login.microsoftonline.com/{tenantid}/v2.0";
        assert!(issuer_matches(
            t,
            "https://login.microsoftonline.com/common/v2.0"
        ));
        assert!(issuer_matches(
            t,
            "https://login.microsoftonline.com/organizations/v2.0/"
        ));
        assert!(!issuer_matches(t, "https://login.microsoftonline.com/v2.0"));
        assert!(!issuer_matches(t, "https://evil.example/common/v2.0"));
        assert!(!issuer_matches(
            t,
            "https://login.microsoftonline.com/a/b/v2.0"
        ));
    }
}
