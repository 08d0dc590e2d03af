//! Error kinds and the exit codes of ../CLI contract, and how an error is rendered:
//! `error: …`, then `caused by: …` lines, then an optional `hint: …`.
//! Messages never carry a secret: callers put token *facts* in them, never token text.

use std::fmt;

/// The documented exit codes. `Usage` is also what clap uses for bad arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 1: the operation failed (invalid token, provider or HTTP error, missing claim).
    Failed,
    /// 2: usage or configuration error.
    Usage,
    /// 3: provider or network unreachable, or an HTTP request timed out (OIDCTL_HTTP_TIMEOUT).
    Unreachable,
    /// 4: sign-in required: none stored, refresh impossible, or a sign-in not finished (declined,
    /// or still waiting for the user at `login --timeout`: the provider was reachable).
    SignInRequired,
    /// 5: secure storage unavailable.
    Storage,
    /// 127: `oidctl exec` found no such command (as `env` and shells say it).
    CommandNotFound,
    /// 126: `oidctl exec` found the command but could not run it.
    CommandNotRunnable,
    /// stdout was closed by its reader (`oidctl … | head -1`): nothing to report, exit 0.
    PipeClosed,
}

impl Kind {
    pub fn exit_code(self) -> u8 {
        match self {
            Kind::Failed => 1,
            Kind::Usage => 2,
            Kind::Unreachable => 3,
            Kind::SignInRequired => 4,
            Kind::Storage => 5,
            Kind::CommandNotFound => 127,
            Kind::CommandNotRunnable => 126,
            Kind::PipeClosed => 0,
        }
    }
}

/// An error on its way to the user: what failed, why (outermost first), and what to do.
#[derive(Debug)]
pub struct Error {
    pub kind: Kind,
    pub message: String,
    pub causes: Vec<String>,
    pub hint: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            causes: Vec::new(),
            hint: None,
        }
    }

    pub fn failed(message: impl Into<String>) -> Self {
        Self::new(Kind::Failed, message)
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Kind::Usage, message)
    }

    pub fn unreachable(message: impl Into<String>) -> Self {
        Self::new(Kind::Unreachable, message)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn caused_by(mut self, cause: impl fmt::Display) -> Self {
        self.causes.push(cause.to_string());
        self
    }

    /// Adds every `source()` of a std error as a cause line.
    pub fn with_sources(mut self, err: &(dyn std::error::Error + 'static)) -> Self {
        let mut next = Some(err);
        while let Some(e) = next {
            let text = e.to_string();
            if self.causes.last() != Some(&text) && text != self.message {
                self.causes.push(text);
            }
            next = e.source();
        }
        self
    }
}

impl From<std::io::Error> for Error {
    /// For writes to stdout: a closed pipe ends the program quietly, anything else is reported.
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Error::new(Kind::PipeClosed, "stdout was closed")
        } else {
            Error::failed("could not write the output").caused_by(e)
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
