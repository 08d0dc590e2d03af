//! `oidctl logout`: revoke the refresh token where the provider offers RFC 7009, delete the
//! stored set, and with `--end-session` open the provider's end_session_endpoint.

use serde::Serialize;

use crate::base::error::Result;
use crate::cli::{Format, GlobalArgs, LogoutArgs};
use crate::oidc::tokens::Connection;
use crate::output::{Printer, Style};
use crate::settings::{self, Context};
use crate::store::{self, lock};

/// What `--format json` prints: what was done, never a token.
#[derive(Serialize)]
struct Report {
    profile: Option<String>,
    issuer: String,
    client_id: String,
    store: &'static str,
    /// Whether there was a stored sign-in to end.
    signed_in: bool,
    /// The stored tokens were deleted.
    deleted: bool,
    /// The tokens revoked at the provider (`refresh_token`), none when it could not be done.
    revoked: Vec<&'static str>,
    /// Why a stored refresh token was not revoked.
    #[serde(skip_serializing_if = "Option::is_none")]
    not_revoked: Option<String>,
    /// With --end-session: `opened` (in the browser), `printed` (the URL, on stderr) or
    /// `unsupported` (the provider has no end_session_endpoint).
    #[serde(skip_serializing_if = "Option::is_none")]
    end_session: Option<&'static str>,
}

pub fn run(global: &GlobalArgs, args: &LogoutArgs, printer: &Printer) -> Result<()> {
    let ctx = Context::load(global)?;
    let provider = settings::provider(&args.provider(), &ctx)?;
    let store = store::open(provider.store)?;
    let _lock = lock::acquire(&provider.store_key, lock::WAIT)?;
    let mut report = Report {
        profile: store::profile_of(&provider.store_key).map(str::to_string),
        issuer: provider.client.issuer.clone(),
        client_id: provider.client.client_id.clone(),
        store: provider.store.name(),
        signed_in: false,
        deleted: false,
        revoked: Vec::new(),
        not_revoked: None,
        end_session: None,
    };
    let done = |report: &Report| -> Result<()> {
        if args.format == Format::Json {
            printer.out(&(serde_json::to_string_pretty(report).unwrap_or_default() + "\n"))?;
        }
        Ok(())
    };
    let Some(set) = store.load(&provider.store_key)? else {
        printer.info("Not signed in: there were no stored tokens.");
        return done(&report);
    };
    report.signed_in = true;
    // A set another issuer or client issued is not sent to this one, not even to revoke it:
    // it is only deleted.
    if !set.issued_by(&provider.client.issuer, &provider.client.client_id) {
        let why = format!(
            "the stored tokens were issued by {} to client {}, so they were not revoked at {}",
            set.issuer, set.client_id, provider.client.issuer
        );
        printer.warn(&why);
        store.delete(&provider.store_key)?;
        report.deleted = true;
        report.not_revoked = Some(why);
        printer.info(&format!(
            "{}: deleted the stored tokens from {}.",
            printer.paint_err("Signed out", Style::Good),
            store.describe()
        ));
        return done(&report);
    }
    let fetcher = provider.fetcher();
    let conn = match Connection::open(&provider.client, &fetcher) {
        Ok(c) => Some(c),
        Err(e) => {
            printer.warn(&format!(
                "could not reach the provider, so nothing was revoked there: {}",
                e.message
            ));
            report.not_revoked = Some(format!("the provider was not reached: {}", e.message));
            None
        }
    };
    if let (Some(rt), Some(conn)) = (&set.refresh_token, &conn) {
        match &conn.endpoints.revocation {
            Some(_) => {
                match crate::oidc::introspect::revoke(conn, rt.secret(), Some("refresh_token")) {
                    Ok(()) => {
                        printer.info("Revoked the refresh token at the provider.");
                        report.revoked.push("refresh_token");
                    }
                    Err(e) => {
                        printer.warn(&format!("the refresh token was not revoked: {}", e.message));
                        report.not_revoked = Some(e.message.clone());
                    }
                }
            }
            None => {
                printer.info("The provider offers no revocation endpoint; the refresh token stays valid there until it expires.");
                report.not_revoked = Some("the provider offers no revocation endpoint".into());
            }
        }
    }
    let endpoints = conn.map(|c| c.endpoints);
    store.delete(&provider.store_key)?;
    store::adhoc::remove(&provider.store_key);
    report.deleted = true;
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
            report.end_session = Some("unsupported");
            return done(&report);
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
        let opened = !args.no_browser
            && crate::net::browser::open(with_hint.as_str())
                .map_err(|why| printer.warn(&why))
                .is_ok();
        if !opened {
            printer.notice(&format!(
                "To end the browser session at the provider, open:\n  {url}"
            ));
            report.end_session = Some("printed");
        } else {
            printer.info("Opened the provider's sign-out page in your browser.");
            report.end_session = Some("opened");
        }
    }
    done(&report)
}
