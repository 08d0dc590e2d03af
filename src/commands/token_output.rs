//! How a token is printed: raw, as an Authorization header, as JSON facts, as `export` lines for
//! `eval`, or as the ExecCredential kubectl's exec plugin reads. Shared by `token` and `exchange`.

use serde_json::json;

use crate::cli::TokenFormat;
use crate::jwt::time;
use crate::session::Which;
use crate::store::TokenSet;

pub fn render(set: &TokenSet, which: Which, format: TokenFormat) -> String {
    let (token, expires_at, env_name, kind) = match which {
        Which::Access => (
            set.access_token.secret().as_str(),
            set.expires_at,
            "OIDCTL_ACCESS_TOKEN",
            "access_token",
        ),
        Which::Id => (
            set.id_token
                .as_ref()
                .map(|t| t.secret())
                .unwrap_or_default(),
            set.id_token_expires_at,
            "OIDCTL_ID_TOKEN",
            "id_token",
        ),
        Which::Refresh => (
            set.refresh_token
                .as_ref()
                .map(|t| t.secret().as_str())
                .unwrap_or_default(),
            None,
            "OIDCTL_REFRESH_TOKEN",
            "refresh_token",
        ),
    };
    let rfc3339 = |ts: i64| time::utc(ts as f64);
    match format {
        TokenFormat::Raw => format!("{token}\n"),
        TokenFormat::Header => format!("Authorization: Bearer {token}\n"),
        TokenFormat::Json => {
            let now = crate::base::clock::now();
            let doc = json!({
                "token": token,
                "kind": kind,
                "token_type": set.token_type,
                "expires_at": expires_at.and_then(rfc3339),
                "expires_in": expires_at.map(|e| e - now),
                "scopes": set.scopes,
                // A sign-in for several resources asked its own token for none of them.
                "resource": match set.target.resource.len() {
                    0 | 1 => set.target.resource.clone(),
                    _ => Vec::new(),
                },
                "audience": set.target.audience,
                "issuer": set.issuer,
                "subject": set.subject,
            });
            serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
        }
        TokenFormat::Env => {
            let mut out = format!("export {env_name}={}\n", shell_quote(token));
            if which == Which::Access
                && let Some(id) = &set.id_token
            {
                out.push_str(&format!(
                    "export OIDCTL_ID_TOKEN={}\n",
                    shell_quote(id.secret())
                ));
            }
            out
        }
        TokenFormat::ExecCredential => {
            let mut status = json!({ "token": token });
            if let Some(ts) = expires_at.and_then(rfc3339) {
                status["expirationTimestamp"] = ts.into();
            }
            let doc = json!({
                "apiVersion": "client.authentication.k8s.io/v1",
                "kind": "ExecCredential",
                "status": status,
            });
            serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
        }
    }
}

/// Single-quotes for POSIX shells: `'` becomes `'\''`.
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let set = crate::store::sample(1);
        assert_eq!(render(&set, Which::Access, TokenFormat::Raw), "at-x\n");
        assert_eq!(
            render(&set, Which::Access, TokenFormat::Header),
            "Authorization: Bearer at-x\n"
        );
        assert_eq!(
            render(&set, Which::Access, TokenFormat::Env),
            "export OIDCTL_ACCESS_TOKEN='at-x'\nexport OIDCTL_ID_TOKEN='id'\n"
        );
        let cred: serde_json::Value =
            serde_json::from_str(&render(&set, Which::Access, TokenFormat::ExecCredential))
                .unwrap();
        assert_eq!(cred["kind"], "ExecCredential");
        assert_eq!(
            cred["status"]["expirationTimestamp"],
            "2033-05-18T03:33:20Z"
        );
        assert_eq!(shell_quote("a'b"), "'a'\\''b'");
    }
}
