//! Opening a URL for the user: `$BROWSER URL` when BROWSER is set (as xdg-open and git do),
//! else the platform's opener (inside WSL, the Windows browser: `wslview`, else PowerShell's
//! `Start-Process`, else `cmd.exe /c start`; never xdg-open). The browser's own output never
//! reaches oidctl's terminal.

use std::process::{Command, Stdio};

/// Starts the browser on `url`; `Err` says why it could not be started.
pub fn open(url: &str) -> Result<(), String> {
    match std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty())
    {
        Some(browser) => spawn(browser.trim(), &[url])
            .map_err(|e| format!("$BROWSER ({browser}) could not be started: {e}")),
        None if crate::net::remote::here().wsl => {
            let mut tried = Vec::new();
            for (program, args) in wsl_openers(url) {
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                match spawn(program, &args) {
                    Ok(()) => return Ok(()),
                    Err(e) => tried.push(format!("{program}: {e}")),
                }
            }
            Err(format!(
                "the Windows browser could not be opened from WSL ({})",
                tried.join("; ")
            ))
        }
        None => open::that_detached(url).map_err(|e| format!("no browser could be opened: {e}")),
    }
}

/// Starts `program args` detached from oidctl's terminal, and reaps it whenever it ends.
fn spawn(program: &str, args: &[&str]) -> std::io::Result<()> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    std::thread::spawn(move || child.wait());
    Ok(())
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
