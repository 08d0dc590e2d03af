//! The command line as people type it, before clap's verdict is final: a bare word where a
//! command takes no positional (`oidctl login dev`) is most often a profile name, so the
//! error says `-p dev` and whether that profile exists. Everything else is clap's own error.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser as _;
use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::base::error::Error;
use crate::cli::Cli;
use crate::output::{ColorChoice, Printer};

/// Parses `args`; on a mistake prints the error (with oidctl's hint where it has one) and
/// gives the exit code, as clap would (0 for --help and --version).
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Cli, ExitCode> {
    let args: Vec<OsString> = args.into_iter().collect();
    let err = match Cli::try_parse_from(&args) {
        Ok(cli) => return Ok(cli),
        Err(err) => err,
    };
    match profile_word(&err) {
        Some(word) => {
            let printer = Printer::new(ColorChoice::Auto, false, 0);
            printer.error(&profile_hint(&args, &word));
            Err(ExitCode::from(crate::base::error::Kind::Usage.exit_code()))
        }
        None => {
            let _ = err.print();
            Err(ExitCode::from(err.exit_code().clamp(0, 255) as u8))
        }
    }
}

/// The bare word clap found no place for, when it could be a profile name.
fn profile_word(err: &clap::Error) -> Option<String> {
    if err.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    match err.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(word))
            if !word.starts_with('-')
                && !word.is_empty()
                && word.len() <= 64
                && !word.contains(['/', '=', ':', ' ', '.']) =>
        {
            Some(word.clone())
        }
        _ => None,
    }
}

/// "unexpected argument 'dev'", and the command line that was likely meant.
fn profile_hint(args: &[OsString], word: &str) -> Error {
    let mut meant = vec!["oidctl".to_string()];
    let mut replaced = false;
    for a in args.iter().skip(1) {
        let a = a.to_string_lossy();
        if !replaced && a == word {
            meant.push(format!("-p {word}"));
            replaced = true;
        } else {
            meant.push(a.into_owned());
        }
    }
    let meant = meant.join(" ");
    let (exists, path) = profile_exists(args, word);
    let err = Error::usage(format!(
        "unexpected argument '{word}': this command takes no positional argument"
    ));
    match (exists, path) {
        (true, _) => err.with_hint(format!(
            "a profile is named with -p: did you mean `{meant}`? (profile '{word}' exists)"
        )),
        (false, Some(path)) => err.with_hint(format!(
            "a profile is named with -p (`{meant}`), but {} has no profile '{word}': \
             oidctl profile list shows them, oidctl profile add {word} … makes one",
            path.display()
        )),
        (false, None) => err.with_hint(format!(
            "a profile is named with -p: did you mean `{meant}`?"
        )),
    }
}

/// Whether the config file the command line would use holds profile `name`.
fn profile_exists(args: &[OsString], name: &str) -> (bool, Option<PathBuf>) {
    let mut path = None;
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--config" {
            path = it.next().map(|p| PathBuf::from(p.as_ref()));
        } else if let Some(p) = a.strip_prefix("--config=") {
            path = Some(PathBuf::from(p));
        }
    }
    let path = path
        .or_else(|| std::env::var_os(crate::env::CONFIG).map(PathBuf::from))
        .or_else(crate::config::default_path);
    let Some(path) = path else {
        return (false, None);
    };
    let exists = crate::config::load(&path).is_ok_and(|c| c.profiles.contains_key(name));
    (exists, Some(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<OsString> {
        line.split(' ').map(OsString::from).collect()
    }

    #[test]
    fn a_bare_word_is_read_as_a_profile_name() {
        let err = Cli::try_parse_from(args("oidctl token dev")).unwrap_err();
        assert_eq!(profile_word(&err).as_deref(), Some("dev"));
        let e = profile_hint(&args("oidctl token dev --format json"), "dev");
        assert!(
            e.hint
                .unwrap()
                .contains("`oidctl token -p dev --format json`")
        );
        // A mistyped flag or a URL is clap's to report.
        let err = Cli::try_parse_from(args("oidctl token --nope")).unwrap_err();
        assert_eq!(profile_word(&err), None);
        let err = Cli::try_parse_from(args("oidctl status https://x.example")).unwrap_err();
        assert_eq!(profile_word(&err), None);
    }
}
