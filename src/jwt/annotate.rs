//! Short notes on claims a reader may not know, shown beside them by `decode`. The notes are
//! about meaning, not validity: nothing here is a check. Microsoft gives some claims a meaning
//! of its own (`groups` as object IDs, `_claim_names` as the group overage, `roles`, `scp`, …):
//! those notes are only for Microsoft's tokens ([`is_microsoft`]); any other issuer's claim of
//! the same name gets the generic meaning, or none.

use indexmap::IndexMap;

use super::json::Exact;

/// The hosts Microsoft Entra issues tokens from: the public cloud's and the national clouds'
/// sign-in hosts, and the v1.0 token issuers.
const MICROSOFT_ISSUER_HOSTS: [&str; 8] = [
    "login.microsoftonline.com",
    "login.microsoftonline.us",
    "login.partner.microsoftonline.cn",
    "login.chinacloudapi.cn",
    "login.windows.net",
    "login.microsoft.com",
    "sts.windows.net",
    "sts.chinacloudapi.cn",
];

/// Whether the claims are a Microsoft Entra token's: `iss` on one of Microsoft's issuer hosts,
/// or a `tid` claim (every Entra token names its tenant; a custom authority such as a test
/// double's has no Microsoft host). The decision is oidctl's; README's `decode` section says it.
pub fn is_microsoft(claims: &IndexMap<String, Exact>) -> bool {
    if claims.contains_key("tid") {
        return true;
    }
    let Some(iss) = claims.get("iss").and_then(Exact::as_str) else {
        return false;
    };
    let Some(rest) = iss.strip_prefix("https://") else {
        return false;
    };
    let host = rest.split(['/', ':']).next().unwrap_or_default();
    MICROSOFT_ISSUER_HOSTS
        .iter()
        .any(|h| host.eq_ignore_ascii_case(h))
}

/// The note for `name` with `value`, given the other claims (some notes depend on `ver`, and
/// on whether the token is Microsoft's).
pub fn note(name: &str, value: &Exact, claims: &IndexMap<String, Exact>) -> Option<String> {
    if is_microsoft(claims)
        && let Some(text) = microsoft_note(name, value, claims)
    {
        return Some(text);
    }
    let text = match name {
        "iss" => "issuer: who made and signed the token",
        "sub" => "subject: the user or client, unique within the issuer",
        "aud" => "audience: who must accept the token",
        "exp" => "expires",
        "nbf" => "not valid before",
        "iat" => "issued at",
        "auth_time" => "when the user last authenticated",
        "jti" => "token ID, unique per token",
        "azp" => "authorized party: the client the token was issued to",
        "nonce" => "echoes the sign-in request's nonce (replay protection)",
        "at_hash" => "hash of the access token issued with this ID token",
        "c_hash" => "hash of the authorization code issued with this ID token",
        "sid" => "session ID at the provider",
        "scope" => "scopes granted, space-separated",
        "scp" => "scopes granted",
        "roles" => "roles granted to the user or client",
        "groups" => "groups the user belongs to, as the issuer names them",
        "_claim_names" | "_claim_sources" => {
            "aggregated or distributed claims (OpenID Connect Core 5.6.2): claims kept elsewhere"
        }
        "amr" => return Some(amr(value)),
        "acr" => "authentication context class: how strongly the user was authenticated",
        "cnf" => {
            "confirmation (RFC 7800): the token is bound to a key (DPoP jkt, mTLS x5t#S256); \
             only the key's holder may use it"
        }
        "preferred_username" => "display username (may change; do not use as a key)",
        "email" => "email address (verify email_verified before trusting it)",
        "client_id" => "client the token was issued to",
        "idp" => "identity provider that authenticated the user",
        "ver" => "token version",
        _ => return None,
    };
    Some(text.to_string())
}

/// What a claim means in a Microsoft Entra token, where that differs from (or adds to) the
/// generic meaning; `None`: the generic note stands.
fn microsoft_note(name: &str, value: &Exact, claims: &IndexMap<String, Exact>) -> Option<String> {
    let ver = claims.get("ver").and_then(Exact::as_str);
    let s = value.as_str();
    let text = match name {
        "iss"
            if s.as_deref()
                .is_some_and(|i| i.starts_with("https://sts.windows.net/")) =>
        {
            "issuer: Microsoft Entra v1.0 token (tenant in the path)"
        }
        // v1 tokens carry `appid`; v2 tokens `azp`. Point readers of one at the other.
        "azp" if ver.as_deref() == Some("1.0") => {
            "authorized party: the client the token was issued to (unusual in a v1.0 token)"
        }
        "appid" => "client (application) ID that requested the token; v2.0 tokens call it azp",
        "groups" => {
            "group object IDs the user belongs to; past Microsoft's limit the token carries the \
             overage claim (_claim_names) instead"
        }
        "scp" => {
            "delegated permissions (scopes), space-separated: the app acts for the signed-in user"
        }
        "roles" => {
            "app roles: assigned to the user, or application permissions when no user is present"
        }
        "wids" => "Microsoft Entra directory role template IDs held by the user",
        "tid" => "Microsoft Entra tenant ID (directory the user signed in to)",
        "oid" => "object ID of the user or service principal, stable across apps in the tenant",
        "ver" if s.as_deref() == Some("1.0") => {
            "token version 1.0: v1 claims (appid, upn, unique_name); chosen by the API, not the endpoint"
        }
        "ver" if s.as_deref() == Some("2.0") => {
            "token version 2.0: v2 claims (azp, preferred_username); chosen by the API, not the endpoint"
        }
        "idtyp" if s.as_deref() == Some("app") => "identity type: app-only token (no user)",
        "idtyp" if s.as_deref() == Some("user") => "identity type: a user is present",
        "idtyp" => "identity type: app or user",
        "xms_cc" => "client capabilities, e.g. cp1: the client can handle claims challenges (CAE)",
        "_claim_names" | "_claim_sources" => {
            "group overage: too many groups for the token; fetch them from Microsoft Graph"
        }
        "upn" | "unique_name" => "user principal name (may change; do not use as a key)",
        "azpacr" | "appidacr" if s.as_deref() == Some("0") => {
            "how the client authenticated: 0, a public client (no credential)"
        }
        "azpacr" | "appidacr" if s.as_deref() == Some("1") => {
            "how the client authenticated: 1, with a client secret"
        }
        "azpacr" | "appidacr" if s.as_deref() == Some("2") => {
            "how the client authenticated: 2, with a certificate"
        }
        "azpacr" | "appidacr" => "how the client authenticated (0 public, 1 secret, 2 certificate)",
        "hasgroups" => {
            "the user is in too many groups even for an overage claim: ask Microsoft Graph"
        }
        "idp" => {
            "identity provider that authenticated the user (another tenant, or a personal Microsoft account)"
        }
        "uti" => "Microsoft internal token ID",
        "rh" => "Microsoft internal claim, for token revalidation",
        _ => return None,
    };
    Some(text.to_string())
}

