//! A usable token set for the commands that act with one (`token`, `userinfo`, `call`, `exec`,
//! `exchange`, …). The fast path reads the store and returns: no discovery, no HTTP client, no
//! network. Otherwise one renewal, under the per-profile lock, after re-reading the store
//! (another process may have renewed meanwhile), saved before it is used. A browser sign-in is
//! never started unless the caller passes sign-in options (`--login`): scripts must not open
//! browser tabs. A client credentials profile needs no user, so it signs in by itself.

use crate::base::error::{Error, Kind, Result};
use crate::oidc::Flow;
use crate::oidc::target::Target;
use crate::output::Printer;
use crate::settings::Provider;
use crate::signin::{self, Options};
use crate::store::{self, TokenSet, TokenStore, lock};

/// Which token the caller needs valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Access,
    Id,
    Refresh,
}

/// Renew a token expiring within this many seconds, unless told otherwise (`--min-valid`).
pub const DEFAULT_MIN_VALID: u64 = 60;

/// What the caller needs, and what it may do to get it.
pub struct Need<'o> {
    pub which: Which,
    /// Renew when the token expires within this many seconds; `None`: [`DEFAULT_MIN_VALID`], or
    /// half the token's lifetime when that is shorter, so that a provider's short-lived tokens
    /// (shorter than the margin) are not renewed on every call.
    pub min_valid: Option<u64>,
    /// Sign in through the browser (or the profile's flow) when nothing else works.
    pub login: Option<&'o Options>,
    /// An access token for these scopes, resources or audiences instead of the sign-in's own
    /// (`--scope`, `--resource`, `--audience` on a signed-in profile).
    pub target: Option<Target>,
}

impl Need<'_> {
    pub fn access() -> Self {
        Need {
            which: Which::Access,
            min_valid: None,
            login: None,
            target: None,
        }
    }

    /// An access token for `target` (`None`: the sign-in's own).
    pub fn access_for(target: Option<Target>) -> Self {
        Need {
            target,
            ..Need::access()
        }
    }
}

/// The token set, renewed first when the token `need` names is about to expire. With a
/// target, the set's access token is the one for that target.
pub fn fresh(provider: &Provider, need: &Need<'_>, printer: &Printer) -> Result<TokenSet> {
    if let (Which::Access, Some(wanted)) = (need.which, &need.target) {
        return fresh_for(provider, wanted, need, printer);
    }
    let store = store::open(provider.store)?;
    match load(provider, store.as_ref())? {
        Some(set)
            if usable(
                &set,
                need.which,
                margin(&set, need),
                crate::base::clock::now(),
            ) =>
        {
            Ok(set)
        }
        stored => renew(provider, store.as_ref(), stored, need, false, printer),
    }
}

/// The access token for exactly `wanted`: the one held when it serves and is fresh (no
/// network: the fast path), else one from the refresh token, kept beside the others in the
/// same store entry under the same lock. Without a stored sign-in, one is made first where
/// `need` allows it (`--login`, client credentials).
fn fresh_for(
    provider: &Provider,
    wanted: &Target,
    need: &Need<'_>,
    printer: &Printer,
) -> Result<TokenSet> {
    let entra = provider.client.is_entra();
    let wanted = if entra {
        crate::oidc::entra::target(wanted)?
    } else {
        wanted.clone()
    };
    let store = store::open(provider.store)?;
    let held = |set: &TokenSet| {
        set.for_target(&wanted, entra)
            .filter(|h| usable(h, Which::Access, margin(h, need), crate::base::clock::now()))
    };
    match load(provider, store.as_ref())? {
        Some(set) => {
            if let Some(h) = held(&set) {
                return Ok(h);
            }
        }
        None => {
            let own = Need {
                which: Which::Access,
                min_valid: need.min_valid,
                login: need.login,
                target: None,
            };
            renew(provider, store.as_ref(), None, &own, false, printer)?;
        }
    }
    renew_for(provider, store.as_ref(), &wanted, &held, None)
}

/// A new token for `wanted` under the lock, unless another process got one meanwhile (one that
/// is not `rejected`).
fn renew_for(
    provider: &Provider,
    store: &dyn TokenStore,
    wanted: &Target,
    held: &dyn Fn(&TokenSet) -> Option<TokenSet>,
    rejected: Option<&TokenSet>,
) -> Result<TokenSet> {
    let _lock = lock::acquire(&provider.store_key, lock::WAIT)?;
    let Some(set) = load(provider, store)? else {
        return Err(Error::new(
            Kind::SignInRequired,
            format!("no stored sign-in for {}", label(provider)),
        )
        .with_hint(signin::sign_in_hint(provider)));
    };
    if let Some(h) = held(&set)
        .filter(|h| rejected.is_none_or(|r| r.access_token.secret() != h.access_token.secret()))
    {
        log::info!("another oidctl got the token meanwhile");
        return Ok(h);
    }
    let fetcher = provider.fetcher();
    let (set, entry) = signin::token_for(provider, &fetcher, &set, wanted, &|kept| {
        store.save(&provider.store_key, kept)
    })?;
    // Stored before it is used: a rotated refresh token must not be lost.
    store.save(&provider.store_key, &set)?;
    Ok(set.with_access(&entry))
}

