//! Opening a URL for the user. `$BROWSER`, when set, is read as xdg-open and Python's
//! webbrowser read it: a list of commands separated by `:` (`;` on Windows), tried in order;
//! each a command line with arguments (split like a shell's words, no shell run), where `%s`
//! stands for the URL, which is otherwise added as the last argument. A command that exits
//! non-zero at once counts as failed and the next is tried; one still running after a moment
//! is taken as the browser. Without `$BROWSER`: the platform's opener (xdg-open on Linux and
//! the BSDs; inside WSL the Windows browser: `wslview`, else PowerShell's `Start-Process`,
//! else `cmd.exe /c start`, never xdg-open). The browser's own output never reaches oidctl's
//! terminal.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long an opener may take to fail before it is taken as the browser itself: xdg-open,
/// `open` and a remote `firefox` hand over within this; a browser run in the foreground keeps
/// running, and is left to run.
const SETTLE: Duration = Duration::from_secs(2);

/// Starts the browser on `url`; `Err` says in plain words why none could be opened.
pub fn open(url: &str) -> Result<(), String> {
    match std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty())
    {
        Some(browser) => {
            let mut tried = Vec::new();
            for entry in browser_commands(&browser, url) {
                let (program, args) = match entry {
                    Ok(words) => words,
                    Err(why) => {
                        tried.push(why);
                        continue;
                    }
                };
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                match run(&program, &args) {
                    Ok(()) => return Ok(()),
                    Err(why) => tried.push(why),
                }
            }
            Err(format!(
                "could not open a browser: $BROWSER {}",
                if tried.is_empty() {
                    "names no command".to_string()
                } else {
                    tried.join("; ")
                }
            ))
        }
        None if crate::net::remote::here().wsl => {
            let mut tried = Vec::new();
            for (program, args) in wsl_openers(url) {
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                match run(program, &args) {
                    Ok(()) => return Ok(()),
                    Err(e) => tried.push(e),
                }
            }
            Err(format!(
                "could not open the Windows browser from WSL: {}",
                tried.join("; ")
            ))
        }
        None if cfg!(all(unix, not(target_os = "macos"))) => {
            run("xdg-open", &[url]).map_err(|why| format!("could not open a browser: {why}"))
        }
        None => open::that_detached(url).map_err(|e| format!("could not open a browser: {e}")),
    }
}

/// `$BROWSER` as the commands to try for `url`: each entry's program and arguments, or why an
/// entry cannot be used (unbalanced quotes).
pub fn browser_commands(browser: &str, url: &str) -> Vec<Result<(String, Vec<String>), String>> {
    let separator = if cfg!(windows) { ';' } else { ':' };
    browser
        .split(separator)
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(|entry| {
            let words = shlex::split(entry)
                .filter(|w| !w.is_empty())
                .ok_or_else(|| {
                    format!("entry `{entry}` is not a command line (check its quotes)")
                })?;
            let mut args: Vec<String> = words[1..].to_vec();
            if args.iter().any(|a| a.contains("%s")) {
                for a in &mut args {
                    *a = a.replace("%s", url);
                }
            } else {
                args.push(url.to_string());
            }
            Ok((words[0].clone(), args))
        })
        .collect()
}

/// Starts `program args` detached from oidctl's terminal; waits a moment for an opener that
/// fails, and leaves one that is still running to a thread that reaps it whenever it ends.
fn run(program: &str, args: &[&str]) -> Result<(), String> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => not_found(program),
            std::io::ErrorKind::PermissionDenied => {
                format!("{program} could not be run (permission denied)")
            }
            _ => format!("{program} could not be started ({e})"),
        })?;
    let until = Instant::now() + SETTLE;
    while Instant::now() < until {
        match child.try_wait() {
            Ok(Some(status)) => return exited(program, status),
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(_) => break,
        }
    }
    std::thread::spawn(move || child.wait());
    Ok(())
}

fn not_found(program: &str) -> String {
    format!("{program} was not found")
}

/// An opener's exit in words: 0 is success; xdg-open's documented codes are explained.
fn exited(program: &str, status: std::process::ExitStatus) -> Result<(), String> {
    if status.success() {
        return Ok(());
    }
    let Some(code) = status.code() else {
        return Err(format!("{program} was stopped by a signal"));
    };
    let why = match (program.rsplit('/').next().unwrap_or(program), code) {
        ("xdg-open", 3) => " (it found no browser to run)",
        ("xdg-open", 4) => " (the browser it ran failed)",
        _ => "",
    };
    Err(format!("{program} exited with status {code}{why}"))
}

