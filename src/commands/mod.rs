//! One file per subcommand, each with a single `run` entry point; this file only dispatches.

mod claims;
mod completions;
mod decode;
mod verify;

use crate::cli::{Cli, Command};
use crate::error::Result;
use crate::output::Printer;

pub fn dispatch(cli: Cli, printer: &Printer) -> Result<()> {
    match cli.command {
        Command::Decode(args) => decode::run(&args, printer),
        Command::Verify(args) => verify::run(&args, printer),
        Command::Claims(args) => claims::run(&args, printer),
        Command::Completions(args) => completions::run(&args, printer),
    }
}
