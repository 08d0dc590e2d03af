//! The provider endpoints a client uses, read from discovery metadata and checked once
//! (https, or http on loopback), so later code can use them without re-validating.

use serde_json::Value;

use super::discovery::{self, Metadata};
use crate::error::{Error, Result};
use crate::http::{Fetcher, check_url};

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
    pub pkce_methods: Vec<String>,
}

pub fn discover(fetcher: &Fetcher<'_>, issuer: &str) -> Result<Endpoints> {
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
    let pkce_methods = meta
        .document
        .get("code_challenge_methods_supported")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    Ok(Endpoints {
        issuer: meta.issuer.clone(),
        authorization: get("authorization_endpoint")?,
        token,
        jwks_uri: meta.jwks_uri.clone(),
        revocation: get("revocation_endpoint")?,
        end_session: get("end_session_endpoint")?,
        userinfo: get("userinfo_endpoint")?,
        pkce_methods,
    })
}
