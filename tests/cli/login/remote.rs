//! Signing in when the browser is elsewhere: `--paste` in a real terminal (a pty made by
//! script(1)), the SSH and WSL hints, and redirect port lists, against the real provider.

use std::io::{Read as _, Write as _};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::*;

/// `oidctl login ARGS` in a pseudo-terminal: what it prints, and a way to type into it.
struct Terminal {
    child: std::process::Child,
    screen: Arc<Mutex<String>>,
}

impl Terminal {
    fn start(env: &Env, args: &[&str]) -> Terminal {
        let oidctl = spawnable(&env.cmd("login", args));
        let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
        let line = std::iter::once(oidctl.get_program().to_string_lossy().into_owned())
            .chain(oidctl.get_args().map(|a| a.to_string_lossy().into_owned()))
            .map(|a| quote(&a))
            .collect::<Vec<_>>()
            .join(" ");
        // -E always: the pty echoes what is typed, unless oidctl turns echo off itself.
        let mut script = Command::new("script");
        script.args(["-q", "-e", "-E", "always", "-c", &line, "/dev/null"]);
        for (k, v) in oidctl.get_envs() {
            match v {
                Some(v) => script.env(k, v),
                None => script.env_remove(k),
            };
        }
        let mut child = script
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("script(1) from util-linux");
        let screen = Arc::new(Mutex::new(String::new()));
        let mut out = child.stdout.take().unwrap();
        let shared = screen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = out.read(&mut buf) {
                if n == 0 {
                    break;
                }
                shared
                    .lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Terminal { child, screen }
    }

    fn screen(&self) -> String {
        self.screen.lock().unwrap().clone()
    }

    /// Waits until the screen shows `text` `times` times.
    fn wait_for(&self, text: &str, times: usize) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let screen = self.screen();
            if screen.matches(text).count() >= times {
                return screen;
            }
            assert!(Instant::now() < deadline, "no {text:?} on:\n{screen}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn type_line(&mut self, text: &str) {
        let stdin = self.child.stdin.as_mut().unwrap();
        stdin.write_all(format!("{text}\r").as_bytes()).unwrap();
        stdin.flush().unwrap();
    }

    fn exit(mut self) -> (Option<i32>, String) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(200));
                return (status.code(), self.screen());
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("oidctl did not end:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// The authorization URL oidctl printed.
fn authorization_url(screen: &str, issuer: &str) -> String {
    screen
        .split_whitespace()
        .find(|w| w.starts_with(issuer) && w.contains("state="))
        .unwrap_or_else(|| panic!("no authorization URL on:\n{screen}"))
        .to_string()
}

/// The scripted browser signs in at `url` and stops at the redirect to oidctl, without
/// connecting to it; the address it ended on.
fn browse_to_redirect(env: &Env, url: &str, mode: &str) -> String {
    let status = Command::new("node")
        .arg(provider_dir().join("browser.mjs"))
        .arg(url)
        .env("TEST_BROWSER_MODE", mode)
        .env("TEST_BROWSER_STOP", "1")
        .env("TEST_BROWSER_LOG", &env.log)
        .status()
        .unwrap();
    assert!(status.success());
    let redirect = browser_event(&env.log, "redirect");
    assert!(
        browser_log(&env.log)
            .iter()
            .all(|e| e["event"] != "callback"),
        "the browser did not connect to the listener"
    );
    let _ = std::fs::remove_file(&env.log);
    redirect["url"].as_str().unwrap().to_string()
}

#[test]
fn paste_signs_in_after_a_garbage_and_a_wrong_state_paste() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    let mut term = Terminal::start(&env, &["--paste"]);
    let screen = term.wait_for("paste it here", 1);
    let url = authorization_url(&screen, &env.provider.issuer);
    // One sign-in at a time holds while oidctl waits for a paste.
    let second = env
        .cmd("login", &["--no-browser", "--timeout", "1"])
        .output()
        .unwrap();
    assert!(
        stderr(&second).contains("already in progress"),
        "{}",
        stderr(&second)
    );
    let address = browse_to_redirect(&env, &url, "approve");
    assert!(address.starts_with("http://127.0.0.1:"), "{address}");
    let code = url::Url::parse(&address)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .into_owned();

    term.type_line("hello, is this thing on?");
    term.wait_for("not the address the browser ended on", 1);
    term.type_line(&address.replace("state=", "state=x"));
    term.wait_for("state does not match", 1);
    term.type_line(&address);
    let (status, screen) = term.exit();
    assert_eq!(status, Some(0), "{screen}");
    assert!(screen.contains("Signed in as alice at"), "{screen}");
    assert!(screen.contains("1 of 3 tries left"), "{screen}");
    assert!(
        !screen.contains(&code) && !screen.contains("hello, is this"),
        "what is pasted is never echoed:\n{screen}"
    );
    // Verified and stored: the token is there without a browser.
    let token = env.token(&[]);
    ok(&token);
    assert_eq!(env.provider.count("grant.success:authorization_code"), 1);
}

#[test]
fn paste_of_a_refusal_is_said_and_three_bad_pastes_end_the_sign_in() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    let mut term = Terminal::start(&env, &["--paste"]);
    let screen = term.wait_for("paste it here", 1);
    let url = authorization_url(&screen, &env.provider.issuer);
    let refused = browse_to_redirect(&env, &url, "deny");
    assert!(refused.contains("error=access_denied"), "{refused}");
    term.type_line(&refused);
    term.wait_for("the provider refused the sign-in: access_denied", 1);
    term.type_line("%%%");
    term.wait_for("tries left", 2);
    term.type_line("code=abc");
    let (status, screen) = term.exit();
    assert_eq!(status, Some(4), "{screen}");
    assert!(
        screen.contains("error: 3 pasted addresses were not accepted"),
        "{screen}"
    );
    assert!(!screen.contains("panicked"), "{screen}");
    assert_eq!(env.token(&[]).status.code(), Some(4), "nothing was stored");
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn ssh_hints_ports_and_the_windows_browser() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let taken = busy.local_addr().unwrap().port();
    let port = free_port();

