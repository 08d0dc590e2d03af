//! The device authorization grant (RFC 8628): ask for a user code, then poll the token endpoint
//! at the provider's interval until the user has approved or declined it on another device, the
//! code expires, or oidctl gives up. Showing the code is the caller's job.

use std::time::{Duration, Instant};

use serde_json::{Map, Value};

use super::client::{Reply, seconds_field, string_field};
use super::tokens::{Connection, TokenResponse};
use crate::base::error::{Error, Kind, Result};
use crate::base::secret::Secret;

pub const GRANT_TYPE: &str = "urn:ietf:params:oauth:grant-type:device_code";
/// RFC 8628 §3.2: the interval when the provider names none.
const DEFAULT_INTERVAL: u64 = 5;
/// RFC 8628 §3.5: what `slow_down` adds to the interval.
const SLOW_DOWN_STEP: u64 = 5;

#[derive(Debug)]
pub struct DeviceAuthorization {
    pub device_code: Secret,
    pub user_code: String,
    pub verification_uri: String,
    pub verification_uri_complete: Option<String>,
    pub expires_in: Option<u64>,
    pub interval: u64,
}

/// Asks the device authorization endpoint for a code.
pub fn start(conn: &Connection<'_>) -> Result<DeviceAuthorization> {
    let url = conn.endpoints.require(
        conn.endpoints.device_authorization.as_ref(),
        "device_authorization_endpoint",
        "a device sign-in",
    )?;
    let provider = conn.client;
    let mut form = vec![("scope", provider.scopes.join(" "))];
    for a in &provider.audience {
        form.push(("audience", a.clone()));
    }
    for r in &provider.resource {
        form.push(("resource", r.clone()));
    }
    if let Some(claims) = &provider.claims {
        form.push(("claims", super::claims::to_param(claims)));
    }
    const WHAT: &str = "the device authorization request";
    match conn.post(&url, form)? {
        Reply::Ok(obj) => parse_authorization(&obj, WHAT),
        Reply::Err(e) => Err(e.into_error(WHAT)),
    }
}

fn parse_authorization(obj: &Map<String, Value>, what: &str) -> Result<DeviceAuthorization> {
    let s = |name: &str| string_field(obj, name, what);
    let missing = |name: &str| {
        Error::failed(format!(
            "{what} failed: the provider's answer has no {name}"
        ))
    };
    Ok(DeviceAuthorization {
        device_code: Secret::new(s("device_code")?.ok_or_else(|| missing("device_code"))?),
        user_code: s("user_code")?.ok_or_else(|| missing("user_code"))?,
        // Google's endpoint says verification_url.
        verification_uri: s("verification_uri")?
            .or(s("verification_url")?)
            .ok_or_else(|| missing("verification_uri"))?,
        verification_uri_complete: s("verification_uri_complete")?,
        expires_in: seconds_field(obj, "expires_in", what)?,
        interval: seconds_field(obj, "interval", what)?
            .filter(|i| *i > 0)
            .unwrap_or(DEFAULT_INTERVAL),
    })
}

/// One poll's outcome, when it is not final.
#[derive(Debug, PartialEq, Eq)]
pub enum Pending {
    /// `authorization_pending`: ask again after the interval.
    Wait,
    /// `slow_down`: ask again, less often.
    SlowDown,
}

/// One token request with the device code.
pub fn poll(
    conn: &Connection<'_>,
    device: &DeviceAuthorization,
) -> Result<std::result::Result<TokenResponse, Pending>> {
    const WHAT: &str = "the device sign-in";
    let form = vec![
        ("grant_type", GRANT_TYPE.to_string()),
        ("device_code", device.device_code.secret().to_string()),
    ];
    match conn.post_token(form)? {
        Reply::Ok(obj) => TokenResponse::from_json(obj, WHAT).map(Ok),
        Reply::Err(e) if e.code == "authorization_pending" => Ok(Err(Pending::Wait)),
        Reply::Err(e) if e.code == "slow_down" => Ok(Err(Pending::SlowDown)),
        Reply::Err(e) => {
            let aadsts = super::entra::aadsts_code(e.description.as_deref(), &e.error_codes);
            let mut err = e.into_error(WHAT);
            // Tenants often block the device code flow by Conditional Access, or require a
            // compliant or registered device, which a code entered elsewhere cannot show; the
            // browser sign-in on this machine can pass where the device code cannot.
            if let Some(code) = aadsts.filter(|c| super::entra::is_conditional_access(*c)) {
                err.message = format!(
                    "Conditional Access refused the device-code sign-in (AADSTS{code}): {}",
                    err.message
                );
                err.hint = Some(
                    "the tenant's policy does not allow this sign-in by device code: sign in in \
                     the browser instead, with oidctl login (no --device; over SSH it offers \
                     --paste), or ask the tenant's administrator (the Trace ID above helps them)"
                        .into(),
                );
            }
            Err(err)
        }
    }
}

/// Polls until the sign-in ends: at the interval, slower after each `slow_down`, and no later
/// than `deadline` or the code's own expiry. `sleep` is injected so tests need not wait.
pub fn wait(
    conn: &Connection<'_>,
    device: &DeviceAuthorization,
    started: Instant,
    timeout: Duration,
    mut sleep: impl FnMut(Duration),
) -> Result<TokenResponse> {
    let expiry = device
        .expires_in
        .map(Duration::from_secs)
        .unwrap_or(timeout);
    let limit = timeout.min(expiry);
    let mut interval = device.interval;
    loop {
        let next = Duration::from_secs(interval);
        if started.elapsed() + next > limit {
            let (message, hint) = if limit < timeout {
                (
                    "the device code expired before the sign-in was finished",
                    "run oidctl login --device again and enter the new code",
                )
            } else {
                (
                    "gave up waiting for the device sign-in (--timeout)",
                    "run oidctl login --device again, or give more time with --timeout SECONDS",
                )
            };
            return Err(Error::new(Kind::SignInRequired, message).with_hint(hint));
        }
        sleep(next);
        match poll(conn, device)? {
            Ok(tokens) => return Ok(tokens),
            Err(Pending::Wait) => {}
            Err(Pending::SlowDown) => {
                interval += SLOW_DOWN_STEP;
                log::info!("the provider asked to slow down: polling every {interval}s");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(json: &str) -> Map<String, Value> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn authorization_answers() {
        let a = parse_authorization(
            &obj(r#"{"device_code":"dc","user_code":"ABCD-EFGH","verification_uri":"https://op/device","expires_in":600}"#),
            "w",
        )
        .unwrap();
        assert_eq!(a.interval, DEFAULT_INTERVAL, "no interval: 5 s");
        assert_eq!(a.expires_in, Some(600));
        assert_eq!(a.verification_uri_complete, None);
        let google = parse_authorization(
            &obj(r#"{"device_code":"dc","user_code":"X","verification_url":"https://g/device","interval":2}"#),
            "w",
        )
        .unwrap();
        assert_eq!(google.verification_uri, "https://g/device");
        assert_eq!(google.interval, 2);
        let e = parse_authorization(&obj(r#"{"device_code":"dc","verification_uri":"u"}"#), "w")
            .unwrap_err();
        assert!(e.message.contains("no user_code"), "{}", e.message);
    }
}
