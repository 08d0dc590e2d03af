//! The one place that writes to stdout and stderr. stdout carries data (tokens, claims, JSON);
//! stderr carries what people read (errors, hints, progress). Colour is decided once, here, and
//! anything that came from a token or a provider is sanitised before it reaches a terminal.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{self, IsTerminal, Write};

use colored::{ColoredString, Colorize};

use crate::base::error::Error;

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Whether a stream gets colour: `--color always|never` wins, then `NO_COLOR` (any non-empty
/// value), then `CLICOLOR_FORCE` (non-empty and not "0"), then whether the stream is a terminal.
pub fn use_color(choice: ColorChoice, is_tty: bool, env: impl Fn(&str) -> Option<String>) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if env("NO_COLOR").is_some_and(|v| !v.is_empty()) {
                false
            } else if env("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0") {
                true
            } else {
                is_tty
            }
        }
    }
}

/// The `log` records of oidctl's own modules, as `debug: …` lines on stderr, sanitised. No
/// record carries a secret: the code that logs never formats one (tests/cli/secrets.rs greps
/// every run at -vvv for the fixture tokens).
struct StderrLog {
    max: log::LevelFilter,
    color: bool,
}

impl log::Log for StderrLog {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.level() <= self.max && metadata.target().starts_with("oidctl")
    }

    fn log(&self, record: &log::Record<'_>) {
        if self.enabled(record.metadata()) {
            eprintln!(
                "{} {}",
                paint(self.color, "debug:", Style::Dim),
                sanitize(&record.args().to_string())
            );
        }
    }

    fn flush(&self) {}
}

/// Styles used in human output.
#[derive(Debug, Clone, Copy)]
pub enum Style {
    Heading,
    Key,
    Dim,
    Good,
    Bad,
    Warn,
}

#[derive(Debug, Clone)]
pub struct Printer {
    out_color: bool,
    err_color: bool,
    stderr_tty: bool,
    quiet: bool,
    verbosity: u8,
    stdout_tty: bool,
    /// Asked only when a command may read stdin: the first `io::stdin()` allocates its buffer.
    stdin_tty: std::sync::OnceLock<bool>,
}

impl Printer {
    pub fn new(color: ColorChoice, quiet: bool, verbosity: u8) -> Self {
        let env = |k: &str| std::env::var(k).ok();
        let stdout_tty = io::stdout().is_terminal();
        let out_color = use_color(color, stdout_tty, env);
        let stderr_tty = io::stderr().is_terminal();
        let err_color = use_color(color, stderr_tty, env);
        // `colored` has its own opinion of the environment; ours was made above, per stream.
        colored::control::set_override(true);
        Printer {
            out_color,
            err_color,
            stderr_tty,
            quiet,
            verbosity,
            stdout_tty,
            stdin_tty: std::sync::OnceLock::new(),
        }
    }

    /// A printer with no colour, for tests and benchmarks.
    pub fn plain() -> Self {
        Printer {
            out_color: false,
            err_color: false,
            stderr_tty: false,
            quiet: false,
            verbosity: 0,
            stdout_tty: false,
            stdin_tty: std::sync::OnceLock::from(false),
        }
    }

    pub fn is_quiet(&self) -> bool {
        self.quiet
    }

    pub fn stdin_is_tty(&self) -> bool {
        *self.stdin_tty.get_or_init(|| io::stdin().is_terminal())
    }

    pub fn stderr_is_tty(&self) -> bool {
        self.stderr_tty
    }

    pub fn stdout_is_tty(&self) -> bool {
        self.stdout_tty
    }

    /// Writes data to stdout exactly as given. A closed pipe is not an error worth a message:
    /// `oidctl decode … | head -1` must end quietly.
    pub fn out(&self, text: &str) -> io::Result<()> {
        self.out_bytes(text.as_bytes())
    }

    pub fn out_bytes(&self, bytes: &[u8]) -> io::Result<()> {
        let mut out = io::stdout().lock();
        out.write_all(bytes)?;
        out.flush()
    }

    /// Copies a stream (an API's response body, maybe binary) to stdout as it arrives.
    pub fn out_stream(&self, reader: &mut dyn io::Read) -> io::Result<u64> {
        let mut out = io::stdout().lock();
        let n = io::copy(reader, &mut out)?;
        out.flush()?;
        Ok(n)
    }

    /// Styles text for stdout (no-op without colour).
    pub fn paint(&self, text: &str, style: Style) -> String {
        paint(self.out_color, text, style)
    }

    /// A line for people on stderr, suppressed by `--quiet`.
    pub fn info(&self, text: &str) {
        if !self.quiet {
            eprintln!("{text}");
        }
    }

    /// A line for people on stderr that `--quiet` does not suppress (a URL the user must open).
    pub fn notice(&self, text: &str) {
        eprintln!("{text}");
    }

    /// Sends a terminal control sequence (OSC 52, …) to stderr, only when it is a terminal.
    pub fn control(&self, sequence: &str) {
        if self.stderr_tty {
            eprint!("{sequence}");
        }
    }

    /// Styles text for stderr.
    pub fn paint_err(&self, text: &str, style: Style) -> String {
        paint(self.err_color, text, style)
    }

