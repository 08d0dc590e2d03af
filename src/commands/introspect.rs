//! `oidctl introspect`: asks the provider whether a token is active (RFC 7662). Exit 0 when it
//! is, 1 when it is not, so scripts can branch on it.

use serde_json::Value;

use crate::base::error::{Error, Result};
use crate::cli::{Format, GlobalArgs, IntrospectArgs};
use crate::jwt::json::Exact;
use crate::oidc::introspect;
use crate::oidc::tokens::Connection;
use crate::output::{Printer, Style};
use crate::settings::{self, Context};
use crate::view;

pub fn run(global: &GlobalArgs, args: &IntrospectArgs, printer: &Printer) -> Result<()> {
    let ctx = Context::load(global)?;
    let provider = settings::provider(&args.provider(), &ctx)?;
    let (token, hint) = match (&args.token, args.refresh_token) {
        (Some(t), _) => (
            crate::jwt::token::clean(&crate::commands::input::token(
                Some(t),
                "introspect",
                printer,
            )?)
            .to_string(),
            args.token_type_hint.clone(),
        ),
        (None, refresh) => {
            // The stored token as it is: introspection is how one finds out whether it still
            // works, so it is not renewed first.
            let store = crate::store::open(provider.store)?;
            let set = crate::session::load(&provider, store.as_ref())?.ok_or_else(|| {
                Error::new(
                    crate::base::error::Kind::SignInRequired,
                    "no stored sign-in to introspect",
                )
                .with_hint(format!(
                    "{}, or pass the token to introspect",
                    crate::signin::sign_in_hint(&provider)
                ))
            })?;
            if refresh {
                let rt = set
                    .refresh_token
                    .ok_or_else(|| Error::failed("the stored sign-in has no refresh token"))?;
                (rt.secret().clone(), Some("refresh_token".into()))
            } else {
                (
                    set.access_token.secret().clone(),
                    Some("access_token".into()),
                )
            }
        }
    };
    let hint = args.token_type_hint.clone().or(hint);
    let fetcher = provider.fetcher();
    let conn = Connection::open(&provider.client, &fetcher)?;
    let answer = introspect::introspect(&conn, &token, hint.as_deref())?;
    let active = answer.get("active") == Some(&Value::Bool(true));
    match args.format {
        Format::Json => {
            printer.out(&(serde_json::to_string_pretty(&answer).unwrap_or_default() + "\n"))?;
        }
        Format::Human => {
            let mut out = String::new();
            let verdict = if active {
                printer.paint("active", Style::Good)
            } else {
                printer.paint("not active", Style::Bad)
            };
            out.push_str(&format!("The token is {verdict}.\n"));
            if let Ok(Exact::Object(mut map)) = Exact::parse(&Value::Object(answer).to_string()) {
                map.shift_remove("active");
                if !map.is_empty() {
                    out.push('\n');
                    view::heading(
                        &mut out,
                        printer,
                        "Introspection",
                        &format!("{} fields", map.len()),
                    );
                    let now = crate::base::clock::now();
                    view::table(&mut out, printer, &map, |name, value| {
                        view::claim_note(name, value, &map, now)
                    });
                }
            }
            printer.out(&out)?;
        }
    }
    if active {
        Ok(())
    } else {
        Err(Error::failed("the provider says the token is not active")
            .with_hint("it has expired, been revoked, or was not issued to this client"))
    }
}
