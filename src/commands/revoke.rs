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
    let provider = settings::provider(&args.provider, &ctx)?;
    let fetcher = provider.fetcher();
    let conn = Connection::open(&provider.client, &fetcher)?;
    if let Some(arg) = &args.token {
        let token = crate::commands::input::token(Some(arg), printer)?;
        let token = crate::jwt::token::clean(&token);
        introspect::revoke(&conn, token, args.token_type_hint.as_deref())?;
        return report(
            printer,
            args.format,
            "the token",
            args.token_type_hint.as_deref(),
        );
    }
    let store = store::open(provider.store)?;
    let _lock = lock::acquire(&provider.store_key, lock::WAIT)?;
    let mut set = store.load(&provider.store_key)?.ok_or_else(|| {
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
    // The revoked token must not be used again: a refresh token is dropped; an access token is
    // marked expired, so the next `oidctl token` renews it.
    match which {
        Stored::Refresh => set.refresh_token = None,
        Stored::Access => set.expires_at = Some(0),
    }
    store.save(&provider.store_key, &set)?;
    report(printer, args.format, what, Some(hint))
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
