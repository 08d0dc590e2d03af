//! `call` against a protected test API (tests/provider/api.mjs) that checks each bearer token by
//! introspection at the real provider, and `exec`'s environment, exit codes and signals.

use crate::support::*;

fn call(env: &Env, args: &[&str]) -> std::process::Output {
    let out = env.cmd("call", args).output().unwrap();
    assert_no_panic(&out);
    out
}

#[test]
fn call_sends_a_fresh_token() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    ok(&env.login("approve", &[]));
    let api = Api::start(&env.provider.issuer, &[]);
    let me = format!("{}/me", api.url);

    let out = call(&env, &[&me]);
    ok(&out);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["sub"], "alice");
    assert_eq!(doc["method"], "GET");
    assert_eq!(doc["client_id"], CLIENT);

    // A body makes it a POST; an explicit method and headers are sent as given.
    let out = call(&env, &[&me, "-d", r#"{"n":1}"#]);
    ok(&out);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (doc["method"].as_str(), doc["body"].as_str()),
        (Some("POST"), Some(r#"{"n":1}"#))
    );
    let body = env.o.home.join("body.txt");
    std::fs::write(&body, "from a file").unwrap();
    let out = call(
        &env,
        &[
            "put",
            &me,
            "-H",
            "X-Trace: 1",
            "-d",
            &format!("@{}", body.display()),
        ],
    );
    ok(&out);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (doc["method"].as_str(), doc["body"].as_str()),
        (Some("PUT"), Some("from a file"))
    );

    // -v: status and headers on stderr, never the token.
    let out = call(&env, &["-v", &me]);
    ok(&out);
    let err = stderr(&out);
    assert!(err.contains("200 OK"), "{err}");
    assert!(err.contains("content-type: application/json"), "{err}");
    let at = stdout(&env.token(&[])).trim().to_string();
    assert!(!err.contains(&at), "the token never reaches stderr");

    // Exit 0 only for 2xx; the body still goes to stdout.
    let out = call(&env, &[&format!("{}/status/404", api.url)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), r#"{"status":404}"#);
    assert!(
        stderr(&out).contains("answered HTTP 404 Not Found"),
        "{}",
        stderr(&out)
    );
    assert_eq!(api.events()["authorized"], 5);
}

#[test]
fn call_renews_the_token_once_after_a_401() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    ok(&env.login("approve", &[]));
    let api = Api::start(&env.provider.issuer, &["--fail-first", "1"]);
    let out = call(&env, &[&format!("{}/me", api.url)]);
    ok(&out);
    let events = api.events();
    assert_eq!(events["retry_401_sent"], 1, "{events}");
    assert_eq!(
        events["seen_tokens"], 2,
        "the retry carried a new token: {events}"
    );
    assert_eq!(env.provider.count("grant.success:refresh_token"), 1);
}

#[test]
fn call_shows_the_apis_refusal() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    ok(&env.login("approve", &[]));
    let api = Api::start(&env.provider.issuer, &["--fail-first", "2"]);
    let out = call(&env, &[&format!("{}/me", api.url)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("answered HTTP 401 Unauthorized"), "{err}");
    assert!(
        err.contains("caused by: invalid_token: token revoked (test)"),
        "{err}"
    );
    assert!(
        err.contains("hint: the API refused even a renewed token"),
        "{err}"
    );
    assert_eq!(api.events()["retry_401_sent"], 2, "one retry, not more");
}

#[test]
fn call_refuses_what_would_leak_the_token() {
    for (args, says) in [
        (vec!["http://api.example.com/me"], "plain http"),
        (
            vec!["https://api.example.com/me", "-H", "Authorization: Basic x"],
            "sends the bearer token itself",
        ),
        (
            vec!["FETCH ME", "https://api.example.com/me"],
            "not an HTTP method",
        ),
        (
            vec!["https://api.example.com/me", "-H", "no-colon"],
            "expected 'Name: value'",
        ),
    ] {
        let out = oidctl().arg("call").args(&args).output().unwrap();
        assert_no_panic(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn exec_passes_tokens_exit_codes_and_signals() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    ok(&env.login("approve", &[]));
    let at = stdout(&env.token(&[])).trim().to_string();
    let id = stdout(&env.token(&["--id-token"])).trim().to_string();

    let out = env
        .cmd(
            "exec",
            &[
                "--",
                "sh",
                "-c",
                r#"printf '%s\n%s\n' "$OIDCTL_ACCESS_TOKEN" "$OIDCTL_ID_TOKEN"; exit 7"#,
            ],
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("{at}\n{id}\n"));

    // oidctl becomes the command: a signal that ends it ends "oidctl".
    use std::os::unix::process::ExitStatusExt as _;
    let out = env
        .cmd("exec", &["--", "sh", "-c", "kill -TERM $$"])
        .output()
        .unwrap();
    assert_eq!(out.status.signal(), Some(15), "{:?}", out.status);
    // A signal sent to oidctl's pid reaches the command.
    let mut child = spawnable(&env.cmd(
        "exec",
        &[
            "--",
            "sh",
            "-c",
            "trap 'exit 42' USR1; while :; do sleep 0.05; done",
        ],
    ))
    .spawn()
    .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(800));
    std::process::Command::new("kill")
        .args(["-USR1", &child.id().to_string()])
        .status()
        .unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(42));

    let out = env
        .cmd("exec", &["--", "no-such-command-oidctl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(127), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot run no-such-command-oidctl"),
        "{}",
        stderr(&out)
    );
    let not_executable = env.o.home.join("data.txt");
    std::fs::write(&not_executable, "just data").unwrap();
    let out = env
        .cmd("exec", &["--", not_executable.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(126), "{}", stderr(&out));

    // No sign-in: exit 4, and the command never runs.
    let fresh = Oidctl::new();
    let out = fresh
        .cmd()
        .args([
            "exec",
            "--issuer",
            &env.provider.issuer,
            "--client-id",
            CLIENT,
            "--store",
            "file",
            "--",
            "touch",
        ])
        .arg(fresh.home.join("ran"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(!fresh.home.join("ran").exists());
}

#[test]
fn concurrent_calls_make_one_refresh() {
    needs!(Part::Node);
    // As concurrent_callers_make_one_refresh (login.rs), through `call`: every process needs
    // a refresh before its request; one refresh happens, and every request carries its token.
    let callers = crate::login::CALLERS;
    let env = Env::new(&["--access-token-ttl", "4"]);
    ok(&env.login("approve", &[]));
    let api = Api::start(&env.provider.issuer, &[]);
    let me = format!("{}/me", api.url);
    std::thread::sleep(std::time::Duration::from_secs(4));
    let children: Vec<_> = (0..callers)
        .map(|_| {
            spawnable(&env.cmd("call", &[&me]))
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        ok(&out);
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(doc["sub"], "alice");
    }
    assert_eq!(
        env.provider.count("grant.success:refresh_token"),
        1,
        "{}",
        env.provider.events()
    );
    let events = api.events();
    assert_eq!(events["authorized"], callers as u64, "{events}");
    assert_eq!(events["seen_tokens"], 1, "one token for all: {events}");
}

#[test]
fn call_takes_curls_method_flag_and_a_url_without_scheme_as_https() {
    needs!(Part::Node);
    let env = Env::new(&[]);
    ok(&env.login("approve", &[]));
    let api = Api::start(&env.provider.issuer, &[]);
    let me = format!("{}/me", api.url);
    let method = |out: &std::process::Output| {
        ok(out);
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        doc["method"].as_str().unwrap_or_default().to_string()
    };
    // curl's -X/--request, in any case; it wins over -d's POST.
    assert_eq!(
        method(&call(&env, &["-X", "PATCH", &me, "-d", "{}"])),
        "PATCH"
    );
    assert_eq!(method(&call(&env, &["--request", "delete", &me])), "DELETE");
    assert_eq!(method(&call(&env, &["put", &me])), "PUT");

    // A method with no URL, or a method given twice: usage errors that show the right form.
    let out = call(&env, &["GET"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: GET is a method, and no URL follows it"),
        "{err}"
    );
    assert!(err.contains("hint: oidctl call GET https://"), "{err}");
    let out = call(&env, &["-X", "POST", "PUT", &me]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the method is given twice"),
        "{}",
        stderr(&out)
    );

    // No scheme: https:// is assumed, never plain http, so the plain-http test API is reached
    // over TLS only and fails; the message names the https URL.
    let bare = me.trim_start_matches("http://").to_string();
    let out = call(&env, &[&bare]);
    assert_ne!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert!(err.contains(&format!("https://{bare}")), "{err}");
    let at = stdout(&env.token(&[])).trim().to_string();
    assert!(!err.contains(&at));
}