fn amr(value: &Exact) -> String {
    let methods: Vec<String> = match value {
        Exact::Array(items) => items.iter().filter_map(Exact::as_str).collect(),
        _ => Vec::new(),
    };
    let known: Vec<&str> = methods
        .iter()
        .filter_map(|m| {
            Some(match m.as_str() {
                "pwd" => "password",
                "mfa" => "multi-factor",
                "otp" => "one-time code",
                "hwk" => "hardware key",
                "swk" => "software key",
                "fido" => "FIDO authenticator",
                "sms" => "SMS",
                "tel" => "phone call",
                "face" | "fpt" | "iris" | "retina" | "vbm" => "biometric",
                "pin" => "PIN",
                "rsa" => "RSA SecurID",
                "kba" => "knowledge question",
                "wia" => "Windows integrated",
                "ngcmfa" => "Windows Hello / passkey MFA",
                "wiaormfa" => "Windows integrated or MFA",
                "fed" => "federated identity provider",
                _ => return None,
            })
        })
        .collect();
    if known.is_empty() {
        "authentication methods used".to_string()
    } else {
        format!("authentication methods used: {}", known.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(json: &str) -> IndexMap<String, Exact> {
        Exact::parse(json).unwrap().as_object().unwrap().clone()
    }

    #[test]
    fn explains_microsoft_claims_by_version() {
        let c = claims(r#"{"tid":"t","ver":"1.0","scp":"a b","amr":["pwd","mfa"],"idtyp":"app"}"#);
        assert!(note("ver", &c["ver"], &c).unwrap().contains("1.0"));
        assert!(note("scp", &c["scp"], &c).unwrap().contains("delegated"));
        assert_eq!(
            note("amr", &c["amr"], &c).unwrap(),
            "authentication methods used: password, multi-factor"
        );
        assert!(note("idtyp", &c["idtyp"], &c).unwrap().contains("app-only"));
        assert!(note("favourite_colour", &c["ver"], &c).is_none());
    }

    #[test]
    fn microsoft_meanings_only_on_microsoft_tokens() {
        let groups = r#""groups":["6f2c-…"],"roles":["admin"],"scp":"read","_claim_names":{"groups":"src1"},"oid":"o""#;
        for iss in [
            "https://login.microsoftonline.com/t/v2.0",
            "https://sts.windows.net/t/",
            "https://LOGIN.microsoftonline.us/t/v2.0",
        ] {
            let c = claims(&format!(r#"{{"iss":"{iss}",{groups}}}"#));
            assert!(is_microsoft(&c), "{iss}");
            let g = note("groups", &c["groups"], &c).unwrap();
            assert!(g.contains("object IDs") && g.contains("overage"), "{g}");
            assert!(
                note("_claim_names", &c["_claim_names"], &c)
                    .unwrap()
                    .contains("overage")
            );
            assert!(note("scp", &c["scp"], &c).unwrap().contains("delegated"));
            assert!(note("oid", &c["oid"], &c).is_some());
        }
        // A custom authority (the fake Entra, a national cloud oidctl does not list): by `tid`.
        let c = claims(&format!(
            r#"{{"iss":"http://127.0.0.1:9/t/v2.0","tid":"t",{groups}}}"#
        ));
        assert!(
            note("groups", &c["groups"], &c)
                .unwrap()
                .contains("object IDs")
        );
        // Anyone else's token: the generic meaning, never Microsoft's.
        for iss in [
            "http://127.0.0.1:8080",
            "https://accounts.google.com",
            "https://login.microsoftonline.com.evil.example/t",
            "https://evil.example/login.microsoftonline.com/",
        ] {
            let c = claims(&format!(r#"{{"iss":"{iss}",{groups}}}"#));
            assert!(!is_microsoft(&c), "{iss}");
            let g = note("groups", &c["groups"], &c).unwrap();
            assert_eq!(g, "groups the user belongs to, as the issuer names them");
            let n = note("_claim_names", &c["_claim_names"], &c).unwrap();
            assert!(
                n.contains("aggregated or distributed") && !n.contains("Graph"),
                "{n}"
            );
            assert!(
                !note("roles", &c["roles"], &c)
                    .unwrap()
                    .contains("app roles")
            );
            assert!(!note("scp", &c["scp"], &c).unwrap().contains("delegated"));
            assert!(note("oid", &c["oid"], &c).is_none());
        }
    }
}
