//! `oidctl serve`: the development provider of [`crate::serve`], in the foreground until Ctrl-C.

use std::sync::Arc;

use crate::base::error::Result;
use crate::cli::{ServeAlg, ServeArgs};
use crate::jwt::sign::SigningAlg;
use crate::output::{Printer, sanitize};
use crate::serve::{self, Options, Spec};

pub fn run(args: &ServeArgs, printer: &Printer) -> Result<()> {
    let spec = Spec {
        issuer_host: &args.issuer_host,
        port: args.port,
        preset: args.preset,
        claims: args.claims.as_deref(),
        auto_approve: args.auto_approve,
        user: args.user.as_deref(),
        keys: args.keys.as_deref(),
        alg: match args.alg {
            ServeAlg::Rs256 => SigningAlg::Rs256,
            ServeAlg::Es256 => SigningAlg::Es256,
        },
        token_ttl: args.token_ttl,
        clients: &args.clients,
        redirect_uris: &args.redirect_uris,
        device_interval: args.device_interval,
    };
    let log: Option<serve::RequestLog> = (!printer.is_quiet()).then(|| {
        let printer = printer.clone();
        Arc::new(move |line: &str| printer.info(&sanitize(line))) as serve::RequestLog
    });
    let running = serve::start(Options::resolve(&spec, log)?)?;
    // Shown even with --quiet: it says what this is and that it is not for production.
    printer.notice(&running.banner());
    running.wait();
    Ok(())
}
