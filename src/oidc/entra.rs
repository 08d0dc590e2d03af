//! Where Microsoft Entra ID departs from plain OpenID Connect, and only that: its authority hosts
//! and tenant-shaped issuers (a domain asked, a GUID stated; v1.0 metadata naming
//! `sts.windows.net`), its scope rules (checked before a request, not after an AADSTS error),
//! and hints for its common AADSTS error codes.

use reqwest::Url;

use crate::base::error::{Error, Result};
use crate::jwt::verify::{TENANT_PLACEHOLDER, is_tenant_id};
use crate::oidc::Flow;

/// The public cloud's authority; `OIDCTL_AUTHORITY_HOST` names another (a national cloud such as
/// https://login.microsoftonline.us, or a test double).
pub const DEFAULT_AUTHORITY: &str = "https://login.microsoftonline.com";
/// Microsoft's national and legacy authority hosts.
const AUTHORITY_HOSTS: [&str; 5] = [
    "login.microsoftonline.com",
    "login.microsoftonline.us",
    "login.partner.microsoftonline.cn",
    "login.windows.net",
    "login.microsoft.com",
];
/// The issuer host of v1.0 tokens.
const V1_ISSUER_PREFIX: &str = "https://sts.windows.net/";
/// OpenID Connect scopes, which go with any resource's.
const OIDC_SCOPES: [&str; 4] = ["openid", "profile", "email", "offline_access"];
const GRAPH: &str = "https://graph.microsoft.com";
const GRAPH_APP_ID: &str = "00000003-0000-0000-c000-000000000000";

static AUTHORITY: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Sets the authority `--tenant` builds on and that counts as Microsoft's, for this process
/// (the settings read `OIDCTL_AUTHORITY_HOST` and call this once); unset, the public cloud's.
pub fn set_authority(host: &str) {
    let _ = AUTHORITY.set(host.trim_end_matches('/').to_string());
}

/// The authority `--tenant` builds on.
pub fn authority() -> &'static str {
    AUTHORITY.get().map_or(DEFAULT_AUTHORITY, String::as_str)
}

/// The v2.0 issuer of a tenant (GUID, domain, common, organizations, consumers).
pub fn tenant_issuer(tenant: &str) -> String {
    format!("{}/{tenant}/v2.0", authority())
}

/// Whether `issuer` is a Microsoft Entra authority (or the v1.0 token issuer).
pub fn is_entra(issuer: &str) -> bool {
    let Ok(url) = Url::parse(issuer) else {
        return false;
    };
    if issuer.starts_with(V1_ISSUER_PREFIX) {
        return true;
    }
    let custom = Url::parse(authority()).ok();
    let same_origin = custom.as_ref().is_some_and(|a| {
        a.scheme() == url.scheme() && a.host_str() == url.host_str() && a.port() == url.port()
    });
    same_origin
        || (url.scheme() == "https"
            && url
                .host_str()
                .is_some_and(|h| AUTHORITY_HOSTS.iter().any(|a| a.eq_ignore_ascii_case(h))))
}

/// The tenant segment and whether the issuer is v2.0: `https://AUTH/T/v2.0` or `https://AUTH/T`.
fn tenant_of(issuer: &str) -> Option<(String, bool)> {
    let url = Url::parse(issuer).ok()?;
    let segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
    match segments.as_slice() {
        [tenant, "v2.0"] => Some((tenant.to_string(), true)),
        [tenant] => Some((tenant.to_string(), false)),
        _ => None,
    }
}

