//! The bottom layer: errors and exit codes, secrets, files written atomically or read with a
//! limit, oidctl's own directories, the clock, and
//! typing on the terminal without echo. Everything above may use it; it uses nothing
//! of oidctl's.

pub mod clock;
pub mod dirs;
pub mod error;
pub mod fs;
pub mod secret;
pub mod tty;
