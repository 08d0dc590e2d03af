//! What some tests need besides a Rust toolchain, checked in this one place. A test that needs a
//! part starts with `needs!(Part::…)`. Where a part is missing the test returns early (it passes
//! without running) and the first such test of the process writes one notice straight to the
//! terminal, past libtest's capture; with `OIDCTL_TEST_REQUIRE_ALL=1` (scripts/test.sh, so CI)
//! the test fails instead, saying what is missing and how to install it.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Once, OnceLock};

/// Set to `1` (scripts/test.sh does): a missing part fails the tests that need it.
pub const REQUIRE_ALL: &str = "OIDCTL_TEST_REQUIRE_ALL";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Node.js with tests/provider's npm packages: the test provider (oidc-provider), the fake
    /// Entra ID, the protected test API, the scripted browsers and openid-client.
    Node,
    /// A private Secret Service per test: dbus-daemon, dbus-send, gnome-keyring-daemon, and
    /// secret-tool to look into it.
    SecretService,
    /// Headless Chromium (driven by playwright-core), for the sign-in in a real browser.
    Chromium,
    /// The openssl command, which makes the throwaway test CA (tests/provider/make-test-ca.sh).
    Openssl,
    /// python3 with jwcrypto, the independent JOSE implementation that checks what oidctl signs
    /// and encrypts (the fixtures are made with it too).
    Jwcrypto,
    /// zsh and fish, to run the completion scripts in the real shells (bash is always here).
    Shells,
}

const ALL: [Part; 6] = [
    Part::Node,
    Part::SecretService,
    Part::Chromium,
    Part::Openssl,
    Part::Jwcrypto,
    Part::Shells,
];

impl Part {
    fn name(self) -> &'static str {
        match self {
            Part::Node => "Node.js with tests/provider's npm packages",
            Part::SecretService => "a Secret Service (D-Bus, gnome-keyring)",
            Part::Chromium => "Chromium",
            Part::Openssl => "openssl",
            Part::Jwcrypto => "python3 with jwcrypto",
            Part::Shells => "zsh and fish",
        }
    }

    /// The suites whose tests need the part (modules of tests/cli).
    fn needed_by(self) -> &'static str {
        match self {
            Part::Node => {
                "the tests against the real provider, the fake Entra ID and the test API: \
                 call, claims_challenge, crash, discover, endpoints, entra, faults, grants, \
                 keyring, login, secrets, serve, stepup"
            }
            Part::SecretService => "the keyring tests: keyring, crash",
            Part::Chromium => "login::sign_in_in_a_real_headless_chromium",
            Part::Openssl => {
                "the TLS tests: faults::tls_that_does_not_verify, \
                 login::provider_over_tls_with_a_test_ca, sign::pkcs1_and_sec1_private_keys_sign"
            }
            Part::Jwcrypto => {
                "sign::every_algorithm_verifies_with_jwcrypto_and_oidctl, \
                 jwk::private_keys_round_trip_and_jwcrypto_reads_them, the JWE tests with \
                 jwcrypto: jwe::jwcrypto_*, jwe::encrypt_picks_alg_and_enc_by_key_and_marks_nested_jwts"
            }
            Part::Shells => "help::profile_names_complete_in_zsh_and_fish",
        }
    }

    fn install(self) -> &'static str {
        match self {
            Part::Node => {
                "Node.js 20 or newer (Debian: apt-get install nodejs npm), then \
                 `npm ci --prefix tests/provider --no-audit --no-fund`"
            }
            Part::SecretService => "Debian: apt-get install dbus gnome-keyring libsecret-tools",
            Part::Chromium => {
                "Debian: apt-get install chromium (elsewhere: CHROMIUM_PATH=/path/to/chromium)"
            }
            Part::Openssl => "Debian: apt-get install openssl",
            Part::Jwcrypto => {
                "python3 (Debian: apt-get install python3-pip), then \
                 `pip install jwcrypto==1.6.1 cryptography==50.0.2`"
            }
            Part::Shells => "Debian: apt-get install zsh fish",
        }
    }

    /// Why the part is missing, or `None` when it is here; looked at once per process.
    fn missing(self) -> Option<&'static str> {
        static SEEN: [OnceLock<Option<String>>; ALL.len()] = [
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
        ];
        SEEN[self as usize]
            .get_or_init(|| match self {
                Part::Node => node_missing(),
                Part::SecretService => not_on_path(&[
                    "dbus-daemon",
                    "dbus-send",
                    "gnome-keyring-daemon",
                    "secret-tool",
                ]),
                Part::Chromium => {
                    // Where tests/provider/chromium.mjs looks for it.
                    let path = std::env::var_os("CHROMIUM_PATH")
                        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
                    (!is_executable(&path)).then(|| format!("no program at {}", path.display()))
                }
                Part::Openssl => not_on_path(&["openssl"]),
                Part::Jwcrypto => jwcrypto_missing(),
                Part::Shells => not_on_path(&["zsh", "fish"]),
            })
            .as_deref()
    }
}

