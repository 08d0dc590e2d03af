//! `oidctl completions SHELL`: the completion script clap generates from the CLI definition.
//! The copies in completions/ are checked against this by a test.

use clap::CommandFactory;

use crate::base::error::Result;
use crate::cli::{Cli, CompletionsArgs};
use crate::output::Printer;

pub fn script(shell: clap_complete::Shell) -> String {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "oidctl", &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

pub fn run(args: &CompletionsArgs, printer: &Printer) -> Result<()> {
    printer.out(&script(args.shell))?;
    Ok(())
}
