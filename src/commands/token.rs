//! `oidctl token`: a valid access (or ID, or refresh) token on stdout, renewed first when needed
//! (see [`crate::session`]: no network on the fast path, one refresh for many callers).

use std::time::Duration;

use crate::base::error::Result;
use crate::cli::{GlobalArgs, TokenArgs};
use crate::output::Printer;
use crate::session::{self, Need, Which};
use crate::settings::{self, Context};
use crate::signin::Options;

pub fn run(global: &GlobalArgs, args: &TokenArgs, printer: &Printer) -> Result<()> {
    let ctx = Context::load(global)?;
    let (provider, target) = settings::access(&args.provider(), &ctx)?;
    let which = if args.id_token {
        Which::Id
    } else if args.refresh_token {
        Which::Refresh
    } else {
        Which::Access
    };
    let opts = Options {
        browser: crate::signin::Browser::System,
        timeout: Duration::from_secs(args.timeout),
        prompt: None,
        login_hint: None,
        acr_values: Vec::new(),
        max_age: None,
    };
    let need = Need {
        which,
        min_valid: args.min_valid,
        login: args.login.then_some(&opts),
        target,
    };
    let set = match &args.claims {
        // Never the cached token: it may lack the claims; a refresh that asks for them.
        Some(text) => {
            let claims = crate::oidc::claims::parse(text, "--claims")?;
            session::renew_with_claims(&provider, &claims, need.login, printer)?
        }
        None => session::fresh(&provider, &need, printer)?,
    };
    printer.out(&crate::commands::token_output::render(
        &set,
        which,
        args.format,
    ))?;
    Ok(())
}
