//! `oidctl revoke`: RFC 7009 revocation of a given token, or of a stored one, which is then
//! dropped from the store so no later command uses it.

use serde_json::json;

use crate::base::error::{Error, Kind, Result};
use crate::cli::{Format, GlobalArgs, RevokeArgs};
use crate::oidc::introspect;
use crate::oidc::tokens::Connection;
use crate::output::{Printer, Style};
use crate::settings::{self, Context};
use crate::store::{self, lock};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Stored {
    Access,
    Refresh,
}

pub fn run(global: &GlobalArgs, args: &RevokeArgs, printer: &Printer) -> Result<()> {
    let ctx = Context::load(global)?;
    let provider = settings::provider(&args.provider(), &ctx)?;
    let fetcher = provider.fetcher();
    let conn = Connection::open(&provider.client, &fetcher)?;
    if let Some(arg) = &args.token {
        let token = crate::commands::input::token(Some(arg), "revoke", printer)?;
        let token = crate::jwt::token::clean(&token);
        introspect::revoke(&conn, token, args.token_type_hint.as_deref())?;
        forget(&provider, token, printer);
        return report(
            printer,
            args.format,
            "the token",
            args.token_type_hint.as_deref(),
        );
    }
    let store = store::open(provider.store)?;
    let _lock = lock::acquire(&provider.store_key, lock::WAIT)?;
    let mut set = crate::session::load(&provider, store.as_ref())?.ok_or_else(|| {
        Error::new(Kind::SignInRequired, "no stored sign-in: nothing to revoke")
            .with_hint("pass the token to revoke, or sign in first")
    })?;
    let which = if args.access_token {
        Stored::Access
    } else if args.refresh_token || set.refresh_token.is_some() {
        Stored::Refresh
    } else {
        Stored::Access
    };
    let (token, hint, what) = match which {
        Stored::Refresh => (
            set.refresh_token
                .as_ref()
                .ok_or_else(|| Error::failed("the stored sign-in has no refresh token"))?
                .secret()
                .clone(),
            "refresh_token",
            "the stored refresh token",
        ),
        Stored::Access => (
            set.access_token.secret().clone(),
            "access_token",
            "the stored access token",
        ),
    };
    let hint = args.token_type_hint.as_deref().unwrap_or(hint);
    introspect::revoke(&conn, &token, Some(hint))?;
    // The revoked token must not be used again. Revoking the refresh token ends the sign-in at
    // most providers (RFC 7009 §2.1: its access tokens may go too), so the whole set goes; a
    // revoked access token is marked so, and the next `oidctl token` renews it.
    report(printer, args.format, what, Some(hint))?;
    match which {
        Stored::Refresh => {
            store.delete(&provider.store_key)?;
            store::adhoc::remove(&provider.store_key);
            printer.info(&format!(
                "The sign-in has ended: deleted the stored tokens from {}.",
                store.describe()
            ));
        }
        Stored::Access => {
            set.access_revoked = true;
            store.save(&provider.store_key, &set)?;
        }
    }
    Ok(())
}

/// A token given on the command line that is one of the stored ones: the store forgets it
/// too, as when it is revoked by name (`--access-token`, `--refresh-token`).
fn forget(provider: &settings::Provider, token: &str, printer: &Printer) {
    let Ok(store) = store::open(provider.store) else {
        return;
    };
    let Ok(_lock) = lock::acquire(&provider.store_key, lock::WAIT) else {
        return;
    };
    let Ok(Some(mut set)) = crate::session::load(provider, store.as_ref()) else {
        return;
    };
    if set
        .refresh_token
        .as_ref()
        .is_some_and(|rt| rt.secret() == token)
    {
        if store.delete(&provider.store_key).is_ok() {
            store::adhoc::remove(&provider.store_key);
            printer.info("It was the stored refresh token: deleted the stored sign-in.");
        }
    } else if set.access_token.secret() == token {
        set.access_revoked = true;
        let _ = store.save(&provider.store_key, &set);
    }
}

fn report(printer: &Printer, format: Format, what: &str, hint: Option<&str>) -> Result<()> {
    match format {
        Format::Json => printer.out(
            &(serde_json::to_string_pretty(&json!({ "revoked": true, "token_type_hint": hint }))
                .unwrap_or_default()
                + "\n"),
        )?,
        Format::Human => printer.info(&format!(
            "{} {what} at the provider.",
            printer.paint_err("Revoked", Style::Good)
        )),
    }
    Ok(())
}
