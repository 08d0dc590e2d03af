//! The `oidctl` binary: parse, run, turn the outcome into an exit code. Everything else lives in
//! the library so that tests and benchmarks reach the same code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = oidctl::cli::Cli::parse();
    oidctl::run(cli)
}
