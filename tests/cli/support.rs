//! The harness: the real binary with a clean environment, the fixtures, a signing helper for
//! tokens whose claims depend on the test (a server's random port), and a small HTTP server on
//! 127.0.0.1:0 that serves fixed documents and counts requests.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use assert_cmd::Command;
use base64::Engine as _;

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
            .env_remove("CLICOLOR_FORCE");
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

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// A loopback HTTP server: unknown paths get 404; every request is counted by path.
pub struct Server {
    pub url: String,
    routes: Arc<Mutex<HashMap<String, Route>>>,
    hits: Arc<Mutex<HashMap<String, usize>>>,
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
        let routes: Arc<Mutex<HashMap<String, Route>>> = Arc::default();
        let hits: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let (r, h, s) = (routes.clone(), hits.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            while !s.load(Ordering::SeqCst) {
                let Ok(Some(request)) = server.recv_timeout(std::time::Duration::from_millis(50))
                else {
                    continue;
                };
                let path = request.url().to_string();
                *h.lock().unwrap().entry(path.clone()).or_default() += 1;
                let route = r.lock().unwrap().get(&path).cloned();
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
            stop,
            thread: Some(thread),
        }
    }

    pub fn route(&self, path: &str, route: Route) {
        self.routes.lock().unwrap().insert(path.into(), route);
    }

    pub fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }

    pub fn total_hits(&self) -> usize {
        self.hits.lock().unwrap().values().sum()
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
