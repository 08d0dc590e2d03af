//! Provider metadata (OpenID Connect Discovery 1.0, then RFC 8414) and the provider's JWKS,
//! both through the disk cache of [`crate::net::http::Fetcher`].
//!
//! Microsoft's multi-tenant endpoints (`/common/v2.0`, `/organizations/v2.0`) publish the issuer
//! template `https://login.microsoftonline.com/{tenantid}/v2.0`; that is accepted here, and the
//! template is checked against each token's `tid` by [`crate::jwt::verify`].

use reqwest::Url;
use serde_json::{Map, Value};

use crate::base::error::{Error, Result};
use crate::jwt::keys::KeySet;
use crate::jwt::verify::TENANT_PLACEHOLDER;
use crate::jwt::verify::{self, Failure, Policy, Verified};
use crate::net::http::{Fetcher, check_url};

#[derive(Debug, Clone)]
pub struct Metadata {
    /// The issuer as the provider states it (possibly a `{tenantid}` template).
    pub issuer: String,
    pub jwks_uri: Option<String>,
    pub document: Map<String, Value>,
}

/// Which well-known location a metadata document came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// OpenID Connect Discovery 1.0: `{issuer}/.well-known/openid-configuration`.
    OpenidConfiguration,
    /// RFC 8414: `/.well-known/oauth-authorization-server{issuer path}`.
    OauthAuthorizationServer,
}

impl Source {
    pub fn name(self) -> &'static str {
        match self {
            Source::OpenidConfiguration => "openid-configuration",
            Source::OauthAuthorizationServer => "oauth-authorization-server",
        }
    }

    pub fn spec(self) -> &'static str {
        match self {
            Source::OpenidConfiguration => "OpenID Connect Discovery 1.0",
            Source::OauthAuthorizationServer => "RFC 8414",
        }
    }
}

/// A metadata document as the provider sent it, not yet judged.
#[derive(Debug, Clone)]
pub struct Document {
    pub fields: Map<String, Value>,
    pub url: Url,
    pub source: Source,
}

/// Fetches and checks the metadata of `issuer`: it must state that very issuer.
pub fn discover(fetcher: &Fetcher, issuer: &str) -> Result<Metadata> {
    let document = fetch(fetcher, issuer, false)?;
    let from = &document.url;
    let stated = document
        .fields
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
        .fields
        .get("jwks_uri")
        .and_then(Value::as_str)
        .map(str::to_string);
    Ok(Metadata {
        issuer: stated,
        jwks_uri,
        document: document.fields,
    })
}

/// The metadata document of `issuer` from the first well-known location that has one, whatever
/// issuer it states (judging it is the caller's job). `refresh` bypasses the disk cache.
pub fn fetch(fetcher: &Fetcher, issuer: &str, refresh: bool) -> Result<Document> {
    let url = check_url(issuer, "issuer")?;
    let [openid, oauth] = well_known_urls(&url);
    let mut tried = Vec::with_capacity(2);
    for (candidate, source) in [
        (openid, Source::OpenidConfiguration),
        (oauth, Source::OauthAuthorizationServer),
    ] {
        if let Some(body) = fetcher.get_unless_404(&candidate, refresh)? {
            return Ok(Document {
                fields: parse(&body, &candidate)?,
                url: candidate,
                source,
            });
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

/// A metadata document's fields; pure (fuzzed by fuzz/fuzz_targets/discovery.rs).
pub fn parse(body: &str, from: &Url) -> Result<Map<String, Value>> {
    serde_json::from_str(body).map_err(|e| {
        let err = Error::failed(format!(
            "the discovery document at {from} is not a JSON object"
        ))
        .caused_by(e);
        // A sign-in page, a proxy's or a load balancer's error page: say so, it is the usual case.
        if body.trim_start().starts_with('<') {
            err.caused_by("the server answered with HTML, not JSON")
                .with_hint("check the issuer URL; a proxy or a web page may stand where the provider should be")
        } else {
            err
        }
    })
}

/// The stated issuer must be the one asked for. Tolerated: a trailing slash, and Microsoft's
/// `{tenantid}` template standing for the tenant segment the user gave (`common`, a GUID, …).
pub fn issuer_matches(stated: &str, requested: &str) -> bool {
    let (s, r) = (
        stated.trim_end_matches('/'),
        requested.trim_end_matches('/'),
    );
    if s == r || super::entra::issuer_matches(stated, requested) {
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
pub fn fetch_jwks(fetcher: &Fetcher, jwks_uri: &str, refresh: bool) -> Result<KeySet> {
    let url = check_url(jwks_uri, "jwks_uri")?;
    let body = fetcher.get(&url, refresh)?;
    KeySet::from_json(&body)
        .map_err(|e| Error::failed(format!("the JWKS at {url} is not usable")).caused_by(e))
}

/// A provider's keys from its `jwks_uri`: the cached set first, fetched again (past the cache)
/// at most once when a token names a key it lacks, since the provider may have rotated its keys
/// since the set was cached. The one place that decides when keys are fetched again: ID token
/// validation, `verify` and `verify --batch` all go through it.
pub struct Jwks<'f> {
    fetcher: &'f Fetcher,
    uri: String,
    set: KeySet,
    refetched: bool,
}

impl<'f> Jwks<'f> {
    pub fn fetch(fetcher: &'f Fetcher, uri: &str) -> Result<Self> {
        Ok(Jwks {
            set: fetch_jwks(fetcher, uri, false)?,
            fetcher,
            uri: uri.to_string(),
            refetched: false,
        })
    }

    pub fn set(&self) -> &KeySet {
        &self.set
    }

    /// Fetches the set again, past the cache, unless that was done already; whether it was.
    pub fn refetch(&mut self) -> Result<bool> {
        if self.refetched {
            return Ok(false);
        }
        self.refetched = true;
        self.set = fetch_jwks(self.fetcher, &self.uri, true)?;
        log::info!("unknown kid: fetched the JWKS again");
        Ok(true)
    }

    /// Verifies `token` with these keys, fetching them again once on an unknown kid; `then`
    /// turns the verified token into what the caller keeps. The outer error is a failed fetch.
    pub fn verify<T>(
        &mut self,
        token: &str,
        policy: &Policy,
        then: impl Fn(&Verified<'_>) -> T,
    ) -> Result<std::result::Result<T, Failure>> {
        match verify::verify(token, &self.set, policy) {
            Err(Failure::NoKey(_)) if !self.refetched => {}
            other => return Ok(other.map(|v| then(&v))),
        }
        self.refetch()?;
        Ok(verify::verify(token, &self.set, policy).map(|v| then(&v)))
    }
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