    // Over SSH, not on a terminal: the URL, the exact forward for the port, and --device.
    let list = format!("{taken},{port}");
    let out = env
        .cmd(
            "login",
            &["--no-browser", "--timeout", "1", "--redirect-port", &list],
        )
        .env("SSH_CONNECTION", "203.0.113.7 51234 198.51.100.2 22")
        .env("USER", "ada")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("ssh -L {port}:127.0.0.1:{port} ada@198.51.100.2")),
        "the second port of the list, the first being busy: {err}"
    );
    assert!(err.contains("oidctl login --device"), "{err}");
    assert!(!err.contains("pin it"), "the port is pinned already: {err}");

    // A busy single port is named, with how to choose another.
    let out = env
        .cmd(
            "login",
            &["--no-browser", "--redirect-port", &taken.to_string()],
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&format!("port {taken} is not free")), "{err}");
    assert!(err.contains("--redirect-port"), "{err}");

    // WSL: the Windows browser (here a stand-in wslview on PATH), never xdg-open.
    let bin = env.o.home.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let opened = env.o.home.join("opened");
    let wslview = bin.join("wslview");
    std::fs::write(
        &wslview,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    std::fs::set_permissions(
        &wslview,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let out = env
        .cmd("login", &["--timeout", "2"])
        .env("WSL_DISTRO_NAME", "Ubuntu")
        .env("PATH", path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err = stderr(&out);
    assert!(err.contains("Opened your browser"), "{err}");
    assert!(!err.contains("xdg-open"), "{err}");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !opened.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let url = std::fs::read_to_string(&opened).unwrap();
    assert!(
        url.starts_with(&env.provider.issuer) && url.contains("state="),
        "{url}"
    );
    drop(busy);
}
