//! The harness: the real binary with a clean environment, the fixtures, a signing helper for
//! tokens whose claims depend on the test (a server's random port), and a small HTTP server on
//! 127.0.0.1:0 that serves fixed documents and counts requests. What a test needs besides Rust
//! (node and the test provider, a Secret Service, Chromium, openssl) is checked in support/parts.rs.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use assert_cmd::Command;
use base64::Engine as _;

mod parts;
pub use parts::{Part, available};
pub(crate) use parts::{needs, require};

/// Fixtures made by jwcrypto (tests/fixtures/README.md); `OIDCTL_TEST_FIXTURES` points the
/// suite at a freshly generated set instead.
pub fn fixtures() -> PathBuf {
    match std::env::var_os("OIDCTL_TEST_FIXTURES") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
    }
}

pub fn fixture(rel: &str) -> PathBuf {
    fixtures().join(rel)
}

pub fn read(rel: &str) -> String {
    std::fs::read_to_string(fixture(rel)).unwrap_or_else(|e| panic!("fixture {rel}: {e}"))
}

/// `oidctl` with an empty home, its own cache, no colour and none of the user's OIDCTL_* settings.
/// Calls made from one `Oidctl` share that home (and so the document cache).
pub struct Oidctl {
    pub home: PathBuf,
}

impl Oidctl {
    pub fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let home = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
            "home-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&home);
        std::fs::create_dir_all(&home).expect("test home");
        Oidctl { home }
    }

    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("oidctl").expect("binary");
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("OIDCTL_") {
                cmd.env_remove(key);
            }
        }
        let home = &self.home;
        cmd.env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("NO_COLOR", "1")
            .env_remove("CLICOLOR_FORCE")
            // Never the developer's own keyring: tests that want one start a KeyringSession.
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .env_remove("BROWSER");
        // Where oidctl runs (SSH, WSL, a multiplexer) is what the tests say, not the machine's.
        for place in [
            "SSH_CONNECTION",
            "SSH_TTY",
            "WSL_DISTRO_NAME",
            "WSL_INTEROP",
            "TMUX",
            "STY",
        ] {
            cmd.env_remove(place);
        }
        for proxy in [
            "HTTPS_PROXY",
            "https_proxy",
            "HTTP_PROXY",
            "http_proxy",
            "ALL_PROXY",
            "all_proxy",
        ] {
            cmd.env_remove(proxy);
        }
        cmd
    }
}

impl Drop for Oidctl {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.home);
    }
}

/// A one-off `oidctl` in a fresh home (left under target/ for inspection).
pub fn oidctl() -> Command {
    let o = Oidctl::new();
    let cmd = o.cmd();
    std::mem::forget(o);
    cmd
}

pub fn b64(data: impl AsRef<[u8]>) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(data)
}

/// An RS256 token signed with tests/fixtures/keys/rs256.key.pem.
pub fn sign_rs256(header: &str, claims: &str) -> String {
    sign_rs256_with("keys/rs256.key.pem", header, claims)
}

pub fn sign_rs256_with(key: &str, header: &str, claims: &str) -> String {
    let pem = pem::parse(read(key)).expect("PEM");
    let pair = aws_lc_rs::signature::RsaKeyPair::from_pkcs8(pem.contents()).expect("RSA key");
    let input = format!("{}.{}", b64(header), b64(claims));
    let mut sig = vec![0; pair.public_modulus_len()];
    pair.sign(
        &aws_lc_rs::signature::RSA_PKCS1_SHA256,
        &aws_lc_rs::rand::SystemRandom::new(),
        input.as_bytes(),
        &mut sig,
    )
    .expect("sign");
    format!("{input}.{}", b64(sig))
}

#[derive(Clone)]
pub struct Route {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Route {
    pub fn json(body: impl Into<String>) -> Self {
        Route {
            status: 200,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.into(),
        }
    }

