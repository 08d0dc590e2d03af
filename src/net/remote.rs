//! Where oidctl runs, as far as a sign-in cares: over SSH, inside WSL, with or without a
//! display, under a terminal multiplexer. The environment variables that say so (not oidctl's
//! own, so not in `env.rs`) are read here and nowhere else; [`Place::detect`] is pure, so each
//! case is unit-tested with the values given.

use std::sync::OnceLock;

/// The facts a [`Place`] is decided from; `None` or empty is unset.
#[derive(Debug, Default, Clone)]
pub struct Facts {
    pub ssh_connection: Option<String>,
    pub ssh_tty: Option<String>,
    pub display: Option<String>,
    pub wayland_display: Option<String>,
    pub wsl_distro_name: Option<String>,
    pub wsl_interop: Option<String>,
    /// /proc/sys/kernel/osrelease ("…-microsoft-standard-WSL2" inside WSL).
    pub osrelease: Option<String>,
    pub user: Option<String>,
    /// `$TMUX` or `$STY` (screen): a multiplexer that may not pass OSC 52 on.
    pub multiplexer: Option<String>,
    pub term: Option<String>,
    /// `$BROWSER`: the user said how to open a browser here.
    pub browser: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Place {
    /// Over SSH: the browser is on another machine.
    pub ssh: bool,
    /// Inside WSL: the browser is Windows', which reaches this loopback (WSL 2).
    pub wsl: bool,
    /// A graphical session (or a platform that always has one).
    pub display: bool,
    /// `user@host` for an `ssh -L` line: `$USER` and the server address of `$SSH_CONNECTION`.
    pub ssh_target: Option<String>,
    pub multiplexer: bool,
    pub browser_set: bool,
}

fn set(v: &Option<String>) -> bool {
    v.as_deref().is_some_and(|v| !v.trim().is_empty())
}

impl Place {
    pub fn detect(f: &Facts, desktop_platform: bool) -> Place {
        let ssh = set(&f.ssh_connection) || set(&f.ssh_tty);
        let wsl = set(&f.wsl_distro_name)
            || set(&f.wsl_interop)
            || f.osrelease
                .as_deref()
                .is_some_and(|r| r.to_ascii_lowercase().contains("microsoft"));
        // "client_ip client_port server_ip server_port": the address the user came in on.
        let server = f
            .ssh_connection
            .as_deref()
            .and_then(|c| c.split_whitespace().nth(2))
            .map(|ip| {
                if ip.contains(':') {
                    format!("[{ip}]")
                } else {
                    ip.to_string()
                }
            });
        let ssh_target = ssh.then(|| {
            let host = server.unwrap_or_else(|| "HOST".into());
            match f.user.as_deref().filter(|u| !u.is_empty()) {
                Some(user) => format!("{user}@{host}"),
                None => host,
            }
        });
        Place {
            ssh,
            wsl,
            display: desktop_platform || wsl || set(&f.display) || set(&f.wayland_display),
            ssh_target,
            multiplexer: set(&f.multiplexer)
                || f.term
                    .as_deref()
                    .is_some_and(|t| t.starts_with("screen") || t.starts_with("tmux")),
            browser_set: set(&f.browser),
        }
    }

    /// Whether the browser that signs in is most likely not on this machine (SSH, or no
    /// display outside WSL): then the redirect is pasted, when there is a terminal to paste in.
    pub fn browser_elsewhere(&self) -> bool {
        self.ssh || !self.display
    }

    /// The line that forwards `port` from the user's machine to this one.
    pub fn ssh_forward(&self, port: u16) -> Option<String> {
        let target = self.ssh_target.as_deref()?;
        Some(format!("ssh -L {port}:127.0.0.1:{port} {target}"))
    }
}

/// This process's place, from its environment, read once.
pub fn here() -> &'static Place {
    static PLACE: OnceLock<Place> = OnceLock::new();
    PLACE.get_or_init(|| {
        let get = |name| std::env::var(name).ok().filter(|v| !v.is_empty());
        let facts = Facts {
            ssh_connection: get("SSH_CONNECTION"),
            ssh_tty: get("SSH_TTY"),
            display: get("DISPLAY"),
            wayland_display: get("WAYLAND_DISPLAY"),
            wsl_distro_name: get("WSL_DISTRO_NAME"),
            wsl_interop: get("WSL_INTEROP"),
            osrelease: if cfg!(target_os = "linux") {
                std::fs::read_to_string("/proc/sys/kernel/osrelease").ok()
            } else {
                None
            },
            user: get("USER").or_else(|| get("LOGNAME")),
            multiplexer: get("TMUX").or_else(|| get("STY")),
            term: get("TERM"),
            browser: get("BROWSER"),
        };
        Place::detect(&facts, cfg!(any(target_os = "macos", windows)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Option<String> {
        Some(v.into())
    }

    #[test]
    fn ssh_is_seen_and_named() {
        let f = Facts {
            ssh_connection: s("203.0.113.7 51234 198.51.100.2 22"),
            user: s("ada"),
            display: s(":0"),
            ..Facts::default()
        };
        let p = Place::detect(&f, false);
        assert!(p.ssh && p.browser_elsewhere() && !p.wsl);
        assert_eq!(
            p.ssh_forward(8400).unwrap(),
            "ssh -L 8400:127.0.0.1:8400 ada@198.51.100.2"
        );
        let p = Place::detect(
            &Facts {
                ssh_tty: s("/dev/pts/3"),
                ..Facts::default()
            },
            true,
        );
        assert!(p.ssh);
        assert_eq!(p.ssh_forward(1).unwrap(), "ssh -L 1:127.0.0.1:1 HOST");
        let p = Place::detect(
            &Facts {
                ssh_connection: s("::1 5 fe80::2 22"),
                ..Facts::default()
            },
            false,
        );
        assert_eq!(p.ssh_target.as_deref(), Some("[fe80::2]"));
    }

    #[test]
    fn wsl_and_displays() {
        for f in [
            Facts {
                wsl_distro_name: s("Ubuntu"),
                ..Facts::default()
            },
            Facts {
                wsl_interop: s("/run/WSL/1_interop"),
                ..Facts::default()
            },
            Facts {
                osrelease: s("5.15.167.4-microsoft-standard-WSL2\n"),
                ..Facts::default()
            },
        ] {
            let p = Place::detect(&f, false);
            assert!(p.wsl && p.display && !p.browser_elsewhere(), "{f:?}");
        }
        let headless = Place::detect(&Facts::default(), false);
        assert!(!headless.display && headless.browser_elsewhere() && !headless.ssh);
        let desktop = Place::detect(
            &Facts {
                wayland_display: s("wayland-0"),
                ..Facts::default()
            },
            false,
        );
        assert!(!desktop.browser_elsewhere());
        assert!(!Place::detect(&Facts::default(), true).browser_elsewhere());
        let tmux = Place::detect(
            &Facts {
                multiplexer: s("/tmp/tmux-0/default,1,0"),
                ..Facts::default()
            },
            true,
        );
        assert!(tmux.multiplexer);
    }
}
