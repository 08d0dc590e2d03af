//! `oidctl userinfo`: the signed-in user's claims from the userinfo endpoint, with the stored
//! access token (renewed when needed, and once more if the endpoint refuses it).

use crate::base::error::{Error, Kind, Result};
use crate::cli::{Format, GlobalArgs, UserinfoArgs};
use crate::jwt::json::Exact;
use crate::oidc::tokens::Connection;
use crate::oidc::userinfo::{self, Answer};
use crate::output::{Printer, Style};
use crate::session::{self, Need};
use crate::settings::{self, Context};
use crate::view;
use serde_json::Value;

pub fn run(global: &GlobalArgs, args: &UserinfoArgs, printer: &Printer) -> Result<()> {
    let ctx = Context::load(global)?;
    let (provider, target) = settings::access(&args.provider(), &ctx)?;
    let mut set = session::fresh(&provider, &Need::access_for(target.clone()), printer)?;
    let fetcher = provider.fetcher();
    let conn = Connection::open(&provider.client, &fetcher)?;
    let url = conn.endpoints.require(
        conn.endpoints.userinfo.as_ref(),
        "userinfo_endpoint",
        "a userinfo request",
    )?;
    let mut answer = userinfo::get(conn.fetcher.transport(), &url, set.access_token.secret())?;
    if matches!(answer, Answer::Unauthorized(_)) {
        log::info!("the userinfo endpoint refused the token; renewing it once");
        set = session::renew_rejected(&provider, set, target.as_ref(), printer)?;
        answer = userinfo::get(conn.fetcher.transport(), &url, set.access_token.secret())?;
    }
    let (claims, signed) = match answer {
        Answer::Claims(c, signed) => (c, signed),
        Answer::Unauthorized(challenge) => {
            let mut err = Error::new(
                Kind::SignInRequired,
                "the userinfo endpoint refused the access token, even a renewed one",
            );
            if let Some(challenge) = challenge {
                err = err.caused_by(challenge);
            }
            return Err(err.with_hint(crate::signin::sign_in_hint(&provider)));
        }
    };
    // OpenID Connect Core §5.3.2: the answer is about the signed-in user, or it is not used.
    let sub = claims.get("sub").and_then(|v| v.as_str());
    if let (Some(expected), Some(got)) = (set.subject.as_deref(), sub)
        && expected != got
    {
        return Err(Error::failed(format!(
            "the userinfo answer is about subject {got}, not the signed-in {expected}"
        ))
        .with_hint("the provider's answer cannot be trusted; nothing is shown"));
    }
    if sub.is_none() {
        return Err(Error::failed("the userinfo answer has no sub claim")
            .with_hint("OpenID Connect Core 5.3.2 requires it"));
    }
    match args.format {
        Format::Json => {
            printer.out(&(serde_json::to_string_pretty(&claims).unwrap_or_default() + "\n"))?;
        }
        Format::Human => {
            let mut out = String::new();
            if let Ok(Exact::Object(map)) = Exact::parse(&Value::Object(claims).to_string()) {
                view::heading(
                    &mut out,
                    printer,
                    "Userinfo",
                    &format!("{} claims", map.len()),
                );
                let now = crate::base::clock::now();
                view::table(&mut out, printer, &map, |name, value| {
                    view::claim_note(name, value, &map, now)
                });
            }
            if signed {
                out.push_str(&format!(
                    "{} the provider signed this answer; its signature was not checked.\n",
                    printer.paint("note:", Style::Warn)
                ));
            }
            printer.out(&out)?;
        }
    }
    Ok(())
}
