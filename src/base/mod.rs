//! The bottom layer: errors and exit codes, secrets, files written atomically or read with a
//! limit, oidctl's own directories, and the clock. Everything above may use it; it uses nothing
//! of oidctl's.

pub mod clock;
pub mod dirs;
pub mod error;
pub mod fs;
pub mod secret;
