//! The `oidctl` binary: parse, run, turn the outcome into an exit code. Everything else lives in
//! the library so that tests and benchmarks reach the same code.

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use oidctl::cli::Cli;

fn main() -> ExitCode {
    // `Cli::parse()`, except that the command tree is left for the OS to reclaim at exit:
    // dropping it, one allocation at a time, cost more than decoding a token.
    let mut command = Cli::command();
    let mut matches = command
        .try_get_matches_from_mut(std::env::args_os())
        .unwrap_or_else(|e| e.exit());
    let cli =
        Cli::from_arg_matches_mut(&mut matches).unwrap_or_else(|e| e.format(&mut command).exit());
    std::mem::forget(command);
    oidctl::run(cli)
}
