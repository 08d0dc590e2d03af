//! `oidctl logout`: revoke the refresh token where the provider offers RFC 7009, delete the
//! stored set, and with `--end-session` open the provider's end_session_endpoint.

use crate::base::error::Result;
use crate::cli::{GlobalArgs, LogoutArgs};
use crate::oidc::tokens::Connection;
use crate::output::{Printer, Style};
use crate::settings::{self, Context};
use crate::store::{self, lock};

pub fn run(global: &GlobalArgs, args: &LogoutArgs, printer: &Printer) -> Result<()> {
    let ctx = Context::load(global)?;
    let provider = settings::provider(&args.provider, &ctx)?;
    let store = store::open(provider.store)?;
    let _lock = lock::acquire(&provider.store_key, lock::WAIT)?;
    let Some(set) = store.load(&provider.store_key)? else {
        printer.info("Not signed in: there were no stored tokens.");
        return Ok(());
    };
    // A set another issuer or client issued is not sent to this one, not even to revoke it:
    // it is only deleted.
    if !set.issued_by(&provider.client.issuer, &provider.client.client_id) {
        printer.warn(&format!(
            "the stored tokens were issued by {} to client {}, so they were not revoked at {}",
            set.issuer, set.client_id, provider.client.issuer
        ));
        store.delete(&provider.store_key)?;
        printer.info(&format!(
            "{}: deleted the stored tokens from {}.",
            printer.paint_err("Signed out", Style::Good),
            store.describe()
        ));
        return Ok(());
    }
    let fetcher = provider.fetcher();
    let conn = match Connection::open(&provider.client, &fetcher) {
        Ok(c) => Some(c),
        Err(e) => {
            printer.warn(&format!(
                "could not reach the provider, so nothing was revoked there: {}",
                e.message
            ));
            None
        }
    };
    if let (Some(rt), Some(conn)) = (&set.refresh_token, &conn) {
        match &conn.endpoints.revocation {
            Some(_) => match crate::oidc::introspect::revoke(conn, rt.secret(), Some("refresh_token")) {
                Ok(()) => printer.info("Revoked the refresh token at the provider."),
                Err(e) => printer.warn(&format!("the refresh token was not revoked: {}", e.message)),
            },
            None => printer.info("The provider offers no revocation endpoint; the refresh token stays valid there until it expires."),
        }
    }
    let endpoints = conn.map(|c| c.endpoints);
    store.delete(&provider.store_key)?;
    store::adhoc::remove(&provider.store_key);
    // The access tokens for other APIs were in the same entry: gone with it.
    let others = match set.extra.len() {
        0 => String::new(),
        1 => " (with the access token for another API)".into(),
        n => format!(" (with the access tokens for {n} other APIs)"),
    };
    printer.info(&format!(
        "{}: deleted the stored tokens{others} from {}.",
        printer.paint_err("Signed out", Style::Good),
        store.describe()
    ));
    if args.end_session {
        let Some(end) = endpoints.as_ref().and_then(|e| e.end_session.clone()) else {
            printer.warn(
                "the provider has no end_session_endpoint; its browser session stays signed in",
            );
            return Ok(());
        };
        let mut url = reqwest::Url::parse(&end).map_err(|e| {
            crate::base::error::Error::failed("invalid end_session_endpoint").caused_by(e)
        })?;
        url.query_pairs_mut()
            .append_pair("client_id", &provider.client.client_id);
        let mut with_hint = url.clone();
        if let Some(id) = &set.id_token {
            with_hint
                .query_pairs_mut()
                .append_pair("id_token_hint", id.secret());
        }
        // The URL with id_token_hint goes to the browser only: it carries a token, so the one
        // printed for people leaves it out (the provider then asks which session to end).
        if args.no_browser || crate::net::browser::open(with_hint.as_str()).is_err() {
            printer.notice(&format!(
                "To end the browser session at the provider, open:\n  {url}"
            ));
        } else {
            printer.info("Opened the provider's sign-out page in your browser.");
        }
    }
    Ok(())
}
