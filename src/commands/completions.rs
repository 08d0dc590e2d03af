//! `oidctl completions SHELL`: the completion script. It calls back into oidctl (with
//! `$OIDCTL_COMPLETE` set to the shell) for the words to offer, so that profile names come from
//! the config file as it is now; clap_complete's engine answers from the same clap definitions
//! that parse the command line. The copies in completions/ are checked against this by a test.

use clap::CommandFactory as _;
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};

use crate::base::error::Result;
use crate::cli::{Cli, CompletionsArgs};
use crate::output::Printer;

pub fn script(shell: clap_complete::Shell) -> String {
    let completer: &dyn EnvCompleter = match shell {
        clap_complete::Shell::Bash => &Bash,
        clap_complete::Shell::Zsh => &Zsh,
        clap_complete::Shell::Fish => &Fish,
        clap_complete::Shell::Elvish => &Elvish,
        // PowerShell, and any shell clap adds later (clap_complete::Shell is non-exhaustive).
        _ => &Powershell,
    };
    let mut buf = Vec::new();
    let name = Cli::command().get_name().to_string();
    // The script runs `oidctl` from the PATH, as the completed command itself is found.
    let _ = completer.write_registration(crate::env::COMPLETE, &name, &name, &name, &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

pub fn run(args: &CompletionsArgs, printer: &Printer) -> Result<()> {
    printer.out(&script(args.shell))?;
    Ok(())
}
