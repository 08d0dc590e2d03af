//! `oidctl exec -- CMD ARGS`: runs CMD with a fresh access token (and the ID token) in its
//! environment. On Unix oidctl replaces itself with CMD (exec), so CMD's exit status, its
//! signals and its terminal are its own with nothing in between; elsewhere CMD runs as a child
//! and its exit code is passed through.

use std::process::Command;

use crate::base::error::{Error, Kind, Result};
use crate::cli::{ExecArgs, GlobalArgs};
use crate::env;
use crate::output::Printer;
use crate::session::{self, Need};
use crate::settings::{self, Context};

pub fn run(global: &GlobalArgs, args: &ExecArgs, printer: &Printer) -> Result<()> {
    let ctx = Context::load(global)?;
    // `oidctl exec dev -- terraform apply`: the profile's name where CMD goes.
    let profile_word = args
        .command
        .first()
        .filter(|w| ctx.config.profiles.contains_key(w.as_str()));
    if let (Some(name), Some("--")) = (profile_word, args.command.get(1).map(String::as_str)) {
        return Err(Error::usage(format!(
            "{name:?} is a profile, given where the command goes"
        ))
        .with_hint(format!(
            "a profile is named with -p: did you mean `oidctl exec -p {name} -- {}`?",
            args.command[2..].join(" ")
        )));
    }
    let (provider, target) = settings::access(&args.provider(), &ctx)?;
    let set = session::fresh(&provider, &Need::access_for(target), printer)?;
    let (program, rest) = args
        .command
        .split_first()
        .ok_or_else(|| Error::usage("no command given").with_hint("oidctl exec -- CMD ARGS"))?;
    let mut cmd = Command::new(program);
    cmd.args(rest)
        .env(env::ACCESS_TOKEN, set.access_token.secret());
    match &set.id_token {
        Some(id) => cmd.env(env::ID_TOKEN, id.secret()),
        // Not one inherited from an outer `oidctl exec` for another profile.
        None => cmd.env_remove(env::ID_TOKEN),
    };
    log::info!("running {program}");
    let err = start(cmd, program);
    Err(match profile_word {
        Some(name) if err.kind == Kind::CommandNotFound => err.with_hint(format!(
            "{name:?} is a profile: did you mean `oidctl exec -p {name} -- {}`?",
            rest.join(" ")
        )),
        _ => err,
    })
}

#[cfg(unix)]
fn start(mut cmd: Command, program: &str) -> Error {
    use std::os::unix::process::CommandExt as _;
    // Only returns when the exec failed.
    not_started(cmd.exec(), program)
}

#[cfg(not(unix))]
fn start(mut cmd: Command, program: &str) -> Error {
    match cmd.status() {
        Err(e) => not_started(e, program),
        Ok(status) => {
            let code = status.code().unwrap_or(1);
            std::process::exit(code)
        }
    }
}

fn not_started(e: std::io::Error, program: &str) -> Error {
    let kind = match e.kind() {
        std::io::ErrorKind::NotFound => Kind::CommandNotFound,
        _ => Kind::CommandNotRunnable,
    };
    let mut err = Error::new(kind, format!("cannot run {program}")).caused_by(e);
    if kind == Kind::CommandNotFound {
        err = err.with_hint("check the command's name and your PATH");
    }
    err
}