/// The ways to open `url` in Windows from WSL, in order. The URL's `&`s are data: PowerShell
/// gets it single-quoted, cmd.exe with its metacharacters escaped by `^`.
pub fn wsl_openers(url: &str) -> Vec<(&'static str, Vec<String>)> {
    let quoted = format!("'{}'", url.replace('\'', "''"));
    let mut cmd_escaped = String::new();
    for c in url.chars() {
        if "&|<>^()%!\"".contains(c) {
            cmd_escaped.push('^');
        }
        cmd_escaped.push(c);
    }
    vec![
        ("wslview", vec![url.to_string()]),
        (
            "powershell.exe",
            vec![
                "-NoProfile".into(),
                "-NonInteractive".into(),
                "-Command".into(),
                format!("Start-Process {quoted}"),
            ],
        ),
        (
            "cmd.exe",
            vec!["/c".into(), "start".into(), "\"\"".into(), cmd_escaped],
        ),
    ]
}

/// Whether a browser can be opened here: `$BROWSER` is set, or a desktop session is likely
/// (a terminal on macOS, Windows or WSL; a terminal with a display on other systems).
pub fn available(stderr_is_tty: bool) -> bool {
    let place = crate::net::remote::here();
    if place.browser_set {
        return true;
    }
    stderr_is_tty && place.display && !place.ssh
}

/// A stand-in for a browser that only follows redirects, for a provider that approves
/// sign-ins at once (`oidctl serve --auto-approve`): on a thread of its own (the caller is
/// about to wait for the last redirect), it GETs `url`, then each `Location`, at most ten, over
/// https or loopback http only.
pub fn follow_redirects(url: &str) -> Result<(), String> {
    let client = crate::net::http::Reqwest::new(crate::net::http::Options::default())
        .client()
        .map_err(|e| e.message)?
        .clone();
    let start = crate::net::http::check_url(url, "the authorization URL").map_err(|e| e.message)?;
    std::thread::spawn(move || {
        let mut next = start;
        for _ in 0..10 {
            let Ok(response) = client.get(next.clone()).send() else {
                return;
            };
            let location = response
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|l| next.join(l).ok());
            match location {
                Some(to) if response.status().is_redirection() => {
                    match crate::net::http::check_url(to.as_str(), "a redirect") {
                        Ok(to) => next = to,
                        Err(_) => return,
                    }
                }
                _ => return,
            }
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::browser_commands;

    const URL: &str = "https://idp.example/auth?a=1&b=2";

    fn ok(browser: &str) -> Vec<(String, Vec<String>)> {
        browser_commands(browser, URL)
            .into_iter()
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn browser_is_a_command_line_with_the_url_last_or_at_percent_s() {
        assert_eq!(ok("firefox"), [("firefox".into(), vec![URL.to_string()])]);
        assert_eq!(
            ok("firefox --new-window"),
            [(
                "firefox".into(),
                vec!["--new-window".into(), URL.to_string()]
            )]
        );
        assert_eq!(
            ok("'/opt/My Browser/run' --url=%s --flag"),
            [(
                "/opt/My Browser/run".into(),
                vec![format!("--url={URL}"), "--flag".into()]
            )]
        );
    }

    #[test]
    fn browser_is_a_list_tried_in_order() {
        let list = ok("nope-browser:chromium --incognito: :lynx %s");
        let programs: Vec<&str> = list.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(programs, ["nope-browser", "chromium", "lynx"]);
        assert_eq!(list[2].1, [URL]);
        assert!(browser_commands("'unclosed", URL)[0].is_err());
    }

    #[test]
    fn wsl_openers_keep_the_query_whole() {
        let url = "https://idp.example/auth?a=1&state=x'y";
        let openers = super::wsl_openers(url);
        assert_eq!(openers[0], ("wslview", vec![url.to_string()]));
        assert_eq!(
            openers[1].1[3],
            "Start-Process 'https://idp.example/auth?a=1&state=x''y'"
        );
        assert_eq!(openers[2].0, "cmd.exe");
        assert_eq!(
            openers[2].1,
            [
                "/c",
                "start",
                "\"\"",
                "https://idp.example/auth?a=1^&state=x'y"
            ]
        );
    }
}
