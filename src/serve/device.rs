//! The device authorization grant (RFC 8628): codes at the device authorization endpoint, the
//! verification page where a user enters the code and approves or denies, and the token
//! endpoint's answers while the device polls: `authorization_pending`, `slow_down` when it polls
//! faster than the interval, `access_denied`, `expired_token`, or the tokens.

use std::time::{Duration, Instant};

use serde_json::json;

use super::Provider;
use super::pages;
use super::request::{Call, Client, Reply, authenticate};
use super::state::{DEVICE_TTL, Device, DeviceStatus, random, user_code};
use super::token::{Issue, invalid_grant, sign_in};

pub const GRANT_TYPE: &str = "urn:ietf:params:oauth:grant-type:device_code";
/// RFC 8628 §3.5: what `slow_down` adds to the interval.
const SLOW_DOWN_STEP: u64 = 5;

pub fn authorize(p: &Provider, call: &Call) -> Result<Reply, Reply> {
    let client = authenticate(call, &p.opts.clients)?;
    let scopes = call.params.scopes()?;
    let (Some(device_code), Some(user_code)) = (random(32), user_code()) else {
        return Err(Reply::server_error());
    };
    let now = crate::base::clock::now();
    let interval = p.opts.device_interval;
    let mut s = p.state();
    if s.full() {
        return Err(Reply::error(
            503,
            "temporarily_unavailable",
            "too many device codes outstanding",
        ));
    }
    s.devices.insert(
        device_code.clone(),
        Device {
            client_id: client.id,
            confidential: client.confidential,
            scopes,
            audience: call.params.audience(),
            user_code: user_code.clone(),
            // --auto-approve: as if the user had entered the code and approved at once.
            status: match p.opts.auto_approve {
                Some(u) => DeviceStatus::Approved(u),
                None => DeviceStatus::Pending,
            },
            expires: now + DEVICE_TTL,
            interval,
            last_poll: Instant::now(),
        },
    );
    let verification_uri = p.url("/device");
    let complete = url::Url::parse_with_params(&verification_uri, [("user_code", &user_code)])
        .map(|u| u.to_string())
        .unwrap_or_else(|_| verification_uri.clone());
    Ok(Reply::json(
        200,
        &json!({
            "device_code": device_code,
            "user_code": user_code,
            "verification_uri": verification_uri,
            "verification_uri_complete": complete,
            "expires_in": DEVICE_TTL,
            "interval": interval,
        }),
    ))
}

fn action(p: &Provider) -> String {
    format!("{}/device", p.prefix)
}

/// The verification page, with the code filled in from `verification_uri_complete`.
pub fn page(p: &Provider, call: &Call) -> Reply {
    let code = call.params.get("user_code").ok().flatten();
    pages::device(&action(p), code, &p.opts.users, None)
}

/// The verification page's answer.
pub fn decide(p: &Provider, call: &Call) -> Reply {
    let param = |name: &str| call.params.get(name).ok().flatten().unwrap_or("");
    let code = param("user_code");
    let again = |note: &str| pages::device(&action(p), Some(code), &p.opts.users, Some(note));
    let now = crate::base::clock::now();
    let mut s = p.state();
    let Some(device) = s.device_by_user_code(code).filter(|d| d.expires > now) else {
        return again(
            "No device is waiting for that code (it may have expired). Check the code on the device.",
        );
    };
    if device.status != DeviceStatus::Pending {
        return pages::message(
            200,
            "Already answered",
            "This code was already used. You can close this page.",
        );
    }
    match param("decision") {
        "approve" => match p.opts.users.iter().position(|u| u.name == param("user")) {
            Some(user) => {
                device.status = DeviceStatus::Approved(user);
                pages::message(
                    200,
                    "Signed in",
                    "The device is signed in. You can close this page.",
                )
            }
            None => again("Pick a user."),
        },
        "deny" => {
            device.status = DeviceStatus::Denied;
            pages::message(
                200,
                "Sign-in denied",
                "The device was not signed in. You can close this page.",
            )
        }
        _ => again("Answer with Sign in or Deny."),
    }
}

/// One poll of the token endpoint with a device code.
pub fn poll(p: &Provider, call: &Call, client: &Client) -> Result<Reply, Reply> {
    let code = call.params.require("device_code")?;
    let now = crate::base::clock::now();
    let mut s = p.state();
    let Some(device) = s.devices.get_mut(code) else {
        return Err(invalid_grant("the device code is unknown"));
    };
    if device.client_id != client.id {
        return Err(invalid_grant(
            "the device code was issued to another client",
        ));
    }
    if device.expires <= now {
        return Err(Reply::error(
            400,
            "expired_token",
            "the device code has expired; start again",
        ));
    }
    // A little slack: timers and the network make an on-time poll look early by a few ms.
    let elapsed = device.last_poll.elapsed();
    device.last_poll = Instant::now();
    let too_fast = elapsed + Duration::from_millis(250) < Duration::from_secs(device.interval);
    match device.status {
        DeviceStatus::Pending if too_fast => {
            device.interval += SLOW_DOWN_STEP;
            Err(Reply::error(
                400,
                "slow_down",
                &format!("polled too often: wait {} s between polls", device.interval),
            ))
        }
        DeviceStatus::Pending => Err(Reply::error(
            400,
            "authorization_pending",
            "the user has not answered yet",
        )),
        DeviceStatus::Denied => {
            s.devices.remove(code);
            Err(Reply::error(
                400,
                "access_denied",
                "the user denied the sign-in",
            ))
        }
        DeviceStatus::Approved(user) => {
            let Some(device) = s.devices.remove(code) else {
                return Err(invalid_grant("the device code is unknown"));
            };
            let client = Client {
                id: device.client_id,
                confidential: device.confidential,
            };
            sign_in(
                p,
                &mut s,
                Issue {
                    client: &client,
                    user: Some(user),
                    scopes: &device.scopes,
                    audience: &device.audience,
                    family: None,
                    auth_time: Some(now),
                    nonce: None,
                },
            )
            .map(|(_, reply)| reply)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::tests::{error_of, post, running};

    #[test]
    fn polls_after_expiry_hear_expired_token() {
        let running = running();
        let p = &running.provider;
        let now = crate::base::clock::now();
        p.state().devices.insert(
            "dc".into(),
            Device {
                client_id: "tv".into(),
                confidential: false,
                scopes: vec!["openid".into()],
                audience: vec![],
                user_code: "BCDF-GHJK".into(),
                status: DeviceStatus::Pending,
                expires: now - 1,
                interval: 1,
                last_poll: Instant::now(),
            },
        );
        let poll = post(
            "/token",
            &[
                ("grant_type", GRANT_TYPE),
                ("client_id", "tv"),
                ("device_code", "dc"),
            ],
        );
        let reply = p.route(&poll);
        assert_eq!(
            (reply.status, error_of(&reply).as_str()),
            (400, "expired_token")
        );
        // Nor can the user still approve it.
        let page = p.route(&post(
            "/device",
            &[
                ("user_code", "bcdf-ghjk"),
                ("user", "alice"),
                ("decision", "approve"),
            ],
        ));
        assert!(String::from_utf8_lossy(&page.body).contains("No device is waiting"));
        assert_eq!(error_of(&p.route(&poll)), "expired_token");
    }
}
