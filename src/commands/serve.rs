//! `oidctl serve`: the development provider of [`crate::serve`], in the foreground until Ctrl-C.

use crate::base::error::Result;
use crate::cli::ServeArgs;
use crate::output::Printer;
use crate::serve::{self, Options};

pub fn run(args: &ServeArgs, printer: &Printer) -> Result<()> {
    let opts = Options::resolve(args, !printer.is_quiet())?;
    let running = serve::start(opts, printer)?;
    // Shown even with --quiet: it says what this is and that it is not for production.
    printer.notice(&running.banner());
    running.wait();
    Ok(())
}
