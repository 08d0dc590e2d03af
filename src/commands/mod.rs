//! One file per subcommand, each with a single `run` entry point; this file only dispatches.

mod call;
mod claims;
mod completions;
mod decode;
mod demo;
mod discover;
mod encrypt;
mod exchange;
mod exec;
mod introspect;
mod jwk;
mod login;
mod logout;
mod man;
mod profile;
mod revoke;
mod serve;
mod sign;
mod status;
mod token;
mod userinfo;
mod verify;

pub mod decrypt;
pub mod input;
pub mod token_output;
pub mod usage;

use crate::base::error::Result;
use crate::cli::{Cli, Command};
use crate::output::Printer;

pub fn dispatch(cli: Cli, printer: &Printer) -> Result<()> {
    let global = &cli.global;
    match &cli.command {
        Command::Login(args) => login::run(global, args, printer),
        Command::Token(args) => token::run(global, args, printer),
        Command::Status(args) => status::run(global, args, printer),
        Command::Logout(args) => logout::run(global, args, printer),
        Command::Profile(args) => profile::run(global, &args.command, printer),
        Command::Discover(args) => discover::run(global, args, printer),
        Command::Decode(args) => decode::run(global, args, printer),
        Command::Verify(args) => verify::run(global, args, printer),
        Command::Claims(args) => claims::run(global, args, printer),
        Command::Encrypt(args) => encrypt::run(args, printer),
        Command::Userinfo(args) => userinfo::run(global, args, printer),
        Command::Introspect(args) => introspect::run(global, args, printer),
        Command::Revoke(args) => revoke::run(global, args, printer),
        Command::Exchange(args) => exchange::run(global, args, printer),
        Command::Call(args) => call::run(global, args, printer),
        Command::Exec(args) => exec::run(global, args, printer),
        Command::Completions(args) => completions::run(args, printer),
        Command::Man(args) => man::run(args, printer),
        Command::Serve(args) => serve::run(args, printer),
        Command::Demo(args) => demo::run(args, printer),
        Command::Sign(args) => sign::run(args, printer),
        Command::Jwk(args) => jwk::run(args, printer),
    }
}