    /// An answer with any status and content type.
    pub fn with(status: u16, content_type: &str, body: impl Into<String>) -> Self {
        Route {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// A request as the server saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A loopback HTTP server: unknown paths get 404; every request is counted by path and kept.
pub struct Server {
    pub url: String,
    routes: Arc<Mutex<HashMap<String, Vec<Route>>>>,
    hits: Arc<Mutex<HashMap<String, usize>>>,
    seen: Arc<Mutex<Vec<Seen>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    pub fn start() -> Self {
        let server = tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let url = format!(
            "http://{}",
            server.server_addr().to_ip().expect("ip address")
        );
        let routes: Arc<Mutex<HashMap<String, Vec<Route>>>> = Arc::default();
        let hits: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let (r, h, s, k) = (routes.clone(), hits.clone(), stop.clone(), seen.clone());
        let thread = std::thread::spawn(move || {
            while !s.load(Ordering::SeqCst) {
                let Ok(Some(mut request)) =
                    server.recv_timeout(std::time::Duration::from_millis(50))
                else {
                    continue;
                };
                let path = request.url().to_string();
                let mut body = String::new();
                let _ = std::io::Read::read_to_string(request.as_reader(), &mut body);
                k.lock().unwrap().push(Seen {
                    path: path.clone(),
                    headers: request
                        .headers()
                        .iter()
                        .map(|h| (h.field.to_string(), h.value.to_string()))
                        .collect(),
                    body,
                });
                *h.lock().unwrap().entry(path.clone()).or_default() += 1;
                // A sequence answers in order, then repeats its last answer.
                let route = r.lock().unwrap().get_mut(&path).and_then(|seq| {
                    if seq.len() > 1 {
                        Some(seq.remove(0))
                    } else {
                        seq.first().cloned()
                    }
                });
                let response = match route {
                    Some(route) => {
                        let mut resp = tiny_http::Response::from_string(route.body)
                            .with_status_code(route.status);
                        for (k, v) in route.headers {
                            resp.add_header(
                                tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).unwrap(),
                            );
                        }
                        resp
                    }
                    None => tiny_http::Response::from_string("not found").with_status_code(404),
                };
                let _ = request.respond(response);
            }
        });
        Server {
            url,
            routes,
            hits,
            seen,
            stop,
            thread: Some(thread),
        }
    }

    pub fn route(&self, path: &str, route: Route) {
        self.routes.lock().unwrap().insert(path.into(), vec![route]);
    }

    /// Answers requests to `path` with `routes` in order; the last one repeats.
    pub fn sequence(&self, path: &str, routes: Vec<Route>) {
        self.routes.lock().unwrap().insert(path.into(), routes);
    }

    pub fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }

    /// The requests to `path`, in order.
    pub fn requests(&self, path: &str) -> Vec<Seen> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.path == path)
            .cloned()
            .collect()
    }

    pub fn total_hits(&self) -> usize {
        self.hits.lock().unwrap().values().sum()
    }