/// The stored set of `provider`, refused when another issuer or client issued it (a profile
/// replaced by hand in the config): every command that sends a stored token reads it here.
pub fn load(provider: &Provider, store: &dyn TokenStore) -> Result<Option<TokenSet>> {
    match store.load(&provider.store_key)? {
        Some(set) if !set.issued_by(&provider.client.issuer, &provider.client.client_id) => {
            Err(foreign(provider, &set))
        }
        other => Ok(other),
    }
}

/// Why a stored set issued elsewhere is not used.
pub fn foreign(provider: &Provider, set: &TokenSet) -> Error {
    Error::new(
        Kind::SignInRequired,
        format!(
            "the stored sign-in for {} was issued by {} to client {}, not by {} to client {}: \
             its tokens are not sent there",
            label(provider),
            set.issuer,
            set.client_id,
            provider.client.issuer,
            provider.client.client_id
        ),
    )
    .with_hint(format!(
        "{} (this replaces it)",
        signin::sign_in_hint(provider)
    ))
}

/// A new access token because `rejected` was refused by an API (a 401) although unexpired;
/// for `target` when it was one for another target.
pub fn renew_rejected(
    provider: &Provider,
    rejected: TokenSet,
    target: Option<&Target>,
    printer: &Printer,
) -> Result<TokenSet> {
    let store = store::open(provider.store)?;
    // The sign-in's own token, when it was the one that served the target, is renewed as such.
    let own = || {
        load(provider, store.as_ref()).is_ok_and(|s| {
            s.is_some_and(|s| s.access_token.secret() == rejected.access_token.secret())
        })
    };
    if let Some(wanted) = target.filter(|_| !own()) {
        let entra = provider.client.is_entra();
        let wanted = if entra {
            crate::oidc::entra::target(wanted)?
        } else {
            wanted.clone()
        };
        let held = |set: &TokenSet| set.for_target(&wanted, entra);
        return renew_for(provider, store.as_ref(), &wanted, &held, Some(&rejected));
    }
    renew(
        provider,
        store.as_ref(),
        Some(rejected),
        &Need::access(),
        true,
        printer,
    )
}

/// A new access token carrying `claims` (an API's `insufficient_claims` challenge, or `token
/// --claims`), replacing the stored one: a refresh with the `claims` parameter (merged with the
/// profile's client capabilities), under the lock [`renew`] takes. Without a refresh token, or
/// when the provider refuses the refresh, a sign-in through the browser with `login` options,
/// else exit 4 with the `oidctl login … --claims '…'` that gets such a token.
pub fn renew_with_claims(
    provider: &Provider,
    claims: &crate::oidc::claims::ClaimsRequest,
    login: Option<&Options>,
    printer: &Printer,
) -> Result<TokenSet> {
    let mut provider = provider.clone();
    provider.client.claims = crate::oidc::claims::merge(provider.client.claims, Some(claims));
    let store = store::open(provider.store)?;
    let fetcher = provider.fetcher();
    let mut refused = None;
    if load(&provider, store.as_ref())?.is_some_and(|s| s.refresh_token.is_some()) {
        let _lock = lock::acquire(&provider.store_key, lock::WAIT)?;
        if let Some(previous) =
            load(&provider, store.as_ref())?.filter(|s| s.refresh_token.is_some())
        {
            log::info!("renewing the access token with a claims request");
            match signin::refresh(&provider, &fetcher, &previous, &|kept| {
                store.save(&provider.store_key, kept)
            }) {
                Ok(set) => {
                    store.save(&provider.store_key, &set)?;
                    return Ok(set);
                }
                Err(e) if matches!(e.kind, Kind::SignInRequired | Kind::Failed) => {
                    refused = Some(e);
                }
                Err(e) => return Err(e),
            }
        }
    }
    if let Some(opts) = login {
        let set = signin::run(&provider, &fetcher, provider.flow, opts, printer)?;
        let _lock = lock::acquire(&provider.store_key, lock::WAIT)?;
        store.save(&provider.store_key, &set)?;
        return Ok(set);
    }
    let mut err = Error::new(
        Kind::SignInRequired,
        format!(
            "a token with the requested claims for {} needs a sign-in{}",
            label(&provider),
            if refused.is_some() {
                ": the provider refused to add them on a refresh"
            } else {
                ": there is no refresh token to ask with"
            }
        ),
    );
    if let Some(e) = refused {
        err = err.caused_by(e.message);
        for c in e.causes {
            err = err.caused_by(c);
        }
    }
    Err(err.with_hint(claims_sign_in_hint(&provider, claims)))
}

/// `sign in with them: oidctl login -p NAME --claims '{…}'`, quoted for a POSIX shell.
pub fn claims_sign_in_hint(
    provider: &Provider,
    claims: &crate::oidc::claims::ClaimsRequest,
) -> String {
    let json = crate::oidc::claims::to_param(claims).replace('\'', r"'\''");
    let login = signin::sign_in_hint(provider);
    let command = login.strip_prefix("sign in: ").unwrap_or(&login);
    format!("sign in with those claims: {command} --claims '{json}'")
}

