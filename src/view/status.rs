//! Sign-in status for people and programs: per profile, who is signed in, where, with which
//! scopes, and until when. Never a token. Shared by `status` and `demo`.

use serde::Serialize;

use crate::jwt::time;
use crate::oidc::Flow;
use crate::output::{Printer, Style, sanitize};
use crate::store::StoreKind;
use crate::store::TokenSet;

#[derive(Serialize)]
pub struct Row {
    profile: Option<String>,
    default: bool,
    issuer: Option<String>,
    client_id: Option<String>,
    store: Option<&'static str>,
    signed_in: bool,
    /// Why this row's sign-in could not be read or is not used (its store failed; another
    /// issuer or client issued the stored set).
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    /// How the set was obtained: browser, device or client-credentials.
    flow: Option<&'static str>,
    subject: Option<String>,
    scopes: Vec<String>,
    #[serde(serialize_with = "rfc3339")]
    access_token_expires_at: Option<i64>,
    access_token_valid: Option<bool>,
    access_token_revoked: bool,
    refresh_token: bool,
    #[serde(serialize_with = "rfc3339")]
    id_token_expires_at: Option<i64>,
    /// The access tokens held for other scopes, resources or audiences (`token --scope …`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    other_access_tokens: Vec<OtherToken>,
}

/// An access token of the sign-in for another target. Never the token itself.
#[derive(Serialize)]
struct OtherToken {
    /// What it was asked for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    asked_scopes: Vec<String>,
    /// What the provider said it granted.
    scopes: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    resource: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    audience: Vec<String>,
    #[serde(serialize_with = "rfc3339")]
    expires_at: Option<i64>,
    valid: bool,
}

/// Times as RFC 3339 in JSON, kept as seconds for the human rendering.
fn rfc3339<S: serde::Serializer>(t: &Option<i64>, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_some(&t.and_then(|t| time::utc(t as f64)))
}

/// Whom a row's sign-in must have been issued by: the profile's (or given) issuer and client.
pub struct Expected {
    pub issuer: Option<String>,
    pub client_id: Option<String>,
}