/// Microsoft states its issuer by tenant GUID whatever name the tenant was asked by
/// (`contoso.onmicrosoft.com` → the GUID), and its v1.0 metadata names `sts.windows.net`:
/// `stated` is acceptable for `requested` when it is the same tenant in Microsoft's terms.
/// (The `{tenantid}` template of common/organizations is handled by the caller.)
pub fn issuer_matches(stated: &str, requested: &str) -> bool {
    if !is_entra(requested) {
        return false;
    }
    let Some((asked, v2)) = tenant_of(requested) else {
        return false;
    };
    let stated_tenant = if v2 {
        // Same authority and shape, the tenant segment a GUID.
        let (Ok(s), Ok(r)) = (Url::parse(stated), Url::parse(requested)) else {
            return false;
        };
        if s.origin() != r.origin() {
            return false;
        }
        match tenant_of(stated) {
            Some((t, true)) => t,
            _ => return false,
        }
    } else {
        match stated
            .strip_prefix(V1_ISSUER_PREFIX)
            .map(|rest| rest.trim_end_matches('/'))
        {
            Some(t) if !t.contains('/') => t.to_string(),
            _ => return false,
        }
    };
    if stated_tenant == TENANT_PLACEHOLDER {
        return matches!(asked.as_str(), "common" | "organizations");
    }
    if !is_tenant_id(&stated_tenant) {
        return false;
    }
    // A GUID asked must be the GUID stated; a domain (or consumers) names some GUID.
    if is_tenant_id(&asked) {
        asked.eq_ignore_ascii_case(&stated_tenant)
    } else {
        !matches!(asked.as_str(), "common" | "organizations")
    }
}

/// The resource a scope belongs to: the part before the last `/` (`api://app/read` → `api://app`),
/// or Microsoft Graph for a short name (`User.Read`). `None` for the OpenID Connect scopes.
fn resource_of(scope: &str) -> Option<String> {
    if OIDC_SCOPES.contains(&scope) {
        return None;
    }
    let resource = match scope.rsplit_once('/') {
        Some((resource, _)) if !resource.is_empty() => resource.trim_end_matches('/').to_string(),
        _ => GRAPH.to_string(),
    };
    // Graph by name or by application ID is one resource.
    Some(if resource.eq_ignore_ascii_case(GRAPH_APP_ID) {
        GRAPH.to_string()
    } else {
        resource
    })
}

fn is_default(scope: &str) -> bool {
    scope == ".default" || scope.ends_with("/.default")
}

/// Entra's scope rules, checked before the request so the user gets a hint, not AADSTS70011 or
/// AADSTS28000: one resource per request; `.default` alone with its resource; client
/// credentials take exactly one `RESOURCE/.default`. A user's sign-in gets `offline_access`
/// added, or no refresh token comes back and `oidctl token` could not renew.
pub fn check_scopes(scopes: &[String], flow: Flow, given: bool) -> Result<Vec<String>> {
    let resource_scopes: Vec<&String> = scopes
        .iter()
        .filter(|s| !OIDC_SCOPES.contains(&s.as_str()))
        .collect();
    if flow == Flow::ClientCredentials {
        let [only] = resource_scopes.as_slice() else {
            return Err(Error::usage(if given && !resource_scopes.is_empty() {
                format!(
                    "Microsoft's client credentials grant takes exactly one RESOURCE/.default scope, not {}",
                    resource_scopes.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ")
                )
            } else {
                "Microsoft's client credentials grant needs --scope RESOURCE/.default".to_string()
            })
            .with_hint("for example --scope https://graph.microsoft.com/.default, or api://YOUR-API/.default: the app's application permissions (roles) come with it"));
        };
        if !is_default(only) {
            return Err(Error::usage(format!(
                "Microsoft's client credentials grant takes RESOURCE/.default, not the named scope {only}"
            ))
            .with_hint(format!(
                "use --scope {}/.default: the permissions granted to the app come with it",
                resource_of(only).unwrap_or_else(|| GRAPH.to_string())
            )));
        }
        return Ok(vec![(*only).clone()]);
    }
    let mut resources: Vec<String> = Vec::new();
    for s in &resource_scopes {
        if let Some(r) = resource_of(s)
            && !resources.contains(&r)
        {
            resources.push(r);
        }
    }
    if resources.len() > 1 {
        return Err(Error::usage(format!(
            "the scopes span {} resources ({}); Microsoft issues a token for one resource at a time",
            resources.len(),
            resources.join(", ")
        ))
        .with_hint("keep one API's scopes per profile (several profiles may share the client ID)"));
    }
    if resource_scopes.iter().any(|s| is_default(s)) && resource_scopes.len() > 1 {
        return Err(Error::usage(format!(
            ".default cannot be combined with named scopes of the same resource: {}",
            resource_scopes.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ")
        ))
        .with_hint("ask for RESOURCE/.default alone (all the permissions consented to), or only named scopes"));
    }
    let mut out = scopes.to_vec();
    if !out.iter().any(|s| s == "offline_access") {
        out.push("offline_access".into());
    }
    Ok(out)
}