    /// Says on stderr that oidctl is waiting: a spinner on a terminal, one line otherwise.
    /// The spinner stops when the returned value is dropped.
    pub fn progress(&self, message: &str) -> Progress {
        if self.quiet {
            return Progress { stop: None };
        }
        if !self.stderr_tty {
            eprintln!("{message}");
            return Progress { stop: None };
        }
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = stop.clone();
        let message = message.to_string();
        let handle = std::thread::spawn(move || {
            const FRAMES: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
            let mut i = 0;
            while !flag.load(std::sync::atomic::Ordering::Relaxed) {
                eprint!("\r{} {message}", FRAMES[i % FRAMES.len()]);
                i += 1;
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            eprint!("\r\x1b[2K");
        });
        Progress {
            stop: Some((stop, handle)),
        }
    }

    /// A warning on stderr; suppressed by `--quiet`, which leaves the exit code and a failure's
    /// one `error:` line to speak.
    pub fn warn(&self, text: &str) {
        if !self.quiet {
            eprintln!("{} {text}", paint(self.err_color, "warning:", Style::Warn));
        }
    }

    /// A log line at `-v` (level 1), `-vv` (2), …; never pass a secret.
    /// Sends oidctl's `log` records (every layer logs through the `log` facade) to stderr:
    /// `-v` shows info, `-vv` debug, `-vvv` trace. Only oidctl's own records: the crates below
    /// it log at levels meant for their own developers. Called once, by [`crate::run`].
    pub fn install_logger(&self) {
        let max = match self.verbosity {
            0 => log::LevelFilter::Off,
            1 => log::LevelFilter::Info,
            2 => log::LevelFilter::Debug,
            _ => log::LevelFilter::Trace,
        };
        if log::set_boxed_logger(Box::new(StderrLog {
            max,
            color: self.err_color,
        }))
        .is_ok()
        {
            log::set_max_level(max);
        }
    }

    /// The failure: `error:`, then `caused by:` lines and a `hint:`, which `--quiet` leaves out
    /// (as `curl -sS` shows the error alone: a script sees why it failed, in one line).
    pub fn error(&self, err: &Error) {
        let mut text = format!(
            "{} {}\n",
            paint(self.err_color, "error:", Style::Bad),
            sanitize(&err.message)
        );
        if self.quiet {
            let _ = io::stderr().lock().write_all(text.as_bytes());
            return;
        }
        for cause in &err.causes {
            text.push_str(&format!("  caused by: {}\n", sanitize(cause)));
        }
        if let Some(hint) = &err.hint {
            text.push_str(&format!(
                "{} {}\n",
                paint(self.err_color, "hint:", Style::Good),
                sanitize(hint)
            ));
        }
        let _ = io::stderr().lock().write_all(text.as_bytes());
    }
}

/// A running progress indicator; dropping it stops and clears it.
pub struct Progress {
    stop: Option<(
        std::sync::Arc<std::sync::atomic::AtomicBool>,
        std::thread::JoinHandle<()>,
    )>,
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some((flag, handle)) = self.stop.take() {
            flag.store(true, std::sync::atomic::Ordering::Relaxed);
            let _ = handle.join();
        }
    }
}

fn paint(enabled: bool, text: &str, style: Style) -> String {
    if !enabled {
        return text.to_string();
    }
    let s: ColoredString = match style {
        Style::Heading => text.bold().underline(),
        Style::Key => text.cyan(),
        Style::Dim => text.dimmed(),
        Style::Good => text.green().bold(),
        Style::Bad => text.red().bold(),
        Style::Warn => text.yellow().bold(),
    };
    s.to_string()
}

/// Makes text from a stranger (a claim, a provider's error string) safe to show on a terminal:
/// control characters, including ESC and the C1 range, become visible `\u{..}` escapes so no
/// escape sequence can move the cursor, retitle the window or hide text. Newlines and tabs too,
/// so one value stays on one line.
pub fn sanitize(text: &str) -> String {
    if !text.chars().any(needs_escape) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        // Bidirectional overrides and isolates can make text read differently than it is.
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_neutralises_escape_sequences() {
        let evil = "alice\u{1b}]0;pwned\u{7}\u{1b}[2J\r\nroot\u{9b}31m\u{202e}gnp.exe";
        let safe = sanitize(evil);
        assert!(!safe.chars().any(needs_escape), "{safe:?}");
        assert!(safe.starts_with("alice\\u{1b}]0;pwned\\u{7}"));
        assert_eq!(sanitize("ünïcødé 🎉"), "ünïcødé 🎉");
    }

    #[test]
    fn color_precedence() {
        let none = |_: &str| None;
        let no_color = |k: &str| (k == "NO_COLOR").then(|| "1".to_string());
        let force = |k: &str| (k == "CLICOLOR_FORCE").then(|| "1".to_string());
        let both = |_: &str| Some("1".to_string());
        assert!(use_color(ColorChoice::Auto, true, none));
        assert!(!use_color(ColorChoice::Auto, false, none));
        assert!(!use_color(ColorChoice::Auto, true, no_color));
        assert!(use_color(ColorChoice::Auto, false, force));
        assert!(!use_color(ColorChoice::Auto, true, both));
        assert!(use_color(ColorChoice::Always, false, no_color));
        assert!(!use_color(ColorChoice::Never, true, force));
    }
}
