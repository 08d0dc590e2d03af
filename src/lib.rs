//! oidctl: an OpenID Connect client and token inspector for the terminal.
//!
//! `main.rs` parses the command line and calls [`run`]; each subcommand lives in
//! [`commands`]; protocol code in [`oidc`]; pure token code in [`jwt`].
//!
//! # Layers point one way
//!
//! ```text
//! commands                                   one file per subcommand
//!   → cli, settings, env, config             flags, then the values they resolve to
//!     session, signin, view, output          a fresh token set; signing in; showing things
//!   → oidc, store, serve                     the protocol; token storage; the dev provider
//!   → net                                    HTTP transport, loopback listener, browser
//!   → jwt                                    tokens and keys, no I/O
//!   → base                                   errors, secrets, files, directories, the clock
//! ```
//!
//! A module uses its own layer and the ones below it, never one above: no clap type below
//! the settings (only `commands/` and `settings.rs` read `cli`), no [`settings::Provider`] or
//! [`store::TokenSet`] inside `oidc`, no [`output::Printer`] below `session`/`signin`/`view`.
//! When a lower layer needs something from above (a hint, a log line, a setting), it takes a
//! value or a small trait as an argument, or returns enough for the caller to decide: `oidc`
//! takes an [`oidc::ClientConfig`] and a [`net::http::Transport`], returns token responses and
//! logs through the `log` facade (which [`output::Printer`] shows at `-v`); `serve` takes its
//! own options and a callback for its request log. tests/layers.rs checks the rule and that
//! the modules form no cycle.

pub mod base;
pub mod cli;
pub mod commands;
pub mod config;
pub mod env;
pub mod jwt;
pub mod net;
pub mod oidc;
pub mod output;
pub mod serve;
pub mod session;
pub mod settings;
pub mod signin;
pub mod store;
pub mod view;

use std::process::ExitCode;

use crate::base::error::Kind;
use crate::output::Printer;

/// When a completion script calls back (`$OIDCTL_COMPLETE` names the shell), prints the words
/// to offer and exits; else returns at once, having looked at one variable.
pub fn complete_if_asked() {
    use clap::CommandFactory as _;
    // Checked here first: clap_complete would also read argv and the working directory.
    if std::env::var_os(env::COMPLETE).is_none() {
        return;
    }
    clap_complete::CompleteEnv::with_factory(cli::Cli::command)
        .var(env::COMPLETE)
        .complete();
}

/// Runs one command line to completion and says how the process should exit: 0 also when
/// stdout was closed early (a broken pipe), else the error's documented code.
pub fn run(mut cli: cli::Cli) -> ExitCode {
    settings::fill_globals(&mut cli.global);
    let printer = Printer::new(cli.global.color(), cli.global.quiet, cli.global.verbose);
    printer.install_logger();
    settings::init();
    match commands::dispatch(cli, &printer) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind == Kind::PipeClosed => ExitCode::SUCCESS,
        Err(e) => {
            printer.error(&e);
            ExitCode::from(e.kind.exit_code())
        }
    }
}
