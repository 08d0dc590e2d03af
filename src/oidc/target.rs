//! What an access token is for: the scopes, RFC 8707 resources and audiences a command asked
//! for (`token --scope/--resource/--audience`), and whether a token asked or granted for one
//! target serves another. Scopes compare as sets; at Microsoft the OpenID Connect scopes
//! (`openid`, `profile`, `email`, `offline_access`) are not part of a resource's token and are
//! left out of the comparison. Pure: no I/O.

use serde::{Deserialize, Serialize};

/// The target of an access token beyond the sign-in's own. Sent as the refresh grant's
/// `scope`, `resource` and `audience`; one more parameter of that request goes here too.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// Asked scopes; empty: none named (the provider's default for the resource).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resource: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audience: Vec<String>,
}

impl Target {
    pub fn is_empty(&self) -> bool {
        self.scopes.is_empty() && self.resource.is_empty() && self.audience.is_empty()
    }

    /// The refresh grant's parameters for this target.
    pub fn form(&self) -> Vec<(&'static str, String)> {
        let mut form = Vec::new();
        if !self.scopes.is_empty() {
            form.push(("scope", self.scopes.join(" ")));
        }
        form.extend(self.resource.iter().map(|r| ("resource", r.clone())));
        form.extend(self.audience.iter().map(|a| ("audience", a.clone())));
        form
    }

    /// For people: `scopes a b, resource https://x`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.scopes.is_empty() {
            parts.push(format!("scopes {}", self.scopes.join(" ")));
        }
        if !self.resource.is_empty() {
            parts.push(format!("resource {}", self.resource.join(" ")));
        }
        if !self.audience.is_empty() {
            parts.push(format!("audience {}", self.audience.join(" ")));
        }
        if parts.is_empty() {
            "the sign-in's own scopes".into()
        } else {
            parts.join(", ")
        }
    }
}

/// A token held: what it was asked for, and the scopes the provider said it granted.
pub struct Held<'a> {
    pub asked: &'a Target,
    pub granted: &'a [String],
    /// The sign-in's own token: asked for the sign-in's scopes, so a request naming no scopes
    /// is served by it when resource and audience agree.
    pub primary: bool,
}

/// Whether `held` is a token for exactly `wanted`: the same resources and audiences (as sets),
/// and, when scopes are named, the same scopes (as sets) as it was asked or granted for. A
/// request naming no scopes is served by a token asked with none (or by the sign-in's own).
pub fn serves(held: &Held<'_>, wanted: &Target, entra: bool) -> bool {
    if !same_set(&held.asked.resource, &wanted.resource)
        || !same_set(&held.asked.audience, &wanted.audience)
    {
        return false;
    }
    if wanted.scopes.is_empty() {
        return held.primary || held.asked.scopes.is_empty();
    }
    let want = scope_set(&wanted.scopes, entra);
    (!held.asked.scopes.is_empty() && scope_set(&held.asked.scopes, entra) == want)
        || scope_set(held.granted, entra) == want
}

fn same_set(a: &[String], b: &[String]) -> bool {
    let set = |v: &[String]| {
        v.iter()
            .map(|s| s.trim_end_matches('/').to_string())
            .collect::<std::collections::BTreeSet<_>>()
    };
    set(a) == set(b)
}

/// The scopes that tell tokens apart: at Microsoft, without the OpenID Connect ones (they are
/// not the resource's), case-insensitive (as Microsoft compares them).
fn scope_set(scopes: &[String], entra: bool) -> std::collections::BTreeSet<String> {
    scopes
        .iter()
        .filter(|s| !entra || !super::entra::is_oidc_scope(s))
        .map(|s| {
            if entra {
                s.to_ascii_lowercase()
            } else {
                s.clone()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    fn t(scopes: &[&str], resource: &[&str]) -> Target {
        Target {
            scopes: v(scopes),
            resource: v(resource),
            audience: Vec::new(),
        }
    }

    #[test]
    fn scopes_compare_as_sets() {
        let asked = t(&["b", "a"], &["https://api.example/a"]);
        let held = Held {
            asked: &asked,
            granted: &v(&["a", "b"]),
            primary: false,
        };
        assert!(serves(
            &held,
            &t(&["a", "b"], &["https://api.example/a"]),
            false
        ));
        assert!(
            !serves(&held, &t(&["a"], &["https://api.example/a"]), false),
            "a down-scoped request is not served by the wider token"
        );
        assert!(
            !serves(&held, &t(&["a", "b"], &["https://api.example/b"]), false),
            "never a token for another resource"
        );
        assert!(
            !serves(&held, &t(&[], &["https://api.example/a"]), false),
            "no scopes named: only a token asked with none"
        );
    }

    #[test]
    fn the_sign_ins_token_serves_its_own_resource() {
        let asked = t(&[], &[]);
        let held = Held {
            asked: &asked,
            granted: &v(&["openid", "api:read"]),
            primary: true,
        };
        assert!(serves(&held, &t(&["api:read", "openid"], &[]), false));
        assert!(!serves(&held, &t(&["api:read"], &[]), false));
        assert!(!serves(&held, &t(&[], &["https://api.example/a"]), false));
    }

    #[test]
    fn microsoft_leaves_the_openid_scopes_out() {
        let asked = t(&["openid", "offline_access", "api://a/.default"], &[]);
        let held = Held {
            asked: &asked,
            granted: &v(&["api://a/read"]),
            primary: true,
        };
        assert!(serves(&held, &t(&["api://a/.default"], &[]), true));
        assert!(serves(&held, &t(&["API://a/read"], &[]), true));
        assert!(!serves(&held, &t(&["api://b/.default"], &[]), true));
        assert!(
            !serves(&held, &t(&["api://a/.default"], &[]), false),
            "elsewhere openid is a scope like any"
        );
    }
}
