//! The terminal oidctl reads from: a line typed without echo (a pasted redirect address, which
//! carries an authorization code). The platform code stays here, behind [`hide_input`]; where
//! there is none (not Unix) the input is read as it is.

/// Echo is off on stdin while this lives (when stdin is a terminal); dropping it restores the
/// terminal as it was.
pub struct Hidden {
    #[cfg(unix)]
    saved: Option<rustix::termios::Termios>,
}

/// Turns echo off on stdin, if it is a terminal; the newline is still echoed, so that what
/// oidctl prints next starts on a line of its own.
pub fn hide_input() -> Hidden {
    #[cfg(unix)]
    {
        use rustix::termios::{LocalModes, OptionalActions, tcgetattr, tcsetattr};
        let stdin = std::io::stdin();
        let saved = tcgetattr(&stdin).ok().filter(|before| {
            let mut quiet = before.clone();
            quiet.local_modes.remove(LocalModes::ECHO);
            quiet.local_modes.insert(LocalModes::ECHONL);
            tcsetattr(&stdin, OptionalActions::Now, &quiet).is_ok()
        });
        Hidden { saved }
    }
    #[cfg(not(unix))]
    Hidden {}
}

impl Drop for Hidden {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some(saved) = &self.saved {
            let _ = rustix::termios::tcsetattr(
                std::io::stdin(),
                rustix::termios::OptionalActions::Now,
                saved,
            );
        }
    }
}
