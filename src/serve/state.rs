//! What the provider remembers, in memory only: authorization requests waiting on the sign-in
//! page, authorization codes (single use, 60 s), sign-in sessions ("families": a refresh token
//! chain and the access tokens issued from it), refresh tokens (rotated on use; a rotated one
//! used again revokes its family, RFC 9700 §4.14.2), revoked access tokens and device codes.
//! Expired entries are dropped as requests come in; every map is bounded.

use std::collections::HashMap;
use std::time::Instant;

use aws_lc_rs::rand::{SecureRandom as _, SystemRandom};
use base64::Engine as _;

use crate::jwt::token::B64;

/// At most this many live entries per kind: a flood of requests cannot exhaust memory.
pub const MAX_ENTRIES: usize = 10_000;
pub const CODE_TTL: i64 = 60;
pub const PENDING_TTL: i64 = 600;
pub const DEVICE_TTL: i64 = 600;
/// How long a sign-in session (and so its refresh tokens) lasts.
pub const SESSION_TTL: i64 = 8 * 3600;

/// A validated authorization request.
#[derive(Debug, Clone)]
pub struct AuthRequest {
    pub client_id: String,
    pub redirect_uri: String,
    pub state: Option<String>,
    pub nonce: Option<String>,
    pub scopes: Vec<String>,
    pub audience: Vec<String>,
    pub code_challenge: String,
    pub login_hint: Option<String>,
}

pub struct Code {
    pub request: AuthRequest,
    pub user: usize,
    pub auth_time: i64,
    pub expires: i64,
}

/// A sign-in session: the user, the client, what was granted, and whether it still stands.
pub struct Family {
    pub user: usize,
    pub client_id: String,
    pub audience: Vec<String>,
    pub auth_time: i64,
    pub expires: i64,
    pub revoked: bool,
}

pub struct Refresh {
    pub family: String,
    pub rotated: bool,
    pub scopes: Vec<String>,
}

/// An access token issued (they are JWTs; this is for revocation and introspection).
pub struct Access {
    pub family: Option<String>,
    pub client_id: String,
    /// The user it was issued for; `None` for a client acting as itself.
    pub user: Option<usize>,
    pub scopes: Vec<String>,
    pub exp: i64,
    pub revoked: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceStatus {
    Pending,
    Approved(usize),
    Denied,
}

pub struct Device {
    pub client_id: String,
    pub confidential: bool,
    pub scopes: Vec<String>,
    pub audience: Vec<String>,
    pub user_code: String,
    pub status: DeviceStatus,
    pub expires: i64,
    pub interval: u64,
    pub last_poll: Instant,
}

#[derive(Default)]
pub struct State {
    pub pending: HashMap<String, (AuthRequest, i64)>,
    pub codes: HashMap<String, Code>,
    /// Codes already exchanged, with the family they started, until they would have expired:
    /// a second use revokes that family (RFC 6749 §4.1.2).
    pub used_codes: HashMap<String, (String, i64)>,
    pub families: HashMap<String, Family>,
    pub refresh: HashMap<String, Refresh>,
    pub access: HashMap<String, Access>,
    pub devices: HashMap<String, Device>,
}

impl State {
    /// Drops what has expired.
    pub fn prune(&mut self, now: i64) {
        self.pending.retain(|_, (_, exp)| *exp > now);
        self.codes.retain(|_, c| c.expires > now);
        self.used_codes.retain(|_, (_, exp)| *exp > now);
        self.families.retain(|_, f| f.expires > now);
        let families = &self.families;
        self.refresh.retain(|_, r| families.contains_key(&r.family));
        self.access.retain(|_, a| a.exp > now);
        // Kept a while after expiry, so that a late poll hears expired_token, not invalid_grant.
        self.devices.retain(|_, d| d.expires + DEVICE_TTL > now);
    }

    /// Whether any kind of entry is at its bound.
    pub fn full(&self) -> bool {
        [
            self.pending.len(),
            self.codes.len(),
            self.families.len(),
            self.refresh.len(),
            self.access.len(),
            self.devices.len(),
        ]
        .iter()
        .any(|n| *n >= MAX_ENTRIES)
    }

    /// Revokes a family: its refresh tokens and access tokens stop working.
    pub fn revoke_family(&mut self, id: &str) {
        if let Some(f) = self.families.get_mut(id) {
            f.revoked = true;
        }
    }

    pub fn family_live(&self, id: &str, now: i64) -> bool {
        self.families
            .get(id)
            .is_some_and(|f| !f.revoked && f.expires > now)
    }

    /// Whether an access token with this `jti` may still be used.
    pub fn access_live(&self, jti: &str, now: i64) -> bool {
        match self.access.get(jti) {
            Some(a) => {
                !a.revoked
                    && a.exp > now
                    && a.family.as_deref().is_none_or(|f| self.family_live(f, now))
            }
            None => false,
        }
    }

    /// The device authorization holding `user_code` (compared without case or dashes).
    pub fn device_by_user_code(&mut self, user_code: &str) -> Option<&mut Device> {
        let wanted = normalize_user_code(user_code);
        self.devices
            .values_mut()
            .find(|d| normalize_user_code(&d.user_code) == wanted)
    }
}

/// A random, URL-safe token of `bytes` random bytes; `None` if the system generator fails.
pub fn random(bytes: usize) -> Option<String> {
    let mut buf = vec![0u8; bytes];
    SystemRandom::new().fill(&mut buf).ok()?;
    Some(B64.encode(buf))
}

/// RFC 8628 §6.1: eight letters without vowels (no words, no look-alike digits), as XXXX-XXXX.
pub fn user_code() -> Option<String> {
    const ALPHABET: &[u8] = b"BCDFGHJKLMNPQRSTVWXZ";
    let mut code = String::with_capacity(9);
    let rng = SystemRandom::new();
    while code.len() < 9 {
        let mut b = [0u8; 1];
        rng.fill(&mut b).ok()?;
        // 240 is the largest multiple of 20 below 256: no letter is likelier than another.
        if b[0] < 240 {
            if code.len() == 4 {
                code.push('-');
            }
            code.push(ALPHABET[(b[0] % 20) as usize] as char);
        }
    }
    Some(code)
}

pub fn normalize_user_code(code: &str) -> String {
    code.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_codes_are_two_groups_of_four_consonants() {
        let code = user_code().unwrap();
        assert_eq!(code.len(), 9);
        assert_eq!(&code[4..5], "-");
        assert!(
            code.chars()
                .all(|c| c == '-' || "BCDFGHJKLMNPQRSTVWXZ".contains(c))
        );
        assert_eq!(normalize_user_code("wdjb-mjht "), "WDJBMJHT");
    }

    #[test]
    fn revoking_a_family_ends_its_tokens() {
        let mut s = State::default();
        s.families.insert(
            "f".into(),
            Family {
                user: 0,
                client_id: "c".into(),
                audience: vec![],
                auth_time: 0,
                expires: 100,
                revoked: false,
            },
        );
        s.access.insert(
            "j".into(),
            Access {
                family: Some("f".into()),
                client_id: "c".into(),
                user: Some(0),
                scopes: vec![],
                exp: 50,
                revoked: false,
            },
        );
        assert!(s.access_live("j", 10));
        s.revoke_family("f");
        assert!(!s.access_live("j", 10));
        s.prune(60);
        assert!(s.access.is_empty() && s.families.len() == 1);
    }
}
