//! RFC 7009 token revocation, posted directly (openidconnect refuses http revocation URLs, which a
//! local development provider on 127.0.0.1 has). The client authenticates as at the token
//! endpoint: HTTP Basic with a secret, else its client_id in the form.

use crate::error::{Error, Result};
use crate::settings::Provider;

pub fn revoke(
    http: &reqwest::blocking::Client,
    endpoint: &str,
    provider: &Provider,
    token: &str,
    hint: &str,
) -> Result<()> {
    let url = crate::http::check_url(endpoint, "revocation_endpoint")?;
    let mut form = vec![("token", token), ("token_type_hint", hint)];
    let mut request = http.post(url.clone());
    match &provider.client_secret {
        Some(secret) => {
            request = request.basic_auth(
                form_encode(&provider.client_id),
                Some(form_encode(secret.secret())),
            )
        }
        None => form.push(("client_id", provider.client_id.as_str())),
    }
    let response = request
        .form(&form)
        .send()
        .map_err(|e| crate::http::network_error(&url, &e))?;
    let status = response.status();
    if status.is_success() {
        return Ok(());
    }
    let body = error_body(response);
    let code = body
        .get("error")
        .and_then(|v| v.as_str())
        .unwrap_or("no error code");
    let mut err = Error::failed(format!(
        "the provider refused the revocation: HTTP {status}, {code}"
    ));
    if let Some(d) = body.get("error_description").and_then(|v| v.as_str()) {
        err = err.caused_by(d);
    }
    Err(err)
}

/// RFC 6749 §2.3.1: client credentials in Basic auth are form-urlencoded first.
fn form_encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The error body as JSON, when it is JSON (RFC 7009 §2.2.1 uses RFC 6749's error shape).
fn error_body(response: reqwest::blocking::Response) -> serde_json::Value {
    let mut body = Vec::new();
    let _ = std::io::Read::read_to_end(
        &mut std::io::Read::take(response, crate::http::MAX_BODY_BYTES),
        &mut body,
    );
    serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null)
}
