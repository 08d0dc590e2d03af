//! Short notes on claims a reader may not know, shown beside them by `decode`. The notes are
//! about meaning, not validity: nothing here is a check.

use indexmap::IndexMap;

use super::json::Exact;

/// The note for `name` with `value`, given the other claims (some notes depend on `ver`).
pub fn note(name: &str, value: &Exact, claims: &IndexMap<String, Exact>) -> Option<String> {
    let ver = claims.get("ver").and_then(Exact::as_str);
    let s = value.as_str();
    let text = match name {
        "iss"
            if s.as_deref()
                .is_some_and(|i| i.starts_with("https://sts.windows.net/")) =>
        {
            "issuer: Microsoft Entra v1.0 token (tenant in the path)"
        }
        "iss" => "issuer: who made and signed the token",
        "sub" => "subject: the user or client, unique within the issuer",
        "aud" => "audience: who must accept the token",
        "exp" => "expires",
        "nbf" => "not valid before",
        "iat" => "issued at",
        "auth_time" => "when the user last authenticated",
        "jti" => "token ID, unique per token",
        "azp" => "authorized party: the client the token was issued to",
        "appid" => "client (application) ID that requested the token; v2.0 tokens call it azp",
        "nonce" => "echoes the sign-in request's nonce (replay protection)",
        "at_hash" => "hash of the access token issued with this ID token",
        "c_hash" => "hash of the authorization code issued with this ID token",
        "sid" => "session ID at the provider",
        "scp" => {
            "delegated permissions (scopes), space-separated: the app acts for the signed-in user"
        }
        "scope" => "scopes granted, space-separated",
        "roles" => {
            "app roles: assigned to the user, or application permissions when no user is present"
        }
        "groups" => "group object IDs the user belongs to",
        "wids" => "Microsoft Entra directory role template IDs held by the user",
        "tid" => "Microsoft Entra tenant ID (directory the user signed in to)",
        "oid" => "object ID of the user or service principal, stable across apps in the tenant",
        "ver" if s.as_deref() == Some("1.0") => {
            "token version 1.0: v1 claims (appid, upn, unique_name); chosen by the API, not the endpoint"
        }
        "ver" if s.as_deref() == Some("2.0") => {
            "token version 2.0: v2 claims (azp, preferred_username); chosen by the API, not the endpoint"
        }
        "ver" => "token version",
        "idtyp" if s.as_deref() == Some("app") => "identity type: app-only token (no user)",
        "idtyp" if s.as_deref() == Some("user") => "identity type: a user is present",
        "idtyp" => "identity type: app or user",
        "xms_cc" => "client capabilities, e.g. cp1: the client can handle claims challenges (CAE)",
        "_claim_names" | "_claim_sources" => {
            "group overage: too many groups for the token; fetch them from Microsoft Graph"
        }
        "amr" => return Some(amr(value)),
        "acr" => "authentication context class: how strongly the user was authenticated",
        "cnf" => {
            "confirmation (RFC 7800): the token is bound to a key (DPoP jkt, mTLS x5t#S256); \
             only the key's holder may use it"
        }
        "upn" | "unique_name" => "user principal name (may change; do not use as a key)",
        "preferred_username" => "display username (may change; do not use as a key)",
        "email" => "email address (verify email_verified before trusting it)",
        "client_id" => "client the token was issued to",
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
    // v1 tokens carry `appid`; v2 tokens `azp`. Point readers of one at the other.
    if name == "azp" && ver.as_deref() == Some("1.0") {
        return Some(format!("{text} (unusual in a v1.0 token)"));
    }
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
        let c = claims(r#"{"ver":"1.0","scp":"a b","amr":["pwd","mfa"],"idtyp":"app"}"#);
        assert!(note("ver", &c["ver"], &c).unwrap().contains("1.0"));
        assert!(note("scp", &c["scp"], &c).unwrap().contains("delegated"));
        assert_eq!(
            note("amr", &c["amr"], &c).unwrap(),
            "authentication methods used: password, multi-factor"
        );
        assert!(note("idtyp", &c["idtyp"], &c).unwrap().contains("app-only"));
        assert!(note("favourite_colour", &c["ver"], &c).is_none());
    }
}
