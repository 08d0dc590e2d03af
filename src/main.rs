//! The `oidctl` binary: parse, run, turn the outcome into an exit code. Everything else lives in
//! the library so that tests and benchmarks reach the same code.

use std::process::ExitCode;

fn main() -> ExitCode {
    // A completion script asking for words (`oidctl completions SHELL`) is answered here.
    oidctl::complete_if_asked();
    // `run` maps every error to its documented exit code; a closed stdout (`oidctl token | head
    // -c0`) is success, as for any Unix filter. `parse` is clap's, with a hint for a profile
    // name given without -p.
    match oidctl::commands::usage::parse(std::env::args_os()) {
        Ok(cli) => oidctl::run(cli),
        Err(code) => code,
    }
}