    /// Serves discovery metadata naming this server as issuer, with its `/token` endpoint and
    /// the `extra` members (`"name":value` pairs, `{0}` standing for the server's URL).
    pub fn metadata(&self, extra: &str) -> &Self {
        let mut doc = format!(r#"{{"issuer":"{0}","token_endpoint":"{0}/token""#, self.url);
        if !extra.is_empty() {
            doc.push(',');
            doc.push_str(&extra.replace("{0}", &self.url));
        }
        doc.push('}');
        self.route("/.well-known/openid-configuration", Route::json(doc));
        self
    }

    /// Serves an OpenID discovery document for `issuer_path` (with `issuer` as stated) and the
    /// fixture JWKS at /jwks.
    pub fn provider(&self, issuer_path: &str, stated_issuer: &str, jwks: &str) {
        self.route(
            &format!("{issuer_path}/.well-known/openid-configuration"),
            Route::json(format!(
                r#"{{"issuer":"{stated_issuer}","jwks_uri":"{}/jwks","authorization_endpoint":"{0}/authorize","token_endpoint":"{0}/token"}}"#,
                self.url
            )),
        );
        self.route("/jwks", Route::json(jwks));
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// No run may panic, whatever it is given.
pub fn assert_no_panic(output: &std::process::Output) {
    let err = stderr(output);
    assert!(!err.contains("panicked"), "oidctl panicked: {err}");
    assert_ne!(output.status.code(), Some(101), "oidctl panicked: {err}");
}

/// A private Secret Service for one test: its own D-Bus session bus and an unlocked
/// gnome-keyring-daemon holding its keyrings in a temporary directory, so tests never touch
/// the developer's keyring. Commands see it through `DBUS_SESSION_BUS_ADDRESS`.
pub struct KeyringSession {
    pub address: String,
    dbus: std::process::Child,
    keyring: std::process::Child,
    _dir: tempfile::TempDir,
}

impl KeyringSession {
    pub fn start() -> Self {
        use std::io::{BufRead as _, Write as _};
        use std::process::{Command as Std, Stdio};
        require(Part::SecretService);
        let dir = tempfile::tempdir().expect("temp dir");
        let mut dbus = Std::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon (package dbus) must be installed: scripts/test.sh installs it");
        let mut address = String::new();
        std::io::BufReader::new(dbus.stdout.take().unwrap())
            .read_line(&mut address)
            .expect("bus address");
        let address = address.trim().to_string();
        let mut keyring = Std::new("gnome-keyring-daemon")
            .args(["--foreground", "--unlock", "--components=secrets"])
            .env("DBUS_SESSION_BUS_ADDRESS", &address)
            .env("XDG_DATA_HOME", dir.path())
            .env("XDG_RUNTIME_DIR", dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("gnome-keyring-daemon (package gnome-keyring) must be installed: scripts/test.sh installs it");
        // The unlock password, then EOF.
        keyring
            .stdin
            .take()
            .unwrap()
            .write_all(b"test-password")
            .unwrap();
        // Ready when the Secret Service name is owned on the bus.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let out = Std::new("dbus-send")
                .args([
                    "--session",
                    "--print-reply",
                    "--dest=org.freedesktop.DBus",
                    "/org/freedesktop/DBus",
                    "org.freedesktop.DBus.NameHasOwner",
                    "string:org.freedesktop.secrets",
                ])
                .env("DBUS_SESSION_BUS_ADDRESS", &address)
                .output()
                .expect("dbus-send");
            if String::from_utf8_lossy(&out.stdout).contains("boolean true") {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "gnome-keyring-daemon did not come up"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        KeyringSession {
            address,
            dbus,
            keyring,
            _dir: dir,
        }
    }

    /// A command that uses this keyring.
    pub fn apply(&self, cmd: &mut Command) {
        cmd.env("DBUS_SESSION_BUS_ADDRESS", &self.address);
    }
}

impl Drop for KeyringSession {
    fn drop(&mut self) {
        let _ = self.keyring.kill();
        let _ = self.keyring.wait();
        let _ = self.dbus.kill();
        let _ = self.dbus.wait();
    }
}

/// The real OpenID Certified provider (`oidc-provider`, tests/provider/server.mjs) on
/// 127.0.0.1 with a random port; it dies with the test (its stdin closes).
pub struct Provider {
    pub issuer: String,
    /// The provider's own log (its stderr).
    pub log: PathBuf,
    child: std::process::Child,
}

pub fn provider_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/provider")
}

impl Provider {
    pub fn start(args: &[&str]) -> Self {
        let (child, ready, log) = start_node("server.mjs", args);
        Provider {
            issuer: ready["issuer"].as_str().unwrap().to_string(),
            log,
            child,
        }
    }

    /// A test hook's JSON (`GET /__test/NAME`), over TLS too.
    fn hook(&self, name: &str) -> serde_json::Value {
        let client = reqwest::blocking::Client::builder()
            .danger_accept_invalid_certs(true)
            .build()
            .unwrap();
        let text = client
            .get(format!("{}/__test/{name}", self.issuer))
            .send()
            .unwrap()
            .text()
            .unwrap();
        serde_json::from_str(&text).unwrap()
    }

    /// The provider's event counters (`GET /__test/events`).
    pub fn events(&self) -> serde_json::Value {
        self.hook("events")
    }

    pub fn count(&self, event: &str) -> u64 {
        self.events()[event].as_u64().unwrap_or(0)
    }

    /// Every secret that crossed the provider (`GET /__test/secrets`).
    pub fn secrets(&self) -> Vec<String> {
        self.hook("secrets")["secrets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    }
}

/// The protected test API (tests/provider/api.mjs): checks bearer tokens by introspection at
/// `issuer`; dies with the test.
pub struct Api {
    pub url: String,
    child: std::process::Child,
}

impl Api {
    pub fn start(issuer: &str, args: &[&str]) -> Self {
        let (child, ready, _) = start_node("api.mjs", &[&["--issuer", issuer], args].concat());
        Api {
            url: ready["url"].as_str().unwrap().to_string(),
            child,
        }
    }

    /// The API's counters (`GET /__test/events`).
    pub fn events(&self) -> serde_json::Value {
        let text = reqwest::blocking::get(format!("{}/__test/events", self.url))
            .unwrap()
            .text()
            .unwrap();
        serde_json::from_str(&text).unwrap()
    }
}

impl Drop for Api {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The fake Microsoft Entra ID (tests/provider/entra.mjs); dies with the test.
pub struct Entra {
    /// What `OIDCTL_AUTHORITY_HOST` names: `http://127.0.0.1:PORT`.
    pub authority: String,
    pub tenant_id: String,
    pub tenant_domain: String,
    child: std::process::Child,
}

impl Entra {
    pub const PUBLIC_APP: &str = "0d1c7e57-0000-4000-8000-00000000a001";
    pub const SPA_APP: &str = "0d1c7e57-0000-4000-8000-00000000a002";
    pub const WEB_APP: &str = "0d1c7e57-0000-4000-8000-00000000a003";
    pub const WEB_APP_SECRET: &str = "entra-test-secret";
    pub const V2_API_APP: &str = "0d1c7e57-0000-4000-8000-0000000000b2";

    pub fn start(args: &[&str]) -> Self {
        let (child, ready, _log) = start_node("entra.mjs", args);
        let field = |k: &str| ready[k].as_str().unwrap().to_string();
        Entra {
            authority: field("authority"),
            tenant_id: field("tenant_id"),
            tenant_domain: field("tenant_domain"),
            child,
        }
    }

    pub fn events(&self) -> serde_json::Value {
        let text = reqwest::blocking::get(format!("{}/__test/events", self.authority))
            .unwrap()
            .text()
            .unwrap();
        serde_json::from_str(&text).unwrap()
    }

    pub fn count(&self, event: &str) -> u64 {
        self.events()[event].as_u64().unwrap_or(0)
    }

    /// POSTs JSON to a test hook and returns its answer.
    pub fn hook(&self, path: &str, body: serde_json::Value) -> serde_json::Value {
        let text = reqwest::blocking::Client::new()
            .post(format!("{}{path}", self.authority))
            .header("Content-Type", "application/json")
            .body(body.to_string())
            .send()
            .unwrap()
            .text()
            .unwrap();
        serde_json::from_str(&text).unwrap()
    }
}

impl Drop for Entra {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `node tests/provider/SCRIPT --exit-on-stdin-close ARGS` and reads its one JSON ready
/// line; its stderr goes to a log under target/ (one per start), whose path is returned.
fn start_node(script: &str, args: &[&str]) -> (std::process::Child, serde_json::Value, PathBuf) {
    use std::io::BufRead as _;
    use std::process::{Command as Std, Stdio};
    require(Part::Node);
    let dir = provider_dir();
    static STARTS: AtomicUsize = AtomicUsize::new(0);
    let log_path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "{}-{}-{}.log",
        script.trim_end_matches(".mjs"),
        std::process::id(),
        STARTS.fetch_add(1, Ordering::SeqCst)
    ));
    let log = std::fs::File::create(&log_path).expect("log file");
    let mut child = Std::new("node")
        .arg(dir.join(script))
        .arg("--exit-on-stdin-close")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(log)
        .spawn()
        .expect("node must be installed");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .expect("ready line");
    let ready = serde_json::from_str(&line)
        .unwrap_or_else(|e| panic!("{script} did not start ({e}): {line:?}"));
    (child, ready, log_path)
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `oidctl` set up to sign in to `provider` as its public test client, with the scripted
/// browser (tests/provider/browser.sh) in `mode` logging to `log`.
pub fn with_browser(cmd: &mut Command, mode: &str, log: &std::path::Path) {
    require(Part::Node);
    cmd.env("BROWSER", provider_dir().join("browser.sh"))
        .env("TEST_BROWSER_MODE", mode)
        .env("TEST_BROWSER_LOG", log);
}

/// The JSON-lines log of the scripted browser.
pub fn browser_log(path: &std::path::Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

/// The first `event` in the browser's log, waiting for it: oidctl exits as soon as it has
/// answered the callback, so the browser may write its log line a moment later.
pub fn browser_event(path: &std::path::Path, event: &str) -> serde_json::Value {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let log = browser_log(path);
        if let Some(e) = log.iter().find(|e| e["event"] == event) {
            return e.clone();
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no {event} in the browser log: {log:?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// The same command as a `std::process::Command`, for tests that run several at once.
pub fn spawnable(cmd: &Command) -> std::process::Command {
    let mut std_cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("oidctl"));
    std_cmd.args(cmd.get_args());
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => std_cmd.env(k, v),
            None => std_cmd.env_remove(k),
        };
    }
    std_cmd
}

pub const CLIENT: &str = "oidctl-test";

/// An oidctl home with the file store and an ad-hoc provider, so each test is independent.
pub struct Env {
    pub o: Oidctl,
    pub provider: Provider,
    pub log: std::path::PathBuf,
}

impl Env {
    pub fn new(provider_args: &[&str]) -> Self {
        let o = Oidctl::new();
        let log = o.home.join("browser.log");
        Env {
            provider: Provider::start(provider_args),
            o,
            log,
        }
    }

    /// `oidctl SUBCOMMAND --issuer … --client-id … --store file ARGS`.
    pub fn cmd(&self, sub: &str, args: &[&str]) -> assert_cmd::Command {
        let mut cmd = self.o.cmd();
        cmd.arg(sub)
            .args([
                "--issuer",
                &self.provider.issuer,
                "--client-id",
                CLIENT,
                "--store",
                "file",
            ])
            .args(args);
        cmd
    }

    pub fn login(&self, mode: &str, args: &[&str]) -> std::process::Output {
        let mut cmd = self.cmd("login", args);
        with_browser(&mut cmd, mode, &self.log);
        let out = cmd.output().unwrap();
        assert_no_panic(&out);
        out
    }

    pub fn token(&self, args: &[&str]) -> std::process::Output {
        let out = self.cmd("token", args).output().unwrap();
        assert_no_panic(&out);
        out
    }
}

#[track_caller]
pub fn ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        stdout(out),
        stderr(out)
    );
}

/// A running `oidctl login --device`.
pub struct DeviceLogin {
    child: std::process::Child,
    /// The rest of its stderr, read on a thread so it never blocks on a full pipe.
    rest: std::thread::JoinHandle<String>,
    /// The URL it showed that carries the code (verification_uri_complete), if it did.
    pub url: String,
    /// The user code it showed.
    pub code: String,
    /// What it showed, up to the line asked for.
    pub shown: String,
}

impl DeviceLogin {
    /// Its output, with the whole of stderr.
    pub fn wait(self) -> std::process::Output {
        let mut out = self.child.wait_with_output().unwrap();
        let rest = self.rest.join().unwrap();
        out.stderr = format!("{}{rest}", self.shown).into_bytes();
        assert_no_panic(&out);
        out
    }
}

/// Starts `oidctl login --device` and reads its stderr as a person would, up to the line that
/// contains `until`.
pub fn start_device_login(cmd: &assert_cmd::Command, until: &str) -> DeviceLogin {
    use std::io::BufRead as _;
    use std::process::Stdio;
    let mut child = spawnable(cmd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut reader = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut shown = String::new();
    loop {
        let mut line = String::new();
        assert!(
            reader.read_line(&mut line).unwrap() > 0,
            "oidctl ended before showing a code: {shown}"
        );
        shown.push_str(&line);
        if line.contains(until) {
            break;
        }
    }
    let after = |marker: &str| {
        shown
            .split(marker)
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .map(|w| w.trim_end_matches(',').to_string())
            .unwrap_or_default()
    };
    let (url, code) = (after("(or open "), after("enter the code "));
    let rest = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut reader, &mut text);
        text
    });
    DeviceLogin {
        child,
        rest,
        url,
        code,
        shown,
    }
}

/// What a [`FaultServer`] does with each connection, after reading the request head.
#[derive(Clone, Debug)]
pub enum Fault {
    /// Accepts and never answers (a black-holed load balancer).
    Silent,
    /// A 200 JSON answer: the head at once, then the body one byte every `ms` milliseconds
    /// (a dying link, or a slowloris in reverse).
    Drip(u64),
    /// A head promising a 100 KB body, 20 bytes of it, then the connection closes.
    CloseMidBody,
    /// A 10 MB JSON body, with a Content-Length when `length` is set, else close-delimited.
    Huge { length: bool },
}

/// A raw TCP server on 127.0.0.1:0 that misbehaves in one [`Fault`] way; counts connections.
pub struct FaultServer {
    pub url: String,
    pub connections: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl FaultServer {
    pub fn start(fault: Fault) -> Self {
        use std::io::{Read as _, Write as _};
        use std::time::Duration;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let stop = Arc::new(AtomicBool::new(false));
        let connections = Arc::new(AtomicUsize::new(0));
        let (s, c) = (stop.clone(), connections.clone());
        let thread = std::thread::spawn(move || {
            let mut handlers = Vec::new();
            while !s.load(Ordering::SeqCst) {
                let Ok((mut stream, _)) = listener.accept() else {
                    std::thread::sleep(Duration::from_millis(10));
                    continue;
                };
                c.fetch_add(1, Ordering::SeqCst);
                let (fault, stop) = (fault.clone(), s.clone());
                handlers.push(std::thread::spawn(move || {
                    stream.set_nonblocking(false).unwrap();
                    stream
                        .set_read_timeout(Some(Duration::from_millis(200)))
                        .unwrap();
                    // The request head (and whatever body came with it in the first reads).
                    let mut seen = Vec::new();
                    let mut buf = [0u8; 4096];
                    while !seen.windows(4).any(|w| w == b"\r\n\r\n") && !stop.load(Ordering::SeqCst)
                    {
                        match stream.read(&mut buf) {
                            Ok(0) => return,
                            Ok(n) => seen.extend_from_slice(&buf[..n]),
                            Err(_) => continue,
                        }
                    }
                    let idle = |stop: &AtomicBool| {
                        while !stop.load(Ordering::SeqCst) {
                            std::thread::sleep(Duration::from_millis(20));
                        }
                    };
                    match fault {
                        Fault::Silent => idle(&stop),
                        Fault::Drip(ms) => {
                            let body = format!("{{\"pad\":\"{}\"}}", " ".repeat(100_000));
                            let head = format!(
                                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                                body.len()
                            );
                            if stream.write_all(head.as_bytes()).is_err() {
                                return;
                            }
                            for byte in body.bytes() {
                                if stop.load(Ordering::SeqCst) || stream.write_all(&[byte]).is_err()
                                {
                                    return;
                                }
                                std::thread::sleep(Duration::from_millis(ms));
                            }
                        }
                        Fault::CloseMidBody => {
                            let _ = stream.write_all(
                                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"issuer\":\"https://",
                            );
                            let _ = stream.shutdown(std::net::Shutdown::Both);
                        }
                        Fault::Huge { length } => {
                            const SIZE: usize = 10 * 1024 * 1024;
                            let head = if length {
                                format!(
                                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {SIZE}\r\n\r\n"
                                )
                            } else {
                                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n".to_string()
                            };
                            if stream.write_all(head.as_bytes()).is_err() {
                                return;
                            }
                            let mut chunk = vec![b' '; 64 * 1024];
                            chunk[0] = b'[';
                            let mut sent = 0;
                            while sent < SIZE {
                                let n = chunk.len().min(SIZE - sent);
                                if stop.load(Ordering::SeqCst) || stream.write_all(&chunk[..n]).is_err() {
                                    return;
                                }
                                chunk[0] = b' ';
                                sent += n;
                            }
                            let _ = stream.shutdown(std::net::Shutdown::Both);
                        }
                    }
                }));
            }
            for h in handlers {
                let _ = h.join();
            }
        });
        FaultServer {
            url,
            connections,
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Where the file store of `o` keeps the set of an ad-hoc sign-in to `issuer` as client `c`
/// with the default scopes (the file is named by a digest of the store key, as oidctl does).
pub fn token_file(o: &Oidctl, issuer: &str) -> (String, PathBuf) {
    let key = format!("adhoc:{issuer}|c|openid profile email offline_access");
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, key.as_bytes());
    let name: String = digest.as_ref()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let dir = o.home.join("data/oidctl/tokens");
    std::fs::create_dir_all(&dir).unwrap();
    (key, dir.join(format!("{name}.json")))
}

/// A port on 127.0.0.1 where nothing listens.
pub fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// A throwaway CA and a server certificate from tests/provider/make-test-ca.sh, for the
/// subject alternative names `san` (default: 127.0.0.1, ::1, localhost).
pub fn test_ca(san: Option<&str>) -> tempfile::TempDir {
    require(Part::Openssl);
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = std::process::Command::new(provider_dir().join("make-test-ca.sh"));
    cmd.arg(dir.path());
    if let Some(san) = san {
        cmd.env("SERVER_SAN", san);
    }
    let made = cmd.output().unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    dir
}