pub fn row(
    profile: Option<String>,
    default: bool,
    expected: Expected,
    kind: StoreKind,
    set: Option<&TokenSet>,
    now: i64,
) -> Row {
    // A set another issuer or client issued is shown as such, not as this profile's sign-in.
    let foreign = set.filter(|s| {
        expected
            .issuer
            .as_ref()
            .is_some_and(|i| !s.issued_by(i, expected.client_id.as_deref().unwrap_or(&s.client_id)))
    });
    if let Some(f) = foreign {
        let mut r = failed(profile, default, expected.issuer, Some(kind), String::new());
        r.client_id = expected.client_id;
        r.error = Some(format!(
            "the stored sign-in belongs to another issuer or client ({}, client {}) and is not used; sign in again",
            f.issuer, f.client_id
        ));
        return r;
    }
    Row {
        profile,
        default,
        issuer: set.map(|s| s.issuer.clone()).or(expected.issuer),
        client_id: set.map(|s| s.client_id.clone()).or(expected.client_id),
        store: Some(kind.name()),
        signed_in: set.is_some(),
        error: None,
        flow: set.map(|s| s.flow.name()),
        subject: set.and_then(|s| s.subject.clone()),
        scopes: set.map(|s| s.scopes.clone()).unwrap_or_default(),
        access_token_expires_at: set.and_then(|s| s.expires_at),
        // Valid until its `exp`, not through it (RFC 7519 §4.1.4): the same rule as the words.
        access_token_valid: set.map(|s| s.fresh_for(0, now)),
        access_token_revoked: set.is_some_and(|s| s.access_revoked),
        refresh_token: set.is_some_and(|s| s.refresh_token.is_some()),
        id_token_expires_at: set.and_then(|s| s.id_token_expires_at),
        other_access_tokens: set
            .map(|s| {
                s.extra
                    .iter()
                    .map(|e| OtherToken {
                        asked_scopes: e.target.scopes.clone(),
                        scopes: e.scopes.clone(),
                        resource: e.target.resource.clone(),
                        audience: e.target.audience.clone(),
                        expires_at: e.expires_at,
                        valid: e.fresh_for(0, now),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// A row whose sign-in could not be read: one line saying why, the other rows unaffected.
pub fn failed(
    profile: Option<String>,
    default: bool,
    issuer: Option<String>,
    kind: Option<StoreKind>,
    error: String,
) -> Row {
    Row {
        profile,
        default,
        issuer,
        client_id: None,
        store: kind.map(StoreKind::name),
        signed_in: false,
        error: Some(error),
        flow: None,
        subject: None,
        scopes: Vec::new(),
        access_token_expires_at: None,
        access_token_valid: None,
        access_token_revoked: false,
        refresh_token: false,
        id_token_expires_at: None,
        other_access_tokens: Vec::new(),
    }
}

pub fn human(rows: &[Row], p: &Printer, now: i64) -> String {
    let mut out = String::new();
    // "expires in 5m (…)" or "expired 1s ago (…)": the tense from the clock, never assumed.
    let when = |ts: &Option<i64>| {
        let ts = (*ts)? as f64;
        Some(format!("{} ({})", time::expiry(ts, now), time::utc(ts)?))
    };
    for r in rows {
        let title = match (&r.profile, &r.client_id) {
            (Some(p), _) => p.clone(),
            (None, Some(c)) => format!("(no profile) client {c}"),
            (None, None) => "(no profile)".into(),
        };
        let default = if r.default { " (default)" } else { "" };
        out.push_str(&format!(
            "{}{}\n",
            p.paint(&sanitize(&title), Style::Heading),
            default
        ));
        let mut line = |k: &str, v: String| {
            out.push_str(&format!(
                "  {}  {}\n",
                p.paint(&format!("{k:<8}"), Style::Key),
                sanitize(&v)
            ))
        };
        if let Some(i) = &r.issuer {
            line("issuer", i.clone());
        }
        if let Some(store) = r.store {
            line("store", store.to_string());
        }
        if let Some(e) = &r.error {
            line("error", e.clone());
            continue;
        }
        if !r.signed_in {
            line("status", "not signed in".into());
            continue;
        }
        let client_only = r.flow == Some(Flow::ClientCredentials.name());
        line(
            "subject",
            match (&r.subject, client_only) {
                (Some(s), _) => s.clone(),
                (None, true) => "the client itself (client credentials)".into(),
                (None, false) => "unknown".into(),
            },
        );
        line("scopes", r.scopes.join(" "));
        line(
            "access",
            match (&r.access_token_valid, when(&r.access_token_expires_at)) {
                _ if r.access_token_revoked && r.refresh_token => {
                    "revoked; renewed with the refresh token on next use".into()
                }
                _ if r.access_token_revoked => "revoked".into(),
                (Some(true), Some(w)) => format!("valid, {w}"),
                (Some(false), Some(w)) => w,
                _ => "valid (no expiry given)".into(),
            },
        );
        line(
            "refresh",
            if r.refresh_token {
                "yes".into()
            } else if client_only {
                "none needed: renewed by running the grant again".into()
            } else {
                "no: a sign-in is needed when the access token expires".into()
            },
        );
        if let Some(w) = when(&r.id_token_expires_at) {
            line("id token", w);
        }
        for t in &r.other_access_tokens {
            let mut what = Vec::new();
            if !t.resource.is_empty() {
                what.push(format!("resource {}", t.resource.join(" ")));
            }
            if !t.audience.is_empty() {
                what.push(format!("audience {}", t.audience.join(" ")));
            }
            let scopes = if t.scopes.is_empty() {
                &t.asked_scopes
            } else {
                &t.scopes
            };
            if !scopes.is_empty() {
                what.push(format!("scopes {}", scopes.join(" ")));
            }
            let state = match (t.valid, when(&t.expires_at)) {
                (true, Some(w)) => format!("valid, {w}"),
                (false, Some(w)) => w,
                _ => "valid (no expiry given)".into(),
            };
            line("access", format!("{}: {state}", what.join(", ")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(access_exp: i64, id_exp: i64, now: i64) -> String {
        let mut set = crate::store::sample(1);
        set.expires_at = Some(access_exp);
        set.id_token_expires_at = Some(id_exp);
        let r = row(
            Some("dev".into()),
            false,
            Expected {
                issuer: None,
                client_id: None,
            },
            StoreKind::File,
            Some(&set),
            now,
        );
        human(&[r], &Printer::plain(), now)
    }

    fn line<'a>(out: &'a str, key: &str) -> &'a str {
        out.lines()
            .find(|l| l.trim_start().starts_with(key))
            .unwrap_or_else(|| panic!("no {key} line in {out}"))
    }

    #[test]
    fn expiry_words_follow_the_clock_at_every_boundary() {
        let now = 2_000_000_000;
        for (delta, access, id) in [
            (-2, "expired 2s ago", "expired 2s ago"),
            (-1, "expired 1s ago", "expired 1s ago"),
            (0, "expired just now", "expired just now"),
            (1, "valid, expires in 1s", "expires in 1s"),
            (2, "valid, expires in 2s", "expires in 2s"),
        ] {
            let out = rendered(now + delta, now + delta, now);
            assert!(line(&out, "access").contains(access), "{delta}: {out}");
            assert!(line(&out, "id token").contains(id), "{delta}: {out}");
            assert!(
                !out.contains("expires 1s ago") && !out.contains("expires 2s ago"),
                "{out}"
            );
        }
    }

    #[test]
    fn the_json_validity_agrees_with_the_words() {
        let now = 2_000_000_000;
        let mut set = crate::store::sample(1);
        set.expires_at = Some(now);
        let r = row(
            None,
            false,
            Expected {
                issuer: None,
                client_id: None,
            },
            StoreKind::File,
            Some(&set),
            now,
        );
        assert_eq!(r.access_token_valid, Some(false), "expired at exp itself");
    }
}