/// Whether `scope` is one of the OpenID Connect scopes, which go with any resource's and are
/// not part of its token.
pub fn is_oidc_scope(scope: &str) -> bool {
    OIDC_SCOPES.contains(&scope)
}

/// A token request for another API in Microsoft's terms: `--resource R` alone is the scope
/// `R/.default` (as `az account get-access-token --resource` means it; the v2.0 endpoint takes
/// no `resource`); then [`check_scopes`]' rules, one resource per request, `offline_access`
/// added so the refresh token stays renewable.
pub fn target(wanted: &super::target::Target) -> Result<super::target::Target> {
    let mut scopes = wanted.scopes.clone();
    match (wanted.resource.as_slice(), scopes.is_empty()) {
        ([], _) => {}
        ([r], true) => scopes.push(format!("{}/.default", r.trim_end_matches('/'))),
        ([_], false) => {
            return Err(Error::usage(
                "Microsoft takes either --resource R (meaning the scope R/.default) or --scope, not both",
            )
            .with_hint("name the resource's scopes with it: --scope R/SCOPE, or R/.default"));
        }
        (many, _) => {
            return Err(Error::usage(format!(
                "{} resources ({}): Microsoft issues a token for one resource at a time",
                many.len(),
                many.join(", ")
            ))
            .with_hint(
                "ask for one token per resource: one --resource (or its --scope) per call",
            ));
        }
    }
    let mut resources: Vec<String> = scopes.iter().filter_map(|s| resource_of(s)).collect();
    resources.sort();
    resources.dedup();
    if resources.len() > 1 {
        return Err(Error::usage(format!(
            "the scopes span {} resources ({}): Microsoft issues a token for one resource at a time",
            resources.len(),
            resources.join(", ")
        ))
        .with_hint("ask for one token per resource: one resource's --scope (or one --resource) per call"));
    }
    if scopes.is_empty() {
        return Err(Error::usage(
            "Microsoft takes the API as --scope R/SCOPE (or R/.default) or --resource R",
        )
        .with_hint("for example --scope https://graph.microsoft.com/.default"));
    }
    if scopes.iter().all(|s| is_oidc_scope(s)) {
        return Err(Error::usage(format!(
            "the scopes {} name no API: Microsoft would answer with a Microsoft Graph token",
            scopes.join(" ")
        ))
        .with_hint("name the API: --scope https://graph.microsoft.com/.default, api://YOUR-API/.default, or --resource R"));
    }
    Ok(super::target::Target {
        scopes: check_scopes(&scopes, Flow::Browser, true)?,
        resource: Vec::new(),
        audience: wanted.audience.clone(),
    })
}

