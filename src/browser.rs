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
