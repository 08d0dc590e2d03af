//! `oidctl token`: a valid access (or ID, or refresh) token on stdout. The fast path reads the
//! store and prints: no discovery, no HTTP client, no network. Otherwise one refresh, under the
//! per-profile lock, after re-reading the store (another process may have refreshed already).
//! A sign-in is never started unless `--login` says so: scripts must not open browser tabs.

use std::time::Duration;

use serde_json::json;

use crate::cli::{GlobalArgs, TokenArgs, TokenFormat};
use crate::error::{Error, Kind, Result};
use crate::http::{Fetcher, default_cache_dir};
use crate::jwt::time;
use crate::output::Printer;
use crate::settings::{self, Context, Provider};
use crate::signin::{self, Options};
use crate::store::{self, TokenSet, TokenStore, lock};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Which {
    Access,
    Id,
    Refresh,
}

pub fn run(global: &GlobalArgs, args: &TokenArgs, printer: &Printer) -> Result<()> {
    let ctx = Context::load(global)?;
    let provider = settings::provider(&args.provider, &ctx)?;
    let store = store::open(provider.store)?;
    let which = if args.id_token {
        Which::Id
    } else if args.refresh_token {
        Which::Refresh
    } else {
        Which::Access
    };
    let set = match store.load(&provider.store_key)? {
        Some(set) if usable(&set, which, args.min_valid, time::now()) => set,
        stored => renew(&provider, store.as_ref(), stored, which, args, printer)?,
    };
    printer.out(&render(&set, which, args.format)?)?;
    Ok(())
}

fn usable(set: &TokenSet, which: Which, min_valid: u64, now: i64) -> bool {
    match which {
        Which::Access => set.fresh_for(min_valid, now),
        Which::Id => {
            set.id_token.is_some()
                && set
                    .id_token_expires_at
                    .is_none_or(|exp| exp - now >= min_valid as i64)
        }
        Which::Refresh => set.refresh_token.is_some(),
    }
}

fn renew(
    provider: &Provider,
    store: &dyn TokenStore,
    stored: Option<TokenSet>,
    which: Which,
    args: &TokenArgs,
    printer: &Printer,
) -> Result<TokenSet> {
    let fetcher = Fetcher::new(default_cache_dir(), printer).with_ca_file(provider.ca_file.clone());
    let can_refresh =
        stored.as_ref().is_some_and(|s| s.refresh_token.is_some()) && which != Which::Refresh;
    if can_refresh {
        let _lock = lock::acquire(&provider.store_key, lock::WAIT)?;
        // Another process may have refreshed while this one waited for the lock. Its token is
        // as fresh as the provider gives (when the provider's lifetime is shorter than
        // --min-valid, a second refresh would not do better): use it while it is unexpired.
        let current = store.load(&provider.store_key)?;
        let seen = stored.as_ref().map(|s| s.access_token.secret());
        if let Some(set) = current.as_ref().filter(|s| {
            let changed = Some(s.access_token.secret()) != seen;
            usable(s, which, args.min_valid, time::now())
                || (changed && usable(s, which, 0, time::now()))
        }) {
            printer.log(1, "another oidctl refreshed the token meanwhile");
            return Ok(set.clone());
        }
        if let Some(previous) = current.filter(|s| s.refresh_token.is_some()) {
            printer.log(1, "refreshing the access token");
            match signin::refresh(provider, &fetcher, &previous) {
                Ok(set) => {
                    // Stored before anything else: a rotated refresh token must not be lost.
                    store.save(&provider.store_key, &set)?;
                    return Ok(set);
                }
                Err(e) if e.kind == Kind::SignInRequired && args.login => {
                    printer.warn(&format!("{}; signing in again", e.message));
                }
                Err(e) => return Err(e),
            }
        }
    }
    if !args.login {
        let what = match (&stored, which) {
            (None, _) => "no stored sign-in",
            (Some(_), Which::Refresh) => "the stored sign-in has no refresh token",
            (Some(_), _) => "the stored token has expired and cannot be refreshed",
        };
        return Err(Error::new(
            Kind::SignInRequired,
            format!("{what} for {}", label(provider)),
        )
        .with_hint(format!(
            "{} (or pass --login to let oidctl token open the browser)",
            signin::sign_in_hint(provider)
        )));
    }
    let opts = Options {
        no_browser: false,
        timeout: Duration::from_secs(args.timeout),
        prompt: None,
        login_hint: None,
    };
    let set = signin::run(provider, &fetcher, &opts, printer)?;
    let _lock = lock::acquire(&provider.store_key, lock::WAIT)?;
    store.save(&provider.store_key, &set)?;
    Ok(set)
}

fn label(provider: &Provider) -> String {
    match store::profile_of(&provider.store_key) {
        Some(name) => format!("profile {name:?}"),
        None => provider.issuer.clone(),
    }
}

fn render(set: &TokenSet, which: Which, format: TokenFormat) -> Result<String> {
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
    Ok(match format {
        TokenFormat::Raw => format!("{token}\n"),
        TokenFormat::Header => format!("Authorization: Bearer {token}\n"),
        TokenFormat::Json => {
            let now = time::now();
            let doc = json!({
                "token": token,
                "kind": kind,
                "token_type": set.token_type,
                "expires_at": expires_at.and_then(rfc3339),
                "expires_in": expires_at.map(|e| e - now),
                "scopes": set.scopes,
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
    })
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
        assert_eq!(
            render(&set, Which::Access, TokenFormat::Raw).unwrap(),
            "at-x\n"
        );
        assert_eq!(
            render(&set, Which::Access, TokenFormat::Header).unwrap(),
            "Authorization: Bearer at-x\n"
        );
        assert_eq!(
            render(&set, Which::Access, TokenFormat::Env).unwrap(),
            "export OIDCTL_ACCESS_TOKEN='at-x'\nexport OIDCTL_ID_TOKEN='id'\n"
        );
        let cred: serde_json::Value = serde_json::from_str(
            &render(&set, Which::Access, TokenFormat::ExecCredential).unwrap(),
        )
        .unwrap();
        assert_eq!(cred["kind"], "ExecCredential");
        assert_eq!(
            cred["status"]["expirationTimestamp"],
            "2033-05-18T03:33:20Z"
        );
        assert_eq!(shell_quote("a'b"), "'a'\\''b'");
    }

    #[test]
    fn freshness() {
        let set = crate::store::sample(1);
        assert!(usable(&set, Which::Access, 60, 2_000_000_000 - 61));
        assert!(!usable(&set, Which::Access, 60, 2_000_000_000 - 59));
        assert!(usable(&set, Which::Refresh, 60, i64::MAX));
    }
}
