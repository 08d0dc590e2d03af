//! `oidctl login`: signing in (see [`crate::signin`]) by the flow the flags or the profile name,
//! then the token set is stored. Two sign-ins for one profile at once are refused.

use std::time::Duration;

use crate::base::error::Result;
use crate::cli::{Format, GlobalArgs, LoginArgs};
use crate::oidc::Flow;
use crate::output::{Printer, Style};
use crate::settings::{self, Context};
use crate::signin::{self, Options};
use crate::store::{self, lock};
use crate::view::status::{self, Expected};

pub fn run(global: &GlobalArgs, args: &LoginArgs, printer: &Printer) -> Result<()> {
    let ctx = Context::load(global)?;
    let provider = settings::with_claims(
        settings::provider(&args.provider(), &ctx)?,
        args.claims.as_deref(),
    )?;
    let store = store::open(provider.store)?;
    // Fails now, not after the browser dance, when the store cannot be reached.
    store.load(&provider.store_key)?;
    let fetcher = provider.fetcher();
    let opts = Options {
        browser: signin::Browser::for_login(args.paste, args.no_browser, printer.stdin_is_tty()),
        timeout: Duration::from_secs(args.timeout),
        prompt: args.prompt.clone(),
        login_hint: args.login_hint.clone(),
        acr_values: settings::split_scopes(&args.acr_values),
        max_age: args.max_age,
    };
    let flow = if args.device {
        Flow::Device
    } else if args.client_credentials {
        Flow::ClientCredentials
    } else {
        provider.flow
    };
    if flow != Flow::Browser && (!opts.acr_values.is_empty() || opts.max_age.is_some()) {
        return Err(crate::base::error::Error::usage(format!(
            "--acr-values and --max-age are sent with the browser sign-in, not the {} flow",
            flow.name()
        ))
        .with_hint("leave them out, or sign in in the browser (a profile with flow = \"browser\", or none)"));
    }
    let set = signin::run(&provider, &fetcher, flow, &opts, printer)?;
    {
        let _lock = lock::acquire(&provider.store_key, lock::WAIT)?;
        store.save(&provider.store_key, &set)?;
    }
    if store::profile_of(&provider.store_key).is_none() {
        store::adhoc::add(store::adhoc::Entry {
            key: provider.store_key.clone(),
            issuer: provider.client.issuer.clone(),
            client_id: provider.client.client_id.clone(),
            scopes: provider.client.scopes.clone(),
            store: provider.store,
        });
    }
    let who = match (&set.subject, flow) {
        (Some(sub), _) => crate::output::sanitize(sub),
        (None, Flow::ClientCredentials) => format!("client {}", provider.client.client_id),
        (None, _) => "(no subject)".into(),
    };
    printer.info(&format!(
        "{} as {who} at {}; tokens kept in {}.",
        printer.paint_err("Signed in", Style::Good),
        provider.client.issuer,
        store.describe()
    ));
    if args.format == Format::Json {
        // What was done, in the shape of one `status --format json` row: never a token.
        let name = store::profile_of(&provider.store_key).map(str::to_string);
        let is_default = name.is_some() && name == ctx.config.default_profile;
        let expected = Expected {
            issuer: Some(provider.client.issuer.clone()),
            client_id: Some(provider.client.client_id.clone()),
        };
        let now = crate::base::clock::now();
        let row = status::row(name, is_default, expected, provider.store, Some(&set), now);
        printer.out(&(serde_json::to_string_pretty(&row).unwrap_or_default() + "\n"))?;
    }
    Ok(())
}