/// Whether every one of `parts` is here. When one is not: with [`REQUIRE_ALL`] set this panics
/// (the test fails); otherwise the process's first call writes the notice, and it says `false`.
pub fn available(parts: &[Part]) -> bool {
    let missing: Vec<Part> = parts
        .iter()
        .copied()
        .filter(|p| p.missing().is_some())
        .collect();
    if missing.is_empty() {
        return true;
    }
    if std::env::var_os(REQUIRE_ALL).is_some_and(|v| v == "1") {
        panic!(
            "this test needs what this machine lacks ({REQUIRE_ALL}=1 is set, so it may not \
             pass without running):\n{}",
            describe(&missing)
        );
    }
    static NOTICE: Once = Once::new();
    NOTICE.call_once(|| {
        let missing: Vec<Part> = ALL.into_iter().filter(|p| p.missing().is_some()).collect();
        // Straight to the process's stderr: libtest captures only print!/eprint!, so this shows
        // whatever the test's outcome, once, in `cargo test`'s output.
        let _ = writeln!(
            std::io::stderr(),
            "\nnote: this machine lacks parts that some tests need; those tests pass here \
             without running:\n{}\
             `scripts/test.sh` installs them all and runs every test, as CI does (where \
             {REQUIRE_ALL}=1 makes a missing part fail the run).\n",
            describe(&missing)
        );
    });
    false
}

/// Starts a test that needs `parts`: returns from it early where one of them is missing (see
/// [`available`]).
macro_rules! needs {
    ($($part:expr),+ $(,)?) => {
        if !$crate::support::available(&[$($part),+]) {
            return;
        }
    };
}
pub(crate) use needs;

/// For the harness's own use of a part: a test that reaches it without `needs!` fails, so the
/// declaration cannot be forgotten.
pub(crate) fn require(part: Part) {
    if part.missing().is_some() {
        panic!(
            "this test uses {} but does not start with `needs!(Part::{part:?})`, which would \
             skip it here:\n{}",
            part.name(),
            describe(&[part])
        );
    }
}

fn describe(parts: &[Part]) -> String {
    parts
        .iter()
        .map(|&p| {
            format!(
                "  - {}: {}\n      needed by {}\n      install: {}\n",
                p.name(),
                p.missing().unwrap_or("here"),
                p.needed_by(),
                p.install()
            )
        })
        .collect()
}

fn node_missing() -> Option<String> {
    if let Some(why) = not_on_path(&["node"]) {
        return Some(why);
    }
    let dir = super::provider_dir();
    let package: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("package.json")).expect("tests/provider/package.json"),
    )
    .expect("tests/provider/package.json is JSON");
    let version = match std::process::Command::new("node").arg("--version").output() {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).trim().to_string(),
        _ => return Some("`node --version` does not run".into()),
    };
    let major = |v: &str| {
        v.trim_start_matches(['v', '>', '='])
            .split('.')
            .next()
            .and_then(|m| m.parse::<u32>().ok())
    };
    if let Some(wanted) = package["engines"]["node"].as_str()
        && major(&version) < major(wanted)
    {
        return Some(format!("node {version:?} is not {wanted}"));
    }
    let absent: Vec<&str> = package["dependencies"]
        .as_object()
        .expect("dependencies in tests/provider/package.json")
        .keys()
        .map(String::as_str)
        .filter(|name| {
            !dir.join("node_modules")
                .join(name)
                .join("package.json")
                .exists()
        })
        .collect();
    (!absent.is_empty()).then(|| {
        format!(
            "not installed in tests/provider/node_modules: {}",
            absent.join(", ")
        )
    })
}

fn not_on_path(programs: &[&str]) -> Option<String> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let absent: Vec<&str> = programs
        .iter()
        .copied()
        .filter(|p| !std::env::split_paths(&path).any(|dir| is_executable(&dir.join(p))))
        .collect();
    (!absent.is_empty()).then(|| format!("not on PATH: {}", absent.join(", ")))
}

fn is_executable(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    meta.is_file()
}

fn jwcrypto_missing() -> Option<String> {
    if let Some(why) = not_on_path(&["python3"]) {
        return Some(why);
    }
    match std::process::Command::new("python3")
        .args(["-c", "import jwcrypto"])
        .output()
    {
        Ok(out) if out.status.success() => None,
        _ => Some("python3 cannot import jwcrypto".into()),
    }
}
