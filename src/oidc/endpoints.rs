//! The provider endpoints a client uses, read from discovery metadata and checked once
//! (https, or http on loopback), so later code can use them without re-validating.

use serde_json::Value;

use super::discovery::{self, Metadata};
use crate::base::error::{Error, Result};
use crate::net::http::{Fetcher, check_url};

#[derive(Debug, Clone)]
pub struct Endpoints {
    /// The issuer as stated in the metadata (maybe Microsoft's `{tenantid}` template).
    pub issuer: String,
    pub authorization: Option<String>,
    pub token: String,
    pub jwks_uri: Option<String>,
    pub revocation: Option<String>,
    pub end_session: Option<String>,
    pub userinfo: Option<String>,
    pub introspection: Option<String>,
    pub device_authorization: Option<String>,
    pub pkce_methods: Vec<String>,
    /// `token_endpoint_auth_methods_supported` (absent: client_secret_basic, per RFC 8414).
    pub token_auth_methods: Vec<String>,
    /// `token_endpoint_auth_signing_alg_values_supported`.
    pub token_auth_signing_algs: Vec<String>,
    /// `id_token_signing_alg_values_supported`: an HMAC-signed ID token is accepted only with
    /// an algorithm listed here.
    pub id_token_signing_algs: Vec<String>,
}

impl Endpoints {
    /// The URL of an optional endpoint, or an error naming what the metadata lacks.
    pub fn require(
        &self,
        url: Option<&String>,
        name: &str,
        needed_for: &str,
    ) -> Result<reqwest::Url> {
        let url = url.ok_or_else(|| {
            Error::failed(format!(
                "the provider's metadata has no {name}, so {needed_for} is not possible"
            ))
            .with_hint(format!(
                "oidctl discover {} shows what the provider offers",
                self.issuer
            ))
        })?;
        check_url(url, name)
    }
}

pub fn discover(fetcher: &Fetcher, issuer: &str) -> Result<Endpoints> {
    from_metadata(&discovery::discover(fetcher, issuer)?)
}

pub fn from_metadata(meta: &Metadata) -> Result<Endpoints> {
    let get = |name: &str| -> Result<Option<String>> {
        match meta.document.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(url)) => {
                check_url(url, name).map_err(|e| {
                    Error::failed(format!("the provider's {name} is unusable")).caused_by(e.message)
                })?;
                Ok(Some(url.clone()))
            }
            Some(_) => Err(Error::failed(format!(
                "the provider's {name} is not a string"
            ))),
        }
    };
    let token = get("token_endpoint")?.ok_or_else(|| {
        Error::failed(format!(
            "the metadata of {} has no token_endpoint",
            meta.issuer
        ))
    })?;
    let strings = |name: &str| -> Vec<String> {
        meta.document
            .get(name)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    Ok(Endpoints {
        issuer: meta.issuer.clone(),
        authorization: get("authorization_endpoint")?,
        token,
        jwks_uri: meta.jwks_uri.clone(),
        revocation: get("revocation_endpoint")?,
        end_session: get("end_session_endpoint")?,
        userinfo: get("userinfo_endpoint")?,
        introspection: get("introspection_endpoint")?,
        device_authorization: get("device_authorization_endpoint")?,
        pkce_methods: strings("code_challenge_methods_supported"),
        token_auth_methods: match strings("token_endpoint_auth_methods_supported") {
            m if m.is_empty() => vec!["client_secret_basic".into()],
            m => m,
        },
        token_auth_signing_algs: strings("token_endpoint_auth_signing_alg_values_supported"),
        id_token_signing_algs: strings("id_token_signing_alg_values_supported"),
    })
}
