//! oidctl: an OpenID Connect client and token inspector for the terminal.
//!
//! `main.rs` parses the command line and calls [`run`]; each subcommand lives in
//! [`commands`]; protocol code in [`oidc`]; pure token code in [`jwt`].

pub mod browser;
pub mod cli;
pub mod commands;
pub mod config;
pub mod dirs;
pub mod env;
pub mod error;
pub mod fsutil;
pub mod html;
pub mod http;
pub mod input;
pub mod jwt;
pub mod loopback;
pub mod oidc;
pub mod output;
pub mod secret;
pub mod serve;
pub mod session;
pub mod settings;
pub mod signin;
pub mod store;
pub mod token_output;
pub mod view;

use std::process::ExitCode;

use crate::error::Kind;
use crate::output::Printer;

/// Runs one command line to completion and says how the process should exit.
pub fn run(mut cli: cli::Cli) -> ExitCode {
    cli.merge_globals();
    let printer = Printer::new(cli.global.color(), cli.global.quiet, cli.global.verbose);
    match commands::dispatch(cli, &printer) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind == Kind::PipeClosed => ExitCode::SUCCESS,
        Err(e) => {
            printer.error(&e);
            ExitCode::from(e.kind.exit_code())
        }
    }
}
