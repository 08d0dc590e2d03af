//! `$BROWSER` read as xdg-open and Python's webbrowser read it (src/net/browser.rs): a command
//! line with arguments, a `:`-separated list tried in order, `%s` for the URL; and an opener
//! that fails is told in words. The browsers here are shell scripts that record their argv;
//! the one that succeeds hands the URL to the scripted browser, which signs in at the real
//! provider.

use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;

use crate::support::*;

/// A script at `dir/name` that appends each of its arguments, one per line, then a `--` line,
/// to `dir/name.argv`, and then runs `then`.
fn recorder(dir: &Path, name: &str, then: &str) -> String {
    let path = dir.join(name);
    let log = dir.join(format!("{name}.argv"));
    std::fs::write(
        &path,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '{}'; done\necho -- >> '{}'\n{then}\n",
            log.display(),
            log.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.display().to_string()
}

fn argv(dir: &Path, name: &str) -> Vec<String> {
    std::fs::read_to_string(dir.join(format!("{name}.argv")))
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn browser_is_a_list_of_command_lines_tried_in_order() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    let dir = &env.o.home;
    let failing = recorder(dir, "failing", "exit 3");
    // The last entry takes the URL through %s, then hands it to the scripted browser.
    let browser = recorder(
        dir,
        "browser",
        &format!(
            "exec '{}' \"${{2#--url=}}\"",
            provider_dir().join("browser.sh").display()
        ),
    );
    let mut cmd = env.cmd("login", &["--timeout", "60"]);
    with_browser(&mut cmd, "approve", &env.log);
    cmd.env(
        "BROWSER",
        format!(
            "{}/not-installed:{failing} --new-window:{browser} --private-window --url=%s",
            dir.display()
        ),
    );
    let out = cmd.output().unwrap();
    assert_no_panic(&out);
    ok(&out);

    let failed = argv(dir, "failing");
    assert_eq!(failed.len(), 3, "{failed:?}");
    assert_eq!(failed[0], "--new-window");
    assert!(
        failed[1].contains("/auth?"),
        "the URL comes last: {failed:?}"
    );
    let used = argv(dir, "browser");
    assert_eq!(used[0], "--private-window");
    assert!(
        used[1].starts_with("--url=") && used[1].contains("code_challenge_method=S256"),
        "%s is the URL: {used:?}"
    );
    assert_eq!(used[2], "--");
    // The entries that failed were tried first, and no raw status is shown.
    let err = stderr(&out);
    assert!(!err.contains("ExitStatus"), "{err}");
    assert!(err.contains("Opened your browser"), "{err}");
    assert_eq!(env.token(&[]).status.code(), Some(0));
}

#[test]
fn a_failing_browser_is_told_in_plain_words_with_a_hint() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    let dir = &env.o.home;
    let failing = recorder(dir, "failing", "exit 3");
    let mut cmd = env.cmd("login", &["--timeout", "3"]);
    cmd.env(
        "BROWSER",
        format!("{failing}:{}/not-installed --flag", dir.display()),
    );
    let out = cmd.output().unwrap();
    assert_no_panic(&out);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert!(
        err.contains(&format!(
            "warning: could not open a browser: $BROWSER {failing} exited with status 3; {}/not-installed was not found",
            dir.display()
        )),
        "{err}"
    );
    assert!(!err.contains("ExitStatus"), "{err}");
    assert!(err.contains("Open this URL in a browser"), "{err}");
    assert!(err.contains("hint: --no-browser"), "{err}");
    assert!(err.contains("--paste"), "{err}");
    assert_eq!(argv(dir, "failing").len(), 2);
}