/// The margin `need` asks of `set`'s token, in seconds.
fn margin(set: &TokenSet, need: &Need<'_>) -> u64 {
    if let Some(explicit) = need.min_valid {
        return explicit;
    }
    let lifetime = match need.which {
        Which::Access => set.expires_at,
        Which::Id => set.id_token_expires_at,
        Which::Refresh => None,
    }
    .map(|exp| exp.saturating_sub(set.obtained_at))
    .filter(|l| *l > 0);
    match lifetime {
        Some(l) => DEFAULT_MIN_VALID.min(l as u64 / 2),
        None => DEFAULT_MIN_VALID,
    }
}

pub fn usable(set: &TokenSet, which: Which, min_valid: u64, now: i64) -> bool {
    match which {
        Which::Access => set.fresh_for(min_valid, now),
        Which::Id => {
            set.id_token.is_some()
                && set
                    .id_token_expires_at
                    .is_none_or(|exp| exp - now > min_valid as i64)
        }
        Which::Refresh => set.refresh_token.is_some(),
    }
}

fn renew(
    provider: &Provider,
    store: &dyn TokenStore,
    stored: Option<TokenSet>,
    need: &Need<'_>,
    force: bool,
    printer: &Printer,
) -> Result<TokenSet> {
    let fetcher = provider.fetcher();
    let which = need.which;
    let unattended = provider.flow == Flow::ClientCredentials
        || stored
            .as_ref()
            .is_some_and(|s| s.flow == Flow::ClientCredentials);
    let can_renew =
        which != Which::Refresh && (unattended || stored.as_ref().is_some_and(signin::renewable));
    if can_renew {
        let _lock = lock::acquire(&provider.store_key, lock::WAIT)?;
        // Another process may have renewed while this one waited for the lock. Its token is
        // as fresh as the provider gives (when the provider's lifetime is shorter than
        // min_valid, renewing again would not do better): use it while it is unexpired.
        let current = load(provider, store)?;
        let seen = stored.as_ref().map(|s| s.access_token.secret());
        if let Some(set) = current.as_ref().filter(|s| {
            let changed = Some(s.access_token.secret()) != seen;
            (!force && usable(s, which, margin(s, need), crate::base::clock::now()))
                || (changed && usable(s, which, 0, crate::base::clock::now()))
        }) {
            log::info!("another oidctl renewed the token meanwhile");
            return Ok(set.clone());
        }
        let renewed = match current.filter(signin::renewable) {
            Some(previous) => {
                log::info!("renewing the access token");
                signin::refresh(provider, &fetcher, &previous, &|kept| {
                    store.save(&provider.store_key, kept)
                })
            }
            None => {
                log::info!("signing in with the client credentials grant");
                let conn = crate::oidc::tokens::Connection::open(&provider.client, &fetcher)?;
                signin::client_credentials(&conn)
            }
        };
        match renewed {
            Ok(set) => {
                // Stored before anything else: a rotated refresh token must not be lost (and
                // signin::refresh has already kept it before checking the new ID token).
                store.save(&provider.store_key, &set)?;
                return Ok(set);
            }
            Err(e) if e.kind == Kind::SignInRequired && need.login.is_some() && !unattended => {
                printer.warn(&format!("{}; signing in again", e.message));
            }
            Err(e) => return Err(e),
        }
    }
    let Some(opts) = need.login else {
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
            "{} (or pass --login to let oidctl open the browser)",
            signin::sign_in_hint(provider)
        )));
    };
    let set = signin::run(provider, &fetcher, provider.flow, opts, printer)?;
    let _lock = lock::acquire(&provider.store_key, lock::WAIT)?;
    store.save(&provider.store_key, &set)?;
    Ok(set)
}

fn label(provider: &Provider) -> String {
    match store::profile_of(&provider.store_key) {
        Some(name) => format!("profile {name:?}"),
        None => provider.client.issuer.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_margin_is_at_most_half_the_lifetime() {
        let mut set = crate::store::sample(1);
        set.obtained_at = 1_000;
        set.expires_at = Some(1_030);
        let default = Need::access();
        assert_eq!(
            margin(&set, &default),
            15,
            "30 s tokens: renewed in their last 15 s"
        );
        set.expires_at = Some(1_000 + 3_600);
        assert_eq!(margin(&set, &default), DEFAULT_MIN_VALID);
        let explicit = Need {
            min_valid: Some(600),
            ..Need::access()
        };
        assert_eq!(
            margin(&set, &explicit),
            600,
            "an explicit margin is honoured as given"
        );
        set.expires_at = None;
        assert_eq!(margin(&set, &default), DEFAULT_MIN_VALID);
    }

    #[test]
    fn freshness() {
        let set = crate::store::sample(1);
        assert!(usable(&set, Which::Access, 60, 2_000_000_000 - 61));
        assert!(!usable(&set, Which::Access, 60, 2_000_000_000 - 59));
        assert!(usable(&set, Which::Refresh, 60, i64::MAX));
    }
}
