//! Asking the provider about a token (RFC 7662 introspection) and revoking one (RFC 7009), as
//! the client, authenticated as at the token endpoint.

use serde_json::{Map, Value};

use super::client::Reply;
use super::tokens::Connection;
use crate::base::error::{Error, Result};

/// The introspection answer; `active` is checked to be the boolean RFC 7662 §2.2 requires.
pub fn introspect(
    conn: &Connection<'_>,
    token: &str,
    hint: Option<&str>,
) -> Result<Map<String, Value>> {
    let url = conn.endpoints.require(
        conn.endpoints.introspection.as_ref(),
        "introspection_endpoint",
        "introspection",
    )?;
    let mut form = vec![("token", token.to_string())];
    if let Some(h) = hint {
        form.push(("token_type_hint", h.to_string()));
    }
    const WHAT: &str = "the introspection";
    match conn.post(&url, form)? {
        Reply::Ok(obj) => match obj.get("active") {
            Some(Value::Bool(_)) => Ok(obj),
            _ => Err(Error::failed(
                "the introspection answer has no boolean `active` (RFC 7662 §2.2)",
            )),
        },
        Reply::Err(e) => Err(e.into_error(WHAT)),
    }
}

/// Revokes `token` (RFC 7009 §2.1). The provider answers 200 even for a token it does not know.
pub fn revoke(conn: &Connection<'_>, token: &str, hint: Option<&str>) -> Result<()> {
    let url = conn.endpoints.require(
        conn.endpoints.revocation.as_ref(),
        "revocation_endpoint",
        "revocation",
    )?;
    let mut form = vec![("token", token.to_string())];
    if let Some(h) = hint {
        form.push(("token_type_hint", h.to_string()));
    }
    match conn.post(&url, form)? {
        Reply::Ok(_) => Ok(()),
        Reply::Err(e) => Err(e.into_error("the revocation")),
    }
}
