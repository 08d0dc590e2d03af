//! Opening a URL for the user: `$BROWSER URL` when BROWSER is set (as xdg-open and git do),
//! else the platform's opener. The browser's own output never reaches oidctl's terminal.

use std::process::{Command, Stdio};

/// Starts the browser on `url`; `Err` says why it could not be started.
pub fn open(url: &str) -> Result<(), String> {
    match std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty())
    {
        Some(browser) => {
            let mut child = Command::new(browser.trim())
                .arg(url)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .map_err(|e| format!("$BROWSER ({browser}) could not be started: {e}"))?;
            // Reap it whenever it ends, without waiting for it here.
            std::thread::spawn(move || child.wait());
            Ok(())
        }
        None => open::that_detached(url).map_err(|e| format!("no browser could be opened: {e}")),
    }
}

/// Whether a browser can be opened here: `$BROWSER` is set, or a desktop session is likely
/// (a terminal on macOS or Windows; a terminal with a display on other systems).
pub fn available(stderr_is_tty: bool) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    if set("BROWSER") {
        return true;
    }
    stderr_is_tty
        && (cfg!(any(target_os = "macos", windows)) || set("DISPLAY") || set("WAYLAND_DISPLAY"))
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