/// The AADSTS code of an error: from `error_codes`, else from the description's
/// `AADSTSnnnnn:` prefix.
pub fn aadsts_code(description: Option<&str>, error_codes: &[i64]) -> Option<i64> {
    if let Some(c) = error_codes.first() {
        return Some(*c);
    }
    let rest = description?.trim_start().strip_prefix("AADSTS")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Whether an AADSTS code is a Conditional Access refusal: 50097 (device authentication
/// required), 53000 (device not compliant), 53001 (device not domain-joined), 53002 (app not
/// approved), 53003 (blocked by policy, also what a policy blocking the device code flow gives).
pub fn is_conditional_access(code: i64) -> bool {
    matches!(code, 50097 | 53000 | 53001 | 53002 | 53003)
}

/// What to do about Microsoft's common AADSTS errors.
pub fn hint(code: i64) -> Option<&'static str> {
    Some(match code {
        50011 => {
            "the redirect URI is not registered for the app: add http://localhost under 'Mobile and desktop applications' in its Authentication settings (oidctl uses http://localhost:PORT for Microsoft), or pass the registered one with --redirect-host/--redirect-path/--redirect-port"
        }
        65001 => {
            "the user or an administrator has not consented to the app's permissions: sign in with --prompt consent, or ask an administrator to grant consent for the tenant"
        }
        70011 | 28000 | 28003 => {
            "check --scope: one resource per request, and RESOURCE/.default alone, never with named scopes"
        }
        1002012 => "client credentials take exactly one scope, RESOURCE/.default",
        700082 | 700084 | 50173 => {
            "the refresh token has expired or was revoked: sign in again with oidctl login"
        }
        9002326 => {
            "the app is not registered as a single-page application, so cross-origin redemption is refused: leave out --origin"
        }
        9002327 => {
            "the app is registered as a single-page application: pass --origin with one of its redirect origins, or register the redirect URI under 'Mobile and desktop applications' instead"
        }
        53003 => {
            "Conditional Access blocked the sign-in (device, location or risk policy): ask the tenant's administrator; the Trace ID above helps them"
        }
        50097 | 53000 | 53001 | 53002 => {
            "Conditional Access requires a registered, compliant or approved device or app: sign in in the browser on such a device, or ask the tenant's administrator"
        }
        50076 | 50079 => "multi-factor authentication is required: sign in again in the browser",
        7000215 | 7000222 => "the client secret is wrong or expired: create a new one for the app",
        700016 => "the application is not found in this tenant: check --client-id and --tenant",
        700027 => {
            "the client assertion was refused: upload the certificate to the app registration, and pass the key file with its certificate (x5t#S256)"
        }
        90002 => "the tenant is not found: check --tenant",
        50020 => {
            "the account is from another tenant: sign in to its home tenant, use --tenant organizations, or invite it as a guest"
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TID: &str = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    fn v(scopes: &[&str]) -> Vec<String> {
        scopes.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn microsoft_authorities() {
        assert!(is_entra("https://login.microsoftonline.com/common/v2.0"));
        assert!(is_entra("https://login.microsoftonline.us/x/v2.0"));
        assert!(is_entra("https://sts.windows.net/x/"));
        assert!(!is_entra("https://login.example.com/common/v2.0"));
        assert!(!is_entra("http://login.microsoftonline.com/common/v2.0"));
    }

    #[test]
    fn tenant_names_and_v1_issuers() {
        let auth = "https://login.microsoftonline.com";
        let guid_v2 = format!("{auth}/{TID}/v2.0");
        assert!(issuer_matches(
            &guid_v2,
            &format!("{auth}/contoso.onmicrosoft.com/v2.0")
        ));
        assert!(issuer_matches(
            &guid_v2,
            &format!("{auth}/{}/v2.0", TID.to_uppercase())
        ));
        assert!(!issuer_matches(
            &format!("{auth}/00000000-0000-0000-0000-000000000001/v2.0"),
            &format!("{auth}/{TID}/v2.0")
        ));
        assert!(!issuer_matches(&guid_v2, &format!("{auth}/common/v2.0")));
        assert!(!issuer_matches(
            &format!("https://evil.example/{TID}/v2.0"),
            &format!("{auth}/contoso.onmicrosoft.com/v2.0")
        ));
        // v1.0 metadata.
        let v1 = format!("https://sts.windows.net/{TID}/");
        assert!(issuer_matches(&v1, &format!("{auth}/{TID}")));
        assert!(issuer_matches(
            &v1,
            &format!("{auth}/contoso.onmicrosoft.com")
        ));
        assert!(issuer_matches(
            "https://sts.windows.net/{tenantid}/",
            &format!("{auth}/common")
        ));
        assert!(!issuer_matches(&v1, &format!("{auth}/{TID}/v2.0")));
        assert!(!issuer_matches(&v1, "https://login.example.com/x"));
    }

    #[test]
    fn scope_rules() {
        let browser = |s: &[&str]| check_scopes(&v(s), Flow::Browser, true);
        assert_eq!(
            browser(&["openid", "api://app/read", "api://app/write"]).unwrap(),
            v(&[
                "openid",
                "api://app/read",
                "api://app/write",
                "offline_access"
            ])
        );
        assert_eq!(
            browser(&["openid", "offline_access", "api://app/.default"]).unwrap(),
            v(&["openid", "offline_access", "api://app/.default"])
        );
        let e = browser(&["api://app/.default", "api://app/read"]).unwrap_err();
        assert!(
            e.message.contains(".default cannot be combined"),
            "{}",
            e.message
        );
        let e = browser(&["api://a/read", "User.Read"]).unwrap_err();
        assert!(
            e.message
                .contains("2 resources (api://a, https://graph.microsoft.com)"),
            "{}",
            e.message
        );
        // Graph by its short names, its URL and its application ID is one resource.
        assert!(
            browser(&[
                "User.Read",
                "https://graph.microsoft.com/Mail.Read",
                "00000003-0000-0000-c000-000000000000/Files.Read"
            ])
            .is_ok()
        );

        let cc = |s: &[&str], given| check_scopes(&v(s), Flow::ClientCredentials, given);
        assert_eq!(
            cc(&["api://app/.default"], true).unwrap(),
            v(&["api://app/.default"])
        );
        assert!(
            cc(&["openid", "profile", "email", "offline_access"], false)
                .unwrap_err()
                .message
                .contains("needs --scope RESOURCE/.default")
        );
        let e = cc(&["api://app/read"], true).unwrap_err();
        assert_eq!(
            e.hint.as_deref().unwrap().split(':').next(),
            Some("use --scope api")
        );
        assert!(
            cc(&["api://a/.default", "api://b/.default"], true)
                .unwrap_err()
                .message
                .contains("exactly one")
        );
    }

    #[test]
    fn targets_in_microsofts_terms() {
        use crate::oidc::target::Target;
        let t = |scopes: &[&str], resource: &[&str]| Target {
            scopes: v(scopes),
            resource: v(resource),
            audience: Vec::new(),
        };
        assert_eq!(
            target(&t(&[], &["https://management.azure.com/"]))
                .unwrap()
                .scopes,
            v(&["https://management.azure.com/.default", "offline_access"]),
            "--resource R is R/.default, as az means it"
        );
        assert!(
            target(&t(&["User.Read", "api://a/read"], &[]))
                .unwrap_err()
                .message
                .contains("one resource at a time")
        );
        assert!(
            target(&t(&[], &["https://a", "https://b"]))
                .unwrap_err()
                .message
                .contains("one resource at a time")
        );
        assert!(target(&t(&["api://a/read"], &["https://a"])).is_err());
        assert!(target(&t(&["openid", "profile"], &[])).is_err());
        assert!(target(&t(&[], &[])).is_err());
    }

    #[test]
    fn aadsts_codes() {
        assert_eq!(
            aadsts_code(Some("AADSTS700082: The refresh token has expired"), &[]),
            Some(700082)
        );
        assert_eq!(aadsts_code(Some("x"), &[50011]), Some(50011));
        assert_eq!(aadsts_code(Some("no code"), &[]), None);
        assert!(hint(50011).unwrap().contains("http://localhost"));
        assert!(hint(1).is_none());
    }
}
