//! `oidctl login`: the interactive sign-in (see [`crate::signin`]), then the token set is stored.
//! Two sign-ins for one profile at once are refused: no second browser tab.

use std::time::Duration;

use crate::cli::{GlobalArgs, LoginArgs};
use crate::error::Result;
use crate::http::{Fetcher, default_cache_dir};
use crate::output::{Printer, Style};
use crate::settings::{self, Context};
use crate::signin::{self, Options};
use crate::store::{self, lock};

pub fn run(global: &GlobalArgs, args: &LoginArgs, printer: &Printer) -> Result<()> {
    let ctx = Context::load(global)?;
    let provider = settings::provider(&args.provider, &ctx)?;
    printer.log(
        1,
        &format!(
            "issuer {} (from {})",
            provider.issuer, provider.issuer_source
        ),
    );
    let store = store::open(provider.store)?;
    // Fails now, not after the browser dance, when the store cannot be reached.
    store.load(&provider.store_key)?;
    let fetcher = Fetcher::new(default_cache_dir(), printer).with_ca_file(provider.ca_file.clone());
    let opts = Options {
        no_browser: args.no_browser,
        timeout: Duration::from_secs(args.timeout),
        prompt: args.prompt.clone(),
        login_hint: args.login_hint.clone(),
    };
    let set = signin::run(&provider, &fetcher, &opts, printer)?;
    {
        let _lock = lock::acquire(&provider.store_key, lock::WAIT)?;
        store.save(&provider.store_key, &set)?;
    }
    let who = set.subject.as_deref().unwrap_or("(no subject)");
    printer.info(&format!(
        "{} as {} at {}; tokens kept in {}.",
        printer.paint_err("Signed in", Style::Good),
        crate::output::sanitize(who),
        provider.issuer,
        store.describe()
    ));
    Ok(())
}
