//! `oidctl man`: the manual pages, rendered by clap_mangen from the clap definitions that make
//! `--help`, so the two never disagree. One page per command, named as `man` looks them up.

use clap::CommandFactory;

use crate::base::error::{Error, Result};
use crate::cli::{Cli, ManArgs};
use crate::output::Printer;

/// Every page: its file name (`oidctl-profile-add.1`) and its roff text, the top level first.
pub fn pages() -> Vec<(String, Vec<u8>)> {
    fn walk(cmd: clap::Command, out: &mut Vec<(String, Vec<u8>)>) {
        let man = clap_mangen::Man::new(cmd.clone());
        let mut text: Vec<u8> = Vec::new();
        // Rendering into memory cannot fail.
        let _ = man.render(&mut text);
        // clap_mangen heads the text after the options (--help's notes and examples) "EXTRA".
        let text = String::from_utf8_lossy(&text)
            .replacen("\n.SH EXTRA\n", "\n.SH \"NOTES AND EXAMPLES\"\n", 1)
            .into_bytes();
        out.push((man.get_filename(), text));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            walk(sub.clone(), out);
        }
    }
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut out = Vec::new();
    walk(cmd, &mut out);
    out
}

pub fn run(args: &ManArgs, printer: &Printer) -> Result<()> {
    let pages = pages();
    let Some(dir) = &args.out else {
        let name = std::iter::once("oidctl")
            .chain(args.command.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join("-");
        let file = format!("{name}.1");
        let Some((_, text)) = pages.iter().find(|(f, _)| *f == file) else {
            return Err(
                Error::usage(format!("no manual page for {:?}", args.command.join(" "))).with_hint(
                    "name a command, such as `oidctl man token` or `oidctl man profile add`",
                ),
            );
        };
        printer.out(&String::from_utf8_lossy(text))?;
        return Ok(());
    };
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::failed(format!("cannot create {}", dir.display())).caused_by(e))?;
    for (file, text) in &pages {
        let path = dir.join(file);
        // Pages are for every user of the directory: written with the umask's permissions,
        // atomically, like every file oidctl writes.
        crate::base::fs::write_atomic(&path, text, 0o644)
            .map_err(|e| Error::failed(format!("cannot write {}", path.display())).caused_by(e))?;
    }
    printer.info(&format!(
        "Wrote {} manual pages to {}.",
        pages.len(),
        dir.display()
    ));
    Ok(())
}
